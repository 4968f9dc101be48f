package portrait

import (
	"github.com/seglab/seglab/engine/ahp"
)

// ValueTable is the table portraitdb.Value writes: one row per business customer, ranked.
const ValueTable = "value_scores"

// Criterion is one dimension of big-customer value and the wide-table columns it is read from.
type Criterion struct {
	Key        string `json:"key"`
	LabelEN    string `json:"label_en"`
	LabelZH    string `json:"label_zh"`
	Definition string `json:"definition"`
}

// Criteria are the six dimensions of big-customer value (seed 001: 购电水平、利润、忠诚度、
// 信用状况、发展潜力、盈利能力), in the order of the comparison matrix:
//
//   - purchase level = annual_kwh: what the customer buys;
//   - profit = avg_monthly_bill: the revenue billed per month — the wide table holds no cost,
//     so revenue stands for the gross profit the customer brings;
//   - loyalty = tenure_years: how long the account has been held;
//   - credit = credit_score (widetable.Rules): how reliably bills are paid;
//   - growth potential = usage_trend: the month-on-month slope of kWh, % of mean use;
//   - profitability = avg_monthly_bill / contract_capacity_kva: revenue per kVA of capacity the
//     utility must reserve for the customer. A customer that uses the capacity it contracted
//     earns more on the same network investment; price per kWh was not chosen because it is set
//     by the tariff of the usage class, not by the customer.
var Criteria = []Criterion{
	{"purchase_level", "purchase level", "购电水平", "annual_kwh"},
	{"profit", "profit", "利润", "avg_monthly_bill"},
	{"loyalty", "loyalty", "忠诚度", "tenure_years"},
	{"credit", "credit", "信用状况", "credit_score"},
	{"growth", "growth potential", "发展潜力", "usage_trend"},
	{"profitability", "profitability", "盈利能力", "avg_monthly_bill / contract_capacity_kva"},
}

// DefaultValueMatrix is the pairwise comparison of Criteria used when none is given (Saaty's
// 1–9 scale, row over column): current value first — purchase level and profit equal and
// moderately above the rest; credit and growth potential equal, between them; loyalty and
// profitability least. Its consistency ratio is about 0.004.
var DefaultValueMatrix = [][]float64{
	{1, 1, 3, 2, 2, 3},
	{1, 1, 3, 2, 2, 3},
	{1.0 / 3, 1.0 / 3, 1, 1.0 / 2, 1.0 / 2, 1},
	{1.0 / 2, 1.0 / 2, 2, 1, 1, 2},
	{1.0 / 2, 1.0 / 2, 2, 1, 1, 2},
	{1.0 / 3, 1.0 / 3, 1, 1.0 / 2, 1.0 / 2, 1},
}

// Normalisation says how a dimension is brought to 0–1 among business customers.
type Normalisation string

const (
	// PercentileRank maps a value to (r − 1)/(n − 1), r its mid-rank among the n business
	// customers with a value (ties share the mean of their ranks). Robust to the very large
	// customers that dominate kWh and bills.
	PercentileRank Normalisation = "rank"
	// MinMax maps a value to (x − min)/(max − min).
	MinMax Normalisation = "minmax"
)

// ValueOptions configures portraitdb.Value. The zero value scores with DefaultValueMatrix,
// percentile ranks and the top 20 %.
type ValueOptions struct {
	// Matrix is the comparison matrix; nil means DefaultValueMatrix. When its criteria are
	// named (other than C1, C2, …), the names are matched to Criteria by key or label (English
	// or Chinese) in any order; unnamed, they are taken in Criteria's order.
	Matrix *ahp.Matrix
	// MatrixFile names the matrix's file in error messages.
	MatrixFile string
	// Top is the share of business customers marked top (0 means 0.2): the first ⌈Top·n⌉ by
	// rank, at least one.
	Top float64
	// Normalisation is PercentileRank (default) or MinMax.
	Normalisation Normalisation
}

// ValueRow is one business customer's score. Raw values are NaN when unknown; a missing value
// is normalised to 0.5.
type ValueRow struct {
	Rank       int        `json:"rank"`
	CustomerID string     `json:"customer_id"`
	Score      float64    `json:"score"`
	Top        bool       `json:"top"`
	Raw        [6]float64 `json:"-"`
	Normalised [6]float64 `json:"normalised"`
}

// ValueResult is the value scoring of the business customers.
type ValueResult struct {
	Criteria      []Criterion   `json:"criteria"`
	Matrix        [][]float64   `json:"matrix"` // in Criteria's order
	AHP           ahp.Result    `json:"-"`
	Weights       []float64     `json:"weights"` // AHP weights, in Criteria's order
	LambdaMax     float64       `json:"lambda_max"`
	CI            float64       `json:"consistency_index"`
	RI            float64       `json:"random_index"`
	CR            float64       `json:"consistency_ratio"`
	Normalisation Normalisation `json:"normalisation"`
	Top           float64       `json:"top_share"`
	Customers     int           `json:"customers"` // business customers scored
	TopCount      int           `json:"top_count"`
	Missing       [6]int        `json:"missing"` // customers without a value, per criterion
	Ranking       []ValueRow    `json:"ranking"` // every business customer, by rank
	Table         string        `json:"table"`
}
