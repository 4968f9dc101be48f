// Package portrait describes the customer portrait (客户画像) and the ready analyses built on
// it, over the customer wide table wide: their options with documented defaults, their result
// types and the lookups they use (channel families, industry sections). The analyses run in
// DuckDB, in engine/portrait/portraitdb:
//
//   - Tags: the relation portrait — wide plus usage-pattern and service-preference tags
//     (usage level, peak pattern, trend class, irregular use, payment channel family,
//     complaint-prone), beside wide's own fee-risk class and credit score and grade.
//   - Value: the AHP value score of business (big) customers on six dimensions, ranked, with
//     the top 20 % marked (seed 001).
//   - Payment: payment-behaviour segments of residential customers by payment timing and
//     channel family, clustered and profiled (seed 004).
//   - Business: business customers by GB/T 4754 industry section and tier (high-end, mid,
//     ordinary by voltage and contracted capacity), with a profile by tier and section.
//
// This package runs no SQL, so that front ends can show the results without reaching
// database/sql. Every threshold is a bound parameter of queries/portrait whose default is
// documented here.
//
// The workbench reads the portrait tags from the relation portrait, not from wide
// (queries/wide_table.sql is left as it is). portrait is a table materialised from wide rather
// than a view because DuckDB views cannot hold bound parameters: call portraitdb.Tags again
// after wide is rebuilt or the thresholds change.
package portrait

import (
	"fmt"

	"github.com/seglab/seglab/engine/profile"
)

// Table is the relation portraitdb.Tags creates: wide plus the portrait tags, one row per customer.
const Table = "portrait"

// Thresholds turn wide's usage and service columns into portrait tags. They are bound into
// queries/portrait/portrait.sql as parameters.
//
//   - usage_level: low when annual_kwh ≤ the LevelLowQuantile quantile of annual_kwh among the
//     customers of the same customer_type (residential or business), medium when ≤ the
//     LevelHighQuantile quantile, high above (quantiles interpolated linearly).
//   - peak_pattern: peak_heavy when peak_share ≥ PeakHeavyShare, off_peak when peak_share <
//     OffPeakShare, else balanced.
//   - usage_trend_class: rising when usage_trend ≥ TrendThreshold (% of mean monthly kWh per
//     month), falling when ≤ −TrendThreshold, else stable.
//   - irregular_use: usage_cv > IrregularCV.
//   - complaint_prone: complaints_12m ≥ ComplaintMin.
//   - payment_channel_family: the family of main_payment_channel (ChannelFamilies).
type Thresholds struct {
	LevelLowQuantile  float64
	LevelHighQuantile float64
	PeakHeavyShare    float64
	OffPeakShare      float64
	TrendThreshold    float64
	IrregularCV       float64
	ComplaintMin      int
}

// DefaultThresholds returns tertiles for the usage level; peak-heavy at a peak share of 45 %
// or more and off-peak below 30 % (the sample's residential customers have a median of 36 %);
// a trend of ±1 % of mean monthly use per month (about ±12 % a year); irregular use when the
// monthly coefficient of variation exceeds 0.35 (about the top 7 % of residential customers
// in the sample); complaint-prone with 2 complaints or more in 12 months.
func DefaultThresholds() Thresholds {
	return Thresholds{
		LevelLowQuantile:  1.0 / 3,
		LevelHighQuantile: 2.0 / 3,
		PeakHeavyShare:    0.45,
		OffPeakShare:      0.30,
		TrendThreshold:    1,
		IrregularCV:       0.35,
		ComplaintMin:      2,
	}
}

// Validate reports the first threshold that makes no sense.
func (t Thresholds) Validate() error {
	switch {
	case !(0 < t.LevelLowQuantile && t.LevelLowQuantile < t.LevelHighQuantile && t.LevelHighQuantile < 1):
		return fmt.Errorf("portrait: usage-level quantiles must satisfy 0 < low < high < 1, got %v and %v", t.LevelLowQuantile, t.LevelHighQuantile)
	case !(0 <= t.OffPeakShare && t.OffPeakShare <= t.PeakHeavyShare && t.PeakHeavyShare <= 1):
		return fmt.Errorf("portrait: peak shares must satisfy 0 ≤ off-peak ≤ peak-heavy ≤ 1, got %v and %v", t.OffPeakShare, t.PeakHeavyShare)
	case !(t.TrendThreshold >= 0):
		return fmt.Errorf("portrait: the trend threshold must not be negative, got %v", t.TrendThreshold)
	case !(t.IrregularCV >= 0):
		return fmt.Errorf("portrait: the irregular-use CV must not be negative, got %v", t.IrregularCV)
	case t.ComplaintMin < 1:
		return fmt.Errorf("portrait: complaint-prone needs at least 1 complaint, got %d", t.ComplaintMin)
	}
	return nil
}

// TagColumns describes the columns portraitdb.Tags adds to wide, for profiles and dimension
// pickers. Fee risk and credit are wide's own columns (fee_risk_class, credit_score,
// credit_grade).
var TagColumns = []profile.Column{
	{Name: "usage_level", Kind: profile.Categorical, LabelEN: "usage level", LabelZH: "用电水平"},
	{Name: "peak_pattern", Kind: profile.Categorical, LabelEN: "peak pattern", LabelZH: "峰时用电特征"},
	{Name: "usage_trend_class", Kind: profile.Categorical, LabelEN: "usage trend class", LabelZH: "用电趋势类别"},
	{Name: "irregular_use", Kind: profile.Categorical, LabelEN: "irregular use", LabelZH: "用电不规律"},
	{Name: "payment_channel_family", Kind: profile.Categorical, LabelEN: "payment channel family", LabelZH: "缴费渠道类别", ValueLabels: familyValueLabels},
	{Name: "complaint_prone", Kind: profile.Categorical, LabelEN: "complaint-prone", LabelZH: "易投诉"},
}

// TagCount is how many customers carry one value of one tag ("" is unknown).
type TagCount struct {
	Tag       string `json:"tag"`
	Value     string `json:"value"`
	Customers int64  `json:"customers"`
}

// TagsResult describes the portrait relation built.
type TagsResult struct {
	Table      string     `json:"table"`
	Rows       int64      `json:"rows"`
	Thresholds Thresholds `json:"thresholds"`
	Counts     []TagCount `json:"counts"` // per tag, values in order
}
