package profile

import (
	"math"
	"strconv"

	"github.com/seglab/seglab/queries"
)

// Number is a float64 that encodes as JSON null when it is NaN or infinite (a mean of no
// values, an index against a zero average, an F statistic of constant groups).
type Number float64

// MarshalJSON writes the number, or null when it is not finite.
func (n Number) MarshalJSON() ([]byte, error) {
	f := float64(n)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, f, 'g', -1, 64), nil
}

var nan = math.NaN()

// DescriptiveNote says how to read the tests; Result carries it so that every display shows it.
const (
	DescriptiveNoteEN = "The ANOVA and chi-square tests are descriptive: the segments were built to differ, " +
		"so small p-values are expected and test no hypothesis chosen in advance."
	DescriptiveNoteZH = "方差分析与卡方检验仅作描述：分群本身就是为了拉开差异而构建的，p 值很小在意料之中，并不检验事先提出的假设。"
)

// Result is the profile of a segmentation. Slices indexed by segment follow Segments' order.
type Result struct {
	NoteEN     string `json:"note_en"`
	NoteZH     string `json:"note_zh"`
	Customers  int    `json:"customers"`
	Unassigned int    `json:"customers_without_segment"` // outside the segmented population; left out
	// QuartileSampleEvery is N when quartiles and medians were computed on a deterministic
	// 1-in-N sample of the customers (more than Options.ExactQuartiles of them); 0 when exact.
	QuartileSampleEvery int                  `json:"quartile_sample_every"`
	Segments            []Segment            `json:"segments"`
	Numeric             []NumericProfile     `json:"numeric"`
	Categorical         []CategoricalProfile `json:"categorical"`
	Survey              []SurveyCoverage     `json:"survey"`              // nil without a satisfaction column
	SatisfactionOutage  *SatisfactionOutage  `json:"satisfaction_outage"` // nil without satisfaction and outage columns
	Opportunities       []Opportunities      `json:"opportunities"`
	Skipped             []SkippedColumn      `json:"skipped_columns"`
}

// Segment is one segment's size, strongest traits and generated description.
type Segment struct {
	ID            int     `json:"segment"`
	Name          string  `json:"name"` // from the assignments' segment_name; empty when absent
	Customers     int     `json:"customers"`
	Share         Number  `json:"share"` // customers / all customers
	Traits        []Trait `json:"traits"`
	DescriptionEN string  `json:"description_en"`
	DescriptionZH string  `json:"description_zh"`
}

// Summary describes the non-missing values of a numeric column in one group.
type Summary struct {
	Count         int     `json:"count"` // non-missing values
	Mean          Number  `json:"mean"`
	SD            Number  `json:"sd"` // population standard deviation
	Q1            Number  `json:"q1"` // quartiles by linear interpolation (numpy's default)
	Median        Number  `json:"median"`
	Q3            Number  `json:"q3"`
	PositiveShare Number  `json:"positive_share"` // share of non-missing values above zero
	NegativeShare Number  `json:"negative_share"` // share of non-missing values below zero
	ss            float64 // sum of squared deviations from the mean
	shifted       float64 // mean minus the column's shift (its overall mean), for exact differences
}

// SegmentSummary is a Summary for one segment compared with the whole population.
type SegmentSummary struct {
	Segment int `json:"segment"`
	Summary
	// Index is segment mean / overall mean × 100: meaningful for a column without negative
	// values (NumericProfile.RatioScale), not for one that crosses zero.
	Index   Number `json:"index"`
	StdDiff Number `json:"std_diff"` // (segment mean − overall mean) / overall population sd
}

// ANOVA is a one-way analysis of variance of a numeric column across segments.
type ANOVA struct {
	F          Number `json:"f"`
	P          Number `json:"p"`
	EtaSquared Number `json:"eta_squared"`
	DFBetween  Number `json:"df_between"`
	DFWithin   Number `json:"df_within"`
}

// NumericProfile is one numeric column across segments.
type NumericProfile struct {
	Column   string           `json:"column"`
	LabelEN  string           `json:"label_en"`
	LabelZH  string           `json:"label_zh"`
	Overall  Summary          `json:"overall"`
	Segments []SegmentSummary `json:"segments"`
	ANOVA    ANOVA            `json:"anova"`
}

// RatioScale reports whether the column's index (segment mean ÷ population mean × 100) means
// anything: no value is negative and the population mean is above zero. For a column that
// crosses zero (a usage trend) compare segments by StdDiff instead.
func (np NumericProfile) RatioScale() bool {
	return np.Overall.NegativeShare == 0 && np.Overall.Mean > 0
}

// ValueShare is how often one category occurs in a group.
type ValueShare struct {
	Value string `json:"value"`
	Count int    `json:"count"`
	Share Number `json:"share"` // count / non-missing values of the group
	Lift  Number `json:"lift"`  // share / overall share (1 for the overall row)
}

// CategorySegment is one segment's distribution over a categorical column.
type CategorySegment struct {
	Segment int          `json:"segment"`
	Count   int          `json:"count"`  // non-missing values
	Shares  []ValueShare `json:"shares"` // in CategoricalProfile.Overall's order
}

// ChiSquare is Pearson's chi-square test of segment × category independence.
type ChiSquare struct {
	Chi2     Number `json:"chi2"`
	DF       Number `json:"df"`
	P        Number `json:"p"`
	CramersV Number `json:"cramers_v"`
}

// CategoricalProfile is one categorical column across segments. Missing values are left out.
type CategoricalProfile struct {
	Column      string               `json:"column"`
	valueLabels map[string][2]string // from Column.ValueLabels, for descriptions
	LabelEN     string               `json:"label_en"`
	LabelZH     string               `json:"label_zh"`
	Overall     []ValueShare         `json:"overall"` // most frequent first, ties by value
	Segments    []CategorySegment    `json:"segments"`
	ChiSquare   ChiSquare            `json:"chi_square"`
}

// ValueLabel is the word for one of the column's values in lang (ZH for Chinese, else
// English): its label when the column's vocabulary has one, else the value itself.
func (c CategoricalProfile) ValueLabel(value, lang string) string {
	l, ok := c.valueLabels[value]
	switch {
	case !ok && c.valueLabels == nil: // read back from JSON: the built-in vocabulary
		return queries.ValueLabel(c.Column, value, lang)
	case !ok:
		return value
	case lang == "zh":
		return l[1]
	}
	return l[0]
}

// Trait is one way a segment stands out from the population.
type Trait struct {
	Column    string `json:"column"`
	Kind      Kind   `json:"kind"`
	Value     string `json:"value,omitempty"` // the over-represented category
	Direction string `json:"direction"`       // high, low, many, few (numeric) or mostly (category)
	// Score ranks traits: |standardised difference| for a numeric column; for a category the
	// standardised difference of its share, (p − P)/√(P(1 − P)).
	Score   Number `json:"score"`
	Segment Number `json:"segment_value"` // segment mean, or the category's share in the segment
	Overall Number `json:"overall_value"` // overall mean, or the category's overall share
	EN      string `json:"phrase_en"`
	ZH      string `json:"phrase_zh"`
}

// SurveyCoverage says how far a segment's mean satisfaction can be trusted.
type SurveyCoverage struct {
	Segment   int    `json:"segment"`
	Customers int    `json:"customers"`
	Answers   int    `json:"answers"`  // customers with a satisfaction value
	Coverage  Number `json:"coverage"` // answers / customers
	Mean      Number `json:"mean"`
	SD        Number `json:"sd"`              // sample standard deviation (n − 1)
	HalfWidth Number `json:"ci95_half_width"` // t(0.975, n − 1) · sd / √n
	Low       Number `json:"ci95_low"`
	High      Number `json:"ci95_high"`
	TooFew    bool   `json:"too_few"` // fewer than MinAnswers answers or half-width above MaxHalfWidth
	Reason    string `json:"reason"`  // why TooFew, empty otherwise
}

// Quadrants of the satisfaction-versus-outage chart.
const (
	ManyOutagesSatisfied   = "many_outages_satisfied"
	FewOutagesUnsatisfied  = "few_outages_unsatisfied"
	FewOutagesSatisfied    = "few_outages_satisfied"
	ManyOutagesUnsatisfied = "many_outages_unsatisfied"
	QuadrantUnknown        = "unknown" // no survey answers
)

var quadrantNames = map[string][2]string{
	ManyOutagesSatisfied:   {"many outages, satisfied", "停电多·满意"},
	FewOutagesUnsatisfied:  {"few outages, unsatisfied", "停电少·不满意"},
	FewOutagesSatisfied:    {"few outages, satisfied", "停电少·满意"},
	ManyOutagesUnsatisfied: {"many outages, unsatisfied", "停电多·不满意"},
	QuadrantUnknown:        {"no survey answers", "无调查数据"},
}

// Reference is the population whose averages draw the chart's reference lines.
type Reference struct {
	Filter       string `json:"filter"` // "column = value", or empty for all customers
	Customers    int    `json:"customers"`
	Answers      int    `json:"answers"`
	OutageRatio  Number `json:"outage_ratio"` // outages in 12 months / customers
	Satisfaction Number `json:"satisfaction"` // mean of the answers
}

// OutagePoint is one segment on the satisfaction-versus-outage chart.
type OutagePoint struct {
	Segment      int    `json:"segment"`
	Customers    int    `json:"customers"` // the point's size
	Answers      int    `json:"answers"`
	OutageRatio  Number `json:"outage_ratio"` // x: outages in 12 months / customers
	Satisfaction Number `json:"satisfaction"` // y: mean satisfaction of surveyed customers
	// Quadrant is one of the Quadrant constants: many outages when the ratio is above the
	// reference line, satisfied when the mean is at or above it.
	Quadrant   string `json:"quadrant"`
	QuadrantEN string `json:"quadrant_en"`
	QuadrantZH string `json:"quadrant_zh"`
	// BestRegion is the region where this segment is most satisfied among regions with at
	// least MinAnswers answers; empty when none qualifies.
	BestRegion string `json:"best_region"`
}

// RegionCell is one segment in one region.
type RegionCell struct {
	Segment      int    `json:"segment"`
	Region       string `json:"region"`
	Customers    int    `json:"customers"`
	Answers      int    `json:"answers"`
	Satisfaction Number `json:"satisfaction"`
	HalfWidth    Number `json:"ci95_half_width"`
	OutageRatio  Number `json:"outage_ratio"`
	Best         bool   `json:"best"` // the segment's best region
}

// SatisfactionOutage is DOMAIN.md's satisfaction-versus-outage chart, overall and per region.
type SatisfactionOutage struct {
	Reference  Reference     `json:"reference"`
	MinAnswers int           `json:"min_answers"` // answers a region needs to be best
	Points     []OutagePoint `json:"points"`
	Regions    []RegionCell  `json:"regions"` // by segment, then region; nil without a region column
}

// Indicator is one opportunity figure of a segment against the population.
type Indicator struct {
	Key        string `json:"key"`
	LabelEN    string `json:"label_en"`
	LabelZH    string `json:"label_zh"`
	Segment    Number `json:"segment_value"`
	Population Number `json:"population_value"`
	Ratio      Number `json:"ratio"` // segment / population; null for differences
	Flag       bool   `json:"flag"`
	ReasonEN   string `json:"reason_en"` // why flagged, empty otherwise
	ReasonZH   string `json:"reason_zh"`
}

// Channel is a segment's most used channel.
type Channel struct {
	Value           string `json:"value"`
	Share           Number `json:"share"`
	PopulationShare Number `json:"population_share"`
}

// Opportunities gathers step 6 of the method for one segment: what stands out.
type Opportunities struct {
	Segment        int         `json:"segment"`
	Indicators     []Indicator `json:"indicators"`
	PaymentChannel *Channel    `json:"main_payment_channel"` // nil without main_payment_channel
	ContactChannel *Channel    `json:"main_contact_channel"` // nil without main_contact_channel
	Flags          int         `json:"flags"`                // indicators flagged
}

// SkippedColumn is a column that was not profiled, and why.
type SkippedColumn struct {
	Column string `json:"column"`
	Reason string `json:"reason"`
}

// UnmarshalJSON reads a number, or null as NaN, so that a Result written as JSON reads back
// the same.
func (n *Number) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*n = Number(nan)
		return nil
	}
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		return err
	}
	*n = Number(f)
	return nil
}
