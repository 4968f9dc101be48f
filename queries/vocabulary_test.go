package queries

import "testing"

// TestVocabularyNamesCategoricalColumns: every column of the vocabulary that is a wide-table
// column is a categorical one, and the wide table's coded columns all have a vocabulary.
func TestVocabularyNamesCategoricalColumns(t *testing.T) {
	for col := range vocabulary {
		if f, ok := FeatureByName(col); ok && f.Kind != KindCategorical {
			t.Errorf("vocabulary column %s is a %s feature", col, f.Kind)
		}
	}
	for _, col := range []string{"customer_type", "region", "housing", "heating", "special_group"} {
		if ValueLabels(col) == nil {
			t.Errorf("no vocabulary for the coded column %s", col)
		}
	}
}

func TestValueLabel(t *testing.T) {
	for _, c := range []struct{ col, val, lang, want string }{
		{"region", "east", "zh", "东部"}, {"region", "east", "en", "east"}, {"heating", "gas", "zh", "燃气"},
		{"special_group", "low_income", "en", "low income"}, {"usage_level", "high", "zh", "高"},
		{"region", "north", "zh", "north"}, {"满意度", "7", "zh", "7"},
		{"region", "西部", "en", "west"}, {"region", "西部", "zh", "西部"}, {"heating", "燃气", "en", "gas"},
	} {
		if got := ValueLabel(c.col, c.val, c.lang); got != c.want {
			t.Errorf("ValueLabel(%s, %s, %s) = %q, want %q", c.col, c.val, c.lang, got, c.want)
		}
	}
	m := ValueLabels("region")
	m["east"] = [2]string{"x", "y"}
	if ValueLabel("region", "east", "zh") != "东部" {
		t.Error("ValueLabels returned the catalogue itself, not a copy")
	}
}
