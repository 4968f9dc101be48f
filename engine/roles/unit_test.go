package roles

import "testing"

// TestUnitFactorFromTheUnitsTable: units come from queries/units.tsv, for the role itself or
// for a role of the same canonical unit; a canonical or unknown unit needs no factor.
func TestUnitFactorFromTheUnitsTable(t *testing.T) {
	for _, c := range []struct {
		role, unit string
		want       float64
	}{
		{"duration_min", "小时", 60}, {"outage_minutes_12m", "小时", 60}, {"outage_minutes_12m", "Hours", 60},
		{"outage_minutes_12m", "天", 1440}, {"annual_kwh", "万千瓦时", 10000}, {"duration_min", "分钟", 0},
		{"outage_minutes_12m", "furlongs", 0}, {"region", "小时", 0}, {"nope", "小时", 0},
	} {
		if got := UnitFactor(c.role, c.unit); got != c.want {
			t.Errorf("UnitFactor(%s, %s) = %v, want %v", c.role, c.unit, got, c.want)
		}
	}
}
