package backend

import (
	"reflect"
	"testing"
)

func TestSplitConditions(t *testing.T) {
	cases := []struct {
		in   string
		want []ColumnValue
	}{
		{"区域=东部", []ColumnValue{{"区域", "东部"}}},
		{" 区域 = 东部 且 客户类型 = 居民 ", []ColumnValue{{"区域", "东部"}, {"客户类型", "居民"}}},
		{"region=east and customer_type=residential", []ColumnValue{{"region", "east"}, {"customer_type", "residential"}}},
		{"a=1 AND b=2 && c=3", []ColumnValue{{"a", "1"}, {"b", "2"}, {"c", "3"}}},
		{"name=Sand Hill", []ColumnValue{{"name", "Sand Hill"}}}, // "and" inside a word is no join
		{"x=", []ColumnValue{{"x", ""}}},
	}
	for _, c := range cases {
		got, ok := SplitConditions(c.in)
		if !ok || !reflect.DeepEqual(got, c.want) {
			t.Errorf("SplitConditions(%q) = %v, %v; want %v", c.in, got, ok, c.want)
		}
	}
	for _, bad := range []string{"", "region", "=east", "region=east and", "a=1 且 b"} {
		if got, ok := SplitConditions(bad); ok {
			t.Errorf("SplitConditions(%q) accepted %v", bad, got)
		}
	}
}
