package portrait

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/seglab/seglab/engine/ahp"
	"github.com/seglab/seglab/engine/inputerr"
	"github.com/seglab/seglab/queries"
)

// ValueTable is the table Value writes: one row per business customer, ranked.
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

// ValueOptions configures Value. The zero value scores with DefaultValueMatrix, percentile
// ranks and the top 20 %.
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

// valueInputs are the wide columns the value dimensions are read from.
var valueInputs = []string{"customer_id", "customer_type", "annual_kwh", "avg_monthly_bill", "tenure_years", "credit_score", "usage_trend", "contract_capacity_kva"}

// Value weighs Criteria with AHP on opts.Matrix and scores every business customer of wide
// (customer_type = 'business'): score = Σ weight_i · normalised_i, 0–1, ranked by score
// (ties by customer id), the first ⌈Top·n⌉ marked top. It writes the table value_scores.
//
// A matrix with a consistency ratio above 0.1 is refused: Value then returns a ValueResult
// with the AHP figures (and nothing scored) and an error wrapping ahp.ErrInconsistent. A
// matrix of the wrong size or with unknown criterion names is an *inputerr.Error; so is a
// wide table without the columns the dimensions need, or without business customers.
func Value(ctx context.Context, db *sql.DB, opts ValueOptions) (*ValueResult, error) {
	top := opts.Top
	if top == 0 {
		top = 0.2
	}
	if !(top > 0 && top <= 1) {
		return nil, fmt.Errorf("portrait: the top share must be in (0, 1], got %v", top)
	}
	norm := opts.Normalisation
	if norm == "" {
		norm = PercentileRank
	}
	if norm != PercentileRank && norm != MinMax {
		return nil, fmt.Errorf("portrait: unknown normalisation %q (use rank or minmax)", norm)
	}
	matrix := DefaultValueMatrix
	if opts.Matrix != nil {
		var err error
		if matrix, err = orderMatrix(*opts.Matrix, opts.MatrixFile); err != nil {
			return nil, err
		}
	}
	res := &ValueResult{Criteria: Criteria, Matrix: matrix, Normalisation: norm, Top: top, Table: ValueTable}
	w, err := ahp.Weigh(matrix)
	res.AHP, res.Weights, res.LambdaMax = w, w.Weights, w.LambdaMax
	res.CI, res.RI, res.CR = w.ConsistencyIndex, w.RandomIndex, w.ConsistencyRatio
	if err != nil {
		if errors.Is(err, ahp.ErrInconsistent) {
			return res, err
		}
		if opts.MatrixFile != "" {
			return nil, inputerr.New(opts.MatrixFile, "%v", err)
		}
		return nil, err
	}
	have, err := columnsOf(ctx, db, "wide")
	if err != nil {
		return nil, err
	}
	if err := require("big-customer value", have, valueInputs...); err != nil {
		return nil, err
	}
	var n int
	if err := db.QueryRowContext(ctx, queries.Template("count_business", nil)).Scan(&n); err != nil {
		return nil, fmt.Errorf("portrait: counting business customers: %w", err)
	}
	if n == 0 {
		return nil, &inputerr.Error{ColumnName: "customer_type", Msg: "no business customers to value (customer_type is never 'business')"}
	}
	res.Customers = n
	res.TopCount = max(1, int(math.Ceil(top*float64(n)-1e-9)))
	args := []any{
		sql.Named("minmax", norm == MinMax),
		sql.Named("top_count", res.TopCount),
	}
	for i, c := range Criteria {
		args = append(args, sql.Named("w_"+c.Key, w.Weights[i]))
	}
	if _, err := db.ExecContext(ctx, queries.Portrait("value.sql"), args...); err != nil {
		return nil, fmt.Errorf("portrait: scoring value: %w", err)
	}
	rows, err := db.QueryContext(ctx, queries.Portrait("value_read.sql"))
	if err != nil {
		return nil, fmt.Errorf("portrait: reading value scores: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r ValueRow
		var raw [6]sql.NullFloat64
		dest := []any{&r.Rank, &r.CustomerID, &r.Score, &r.Top}
		for i := range raw {
			dest = append(dest, &raw[i])
		}
		for i := range r.Normalised {
			dest = append(dest, &r.Normalised[i])
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("portrait: reading value scores: %w", err)
		}
		for i, v := range raw {
			r.Raw[i] = math.NaN()
			if v.Valid {
				r.Raw[i] = v.Float64
			} else {
				res.Missing[i]++
			}
		}
		res.Ranking = append(res.Ranking, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return res, nil
}

// orderMatrix returns m's values in Criteria's order.
func orderMatrix(m ahp.Matrix, file string) ([][]float64, error) {
	if len(m.Values) != len(Criteria) {
		return nil, inputerr.New(file, "the value matrix compares %d criteria; it needs the %d of big-customer value (%s)",
			len(m.Values), len(Criteria), criteriaList())
	}
	named := false
	for i, c := range m.Criteria {
		if c != fmt.Sprintf("C%d", i+1) {
			named = true
		}
	}
	if !named {
		return m.Values, nil
	}
	pos := make([]int, len(Criteria)) // pos[k]: row of m holding criterion k
	for k := range pos {
		pos[k] = -1
	}
	for i, name := range m.Criteria {
		k := criterionIndex(name)
		if k < 0 {
			return nil, inputerr.At(file, 0, 0, "", "criterion %q is not one of %s", name, criteriaList())
		}
		if pos[k] >= 0 {
			return nil, inputerr.New(file, "criterion %q is named twice", name)
		}
		pos[k] = i
	}
	out := make([][]float64, len(Criteria))
	for a := range out {
		out[a] = make([]float64, len(Criteria))
		for b := range out[a] {
			out[a][b] = m.Values[pos[a]][pos[b]]
		}
	}
	return out, nil
}

func criterionIndex(name string) int {
	name = strings.ToLower(strings.TrimSpace(name))
	for k, c := range Criteria {
		if name == c.Key || name == strings.ToLower(c.LabelEN) || name == c.LabelZH {
			return k
		}
	}
	return -1
}

func criteriaList() string {
	names := make([]string, len(Criteria))
	for i, c := range Criteria {
		names[i] = c.Key + " (" + c.LabelZH + ")"
	}
	return strings.Join(names, ", ")
}
