package profile

import "testing"

func TestCategoryPhrase(t *testing.T) {
	grade := CategoricalProfile{Column: "credit_grade", LabelEN: "credit grade", LabelZH: "信用等级"}
	if en, zh := categoryPhrase(grade, "E"); en != "credit grade mostly E" || zh != "信用等级多为E" {
		t.Errorf("unknown value: %q %q", en, zh)
	}
	family := CategoricalProfile{Column: "main_channel_family", LabelEN: "main channel family", LabelZH: "主要缴费渠道类别",
		valueLabels: map[string][2]string{"online": {"online / mobile", "线上"}}}
	if en, zh := categoryPhrase(family, "online"); en != "main channel family mostly online / mobile" || zh != "主要缴费渠道类别多为线上" {
		t.Errorf("labelled value: %q %q", en, zh)
	}
	if en, zh := categoryPhrase(CategoricalProfile{Column: "heating"}, "gas"); en != "mostly gas heating" || zh != "多为燃气采暖" {
		t.Errorf("known value: %q %q", en, zh)
	}
}
