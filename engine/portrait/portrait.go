// Package portrait computes the customer portrait (客户画像) and the ready analyses built on it,
// over the customer wide table wide in DuckDB:
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
// Each analysis takes a context first and a *sql.DB holding wide, returns a Result struct and
// prints nothing, so that it can run inside a tea.Cmd. The SQL lives in queries/portrait;
// every threshold is a bound parameter whose default is documented here. The analyses write
// the session tables portrait, value_scores, payment_behaviour, payment_segments and
// business_tiers (replacing them); do not run two of the same kind on one database at once.
//
// The workbench reads the portrait tags from the relation portrait, not from wide
// (queries/wide_table.sql is left as it is). portrait is a table materialised from wide rather
// than a view because DuckDB views cannot hold bound parameters: call Tags again after wide is
// rebuilt or the thresholds change.
package portrait

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/seglab/seglab/engine/inputerr"
	"github.com/seglab/seglab/engine/profile"
	"github.com/seglab/seglab/queries"
)

// Table is the relation Tags creates: wide plus the portrait tags, one row per customer.
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

// TagColumns describes the columns Tags adds to wide, for profiles and dimension pickers.
// Fee risk and credit are wide's own columns (fee_risk_class, credit_score, credit_grade).
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

// tagInputs are the columns of wide the portrait tags are made from.
var tagInputs = []string{"customer_id", "customer_type", "annual_kwh", "peak_share", "usage_trend", "usage_cv", "main_payment_channel", "complaints_12m"}

// Tags (re)creates the table portrait in db from wide: every column of wide plus the tags of
// TagColumns, with th (see Thresholds). A wide table without one of the columns the tags
// come from is an *inputerr.Error naming the column.
func Tags(ctx context.Context, db *sql.DB, th Thresholds) (*TagsResult, error) {
	if err := th.Validate(); err != nil {
		return nil, err
	}
	have, err := columnsOf(ctx, db, "wide")
	if err != nil {
		return nil, err
	}
	if err := require("the customer portrait", have, tagInputs...); err != nil {
		return nil, err
	}
	for _, c := range TagColumns {
		if have[c.Name] {
			return nil, &inputerr.Error{ColumnName: c.Name, Msg: "the customer table already has this column, which the portrait adds; rename it"}
		}
	}
	if err := ensureLookups(ctx, db); err != nil {
		return nil, err
	}
	_, err = db.ExecContext(ctx, queries.Portrait("portrait.sql"),
		sql.Named("level_low_q", th.LevelLowQuantile),
		sql.Named("level_high_q", th.LevelHighQuantile),
		sql.Named("peak_heavy_share", th.PeakHeavyShare),
		sql.Named("off_peak_share", th.OffPeakShare),
		sql.Named("trend_threshold", th.TrendThreshold),
		sql.Named("irregular_cv", th.IrregularCV),
		sql.Named("complaint_min", th.ComplaintMin),
	)
	if err != nil {
		return nil, fmt.Errorf("portrait: building the portrait: %w", err)
	}
	r := &TagsResult{Table: Table, Thresholds: th}
	if err := db.QueryRowContext(ctx, queries.Template("count_relation", map[string]string{"Relation": Table})).Scan(&r.Rows); err != nil {
		return nil, fmt.Errorf("portrait: %w", err)
	}
	for _, c := range TagColumns {
		rows, err := db.QueryContext(ctx, queries.Template("tag_counts", map[string]string{"Column": c.Name, "Table": Table}))
		if err != nil {
			return nil, fmt.Errorf("portrait: counting %s: %w", c.Name, err)
		}
		for rows.Next() {
			tc := TagCount{Tag: c.Name}
			if err := rows.Scan(&tc.Value, &tc.Customers); err != nil {
				rows.Close()
				return nil, fmt.Errorf("portrait: counting %s: %w", c.Name, err)
			}
			r.Counts = append(r.Counts, tc)
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// ensureLookups (re)creates and fills the channel-family and industry-section tables.
func ensureLookups(ctx context.Context, db *sql.DB) error {
	if _, err := db.ExecContext(ctx, queries.Portrait("channel_family_create.sql")); err != nil {
		return fmt.Errorf("portrait: channel families: %w", err)
	}
	ins := queries.Portrait("channel_family_insert.sql")
	for _, c := range ChannelFamilies {
		for _, name := range []string{c.Channel, c.English} {
			if _, err := db.ExecContext(ctx, ins, sql.Named("channel", strings.ToLower(name)), sql.Named("family", c.Family)); err != nil {
				return fmt.Errorf("portrait: channel families: %w", err)
			}
		}
	}
	if _, err := db.ExecContext(ctx, queries.Portrait("section_create.sql")); err != nil {
		return fmt.Errorf("portrait: industry sections: %w", err)
	}
	ins = queries.Portrait("section_insert.sql")
	for _, s := range Sections {
		if _, err := db.ExecContext(ctx, ins, sql.Named("section", s.Letter), sql.Named("name_zh", s.NameZH), sql.Named("name_en", s.NameEN)); err != nil {
			return fmt.Errorf("portrait: industry sections: %w", err)
		}
	}
	return nil
}

// columnsOf returns the set of column names of relation.
func columnsOf(ctx context.Context, db *sql.DB, relation string) (map[string]bool, error) {
	rows, err := db.QueryContext(ctx, queries.Template("column_names", nil), relation)
	if err != nil {
		return nil, fmt.Errorf("portrait: listing the columns of %s: %w", relation, err)
	}
	defer rows.Close()
	have := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		have[name] = true
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(have) == 0 {
		return nil, errors.New("portrait: no customer table " + relation + " is open")
	}
	return have, nil
}

// relationExists reports whether a table or view called name exists.
func relationExists(ctx context.Context, db *sql.DB, name string) (bool, error) {
	var n int
	err := db.QueryRowContext(ctx, queries.Template("exists", nil), name).Scan(&n)
	return n > 0, err
}

// require returns an *inputerr.Error naming the first of names that have lacks.
func require(purpose string, have map[string]bool, names ...string) error {
	for _, n := range names {
		if !have[n] {
			return &inputerr.Error{ColumnName: n, Msg: fmt.Sprintf("%s needs this column of the customer wide table (see 'seglab features')", purpose)}
		}
	}
	return nil
}
