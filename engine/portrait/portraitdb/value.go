package portraitdb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/seglab/seglab/engine/ahp"
	"github.com/seglab/seglab/engine/inputerr"
	"github.com/seglab/seglab/engine/portrait"
	"github.com/seglab/seglab/queries"
)

// valueInputs are the wide columns the value dimensions are read from.
var valueInputs = []string{"customer_id", "customer_type", "annual_kwh", "avg_monthly_bill", "tenure_years", "credit_score", "usage_trend", "contract_capacity_kva"}

// Value weighs portrait.Criteria with AHP on opts.Matrix and scores every business customer of
// wide (customer_type = 'business'): score = Σ weight_i · normalised_i, 0–1, ranked by score
// (ties by customer id), the first ⌈Top·n⌉ marked top. It writes the table value_scores.
//
// A matrix with a consistency ratio above 0.1 is refused: Value then returns a
// portrait.ValueResult with the AHP figures (and nothing scored) and an error wrapping
// ahp.ErrInconsistent. A matrix of the wrong size or with unknown criterion names is an
// *inputerr.Error; so is a wide table without the columns the dimensions need, or without
// business customers.
func Value(ctx context.Context, db *sql.DB, opts portrait.ValueOptions) (*portrait.ValueResult, error) {
	top := opts.Top
	if top == 0 {
		top = 0.2
	}
	if !(top > 0 && top <= 1) {
		return nil, fmt.Errorf("portrait: the top share must be in (0, 1], got %v", top)
	}
	norm := opts.Normalisation
	if norm == "" {
		norm = portrait.PercentileRank
	}
	if norm != portrait.PercentileRank && norm != portrait.MinMax {
		return nil, fmt.Errorf("portrait: unknown normalisation %q (use rank or minmax)", norm)
	}
	matrix := portrait.DefaultValueMatrix
	if opts.Matrix != nil {
		var err error
		if matrix, err = orderMatrix(*opts.Matrix, opts.MatrixFile); err != nil {
			return nil, err
		}
	}
	res := &portrait.ValueResult{Criteria: portrait.Criteria, Matrix: matrix, Normalisation: norm, Top: top, Table: portrait.ValueTable}
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
		sql.Named("minmax", norm == portrait.MinMax),
		sql.Named("top_count", res.TopCount),
	}
	for i, c := range portrait.Criteria {
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
		var r portrait.ValueRow
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

// orderMatrix returns m's values in portrait.Criteria's order.
func orderMatrix(m ahp.Matrix, file string) ([][]float64, error) {
	if len(m.Values) != len(portrait.Criteria) {
		return nil, inputerr.New(file, "the value matrix compares %d criteria; it needs the %d of big-customer value (%s)",
			len(m.Values), len(portrait.Criteria), criteriaList())
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
	pos := make([]int, len(portrait.Criteria)) // pos[k]: row of m holding criterion k
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
	out := make([][]float64, len(portrait.Criteria))
	for a := range out {
		out[a] = make([]float64, len(portrait.Criteria))
		for b := range out[a] {
			out[a][b] = m.Values[pos[a]][pos[b]]
		}
	}
	return out, nil
}

func criterionIndex(name string) int {
	name = strings.ToLower(strings.TrimSpace(name))
	for k, c := range portrait.Criteria {
		if name == c.Key || name == strings.ToLower(c.LabelEN) || name == c.LabelZH {
			return k
		}
	}
	return -1
}

func criteriaList() string {
	names := make([]string, len(portrait.Criteria))
	for i, c := range portrait.Criteria {
		names[i] = c.Key + " (" + c.LabelZH + ")"
	}
	return strings.Join(names, ", ")
}
