package queries

import (
	"strings"
	"testing"
)

func TestCatalogueParses(t *testing.T) {
	fs := Features()
	if len(fs) == 0 || fs[0].Name != "customer_id" || fs[0].Kind != KindID {
		t.Fatalf("first feature = %+v, want customer_id of kind id", fs[0])
	}
	f, ok := FeatureByName("annual_kwh")
	if !ok || f.LabelZH != "年用电量" || f.Unit != "kWh" || f.Kind != KindNumeric || f.Sources[0] != "billing" {
		t.Fatalf("annual_kwh = %+v, %v", f, ok)
	}
	if _, ok := FeatureByName("no_such_feature"); ok {
		t.Fatal("FeatureByName found a feature that is not in the catalogue")
	}
}

func TestFeaturesReturnsCopy(t *testing.T) {
	a := Features()
	a[0].Name = "changed"
	a[0].Sources[0] = "changed"
	if b := Features(); b[0].Name != "customer_id" || b[0].Sources[0] != "customers" {
		t.Fatalf("caller's change leaked into the catalogue: %+v", b[0])
	}
}

func TestParseFeaturesRejectsFaults(t *testing.T) {
	const header = "name\tlabel_zh\tlabel_en\tmeaning_en\tmeaning_zh\tunit\tsource\tkind\n"
	const good = "x\t甲\tX\tmeans x\t甲的意思\tkWh\tbilling\tnumeric\n"
	cases := map[string]string{
		"bad header":     "name\tkind\n" + good,
		"too few fields": header + "x\t甲\tX\n",
		"empty label":    header + "x\t\tX\tmeans x\t甲的意思\tkWh\tbilling\tnumeric\n",
		"duplicate name": header + good + good,
		"unknown kind":   header + strings.Replace(good, "numeric", "ordinal", 1),
		"unknown source": header + strings.Replace(good, "billing", "meters", 1),
	}
	for name, tsv := range cases {
		if _, err := parseFeatures(tsv); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if fs, err := parseFeatures(header + good); err != nil || len(fs) != 1 || fs[0].Unit != "kWh" {
		t.Fatalf("good catalogue: %+v, %v", fs, err)
	}
}
