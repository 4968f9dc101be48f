package portrait

import (
	"fmt"
)

// BusinessTable is the table portraitdb.Business writes: one row per business customer with its
// section and tier.
const BusinessTable = "business_tiers"

// TierRules tier business customers by supply voltage and contracted capacity (seed 004:
// 按用电规模细分出高端客户、中端客户及普通客户; scale is read from voltage level and the size of
// the connected equipment): high_end when voltage_kv ≥ HighKV or contract_capacity_kva ≥
// HighKVA, mid when voltage_kv ≥ MidKV or capacity ≥ MidKVA, ordinary otherwise (also when
// both are unknown). Bound into queries/portrait/business.sql.
type TierRules struct {
	HighKV, HighKVA float64
	MidKV, MidKVA   float64
}

// DefaultTierRules: high-end from 35 kV or 5,000 kVA, mid from 10 kV or 315 kVA. 35 kV and up
// is the sub-transmission supply of large industry; 315 kVA is the capacity from which
// two-part (大工业) tariffs apply, and 5,000 kVA a large dedicated substation.
func DefaultTierRules() TierRules {
	return TierRules{HighKV: 35, HighKVA: 5000, MidKV: 10, MidKVA: 315}
}

// Validate reports rules that make no sense.
func (r TierRules) Validate() error {
	if !(r.MidKV > 0 && r.MidKV <= r.HighKV && r.MidKVA > 0 && r.MidKVA <= r.HighKVA) {
		return fmt.Errorf("portrait: tier thresholds must be positive with mid ≤ high, got %v kV / %v kVA and %v kV / %v kVA",
			r.MidKV, r.MidKVA, r.HighKV, r.HighKVA)
	}
	return nil
}

// Tiers in order, with their labels.
var Tiers = []struct{ Key, LabelEN, LabelZH string }{
	{"high_end", "high-end", "高端"},
	{"mid", "mid", "中端"},
	{"ordinary", "ordinary", "普通"},
}

// BusinessGroup profiles one group of business customers: a tier, a section, a tier within a
// section, or all of them. Sums and means skip unknown values.
type BusinessGroup struct {
	Tier            string  `json:"tier,omitempty"`
	Section         string  `json:"section,omitempty"` // "" for customers without an industry code
	SectionZH       string  `json:"section_name_zh,omitempty"`
	SectionEN       string  `json:"section_name_en,omitempty"`
	Customers       int     `json:"customers"`
	KWh             float64 `json:"kwh"`
	MeanKWh         float64 `json:"mean_kwh"`
	MonthlyBills    float64 `json:"monthly_bills"` // sum of average monthly bills
	MeanMonthlyBill float64 `json:"mean_monthly_bill"`
	Arrears         float64 `json:"arrears_over_60d"`
	InArrears       int     `json:"customers_in_arrears"`
	MeanCredit      float64 `json:"mean_credit_score"`
	Grades          [6]int  `json:"credit_grades"` // A, B, C, D, E, unknown
}

// BusinessResult is the classification of business customers.
type BusinessResult struct {
	Rules       TierRules       `json:"rules"`
	Table       string          `json:"table"`
	All         BusinessGroup   `json:"all"`
	ByTier      []BusinessGroup `json:"by_tier"`      // high_end, mid, ordinary (those present)
	BySection   []BusinessGroup `json:"by_section"`   // by section letter, unknown last
	TierSection []BusinessGroup `json:"tier_section"` // by tier, then section
}
