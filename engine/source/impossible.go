package source

import (
	"context"
	"fmt"
	"math"

	"github.com/seglab/seglab/engine/data"
	"github.com/seglab/seglab/engine/inputerr"
	"github.com/seglab/seglab/engine/prep"
	"github.com/seglab/seglab/queries"
)

// span is the range of values a column of the feature catalogue can take at all. A value
// outside it is not doubtful but impossible: the data was exported or computed wrongly.
type span struct {
	lo, hi float64
	what   string // what a value outside means, in plain words
}

// impossible holds the spans of the catalogue's features (queries/features.tsv) that have
// one. Counts, durations, sizes and ages are never negative; a peak share is a part of the
// total; a tenure of more than 150 years comes from a date such as 9999-12; no satisfaction
// scale goes below 0. Doubtful values (a satisfaction of 11, negative kWh from net metering)
// are left to the plausibility warnings of the exports.
var impossible = func() map[string]span {
	spans := map[string]span{
		"tenure_years":   {0, 150, "a tenure must lie between 0 and 150 years; check the dates it is computed from (a bill month such as 9999-12, an opening date after the last bill)"},
		"peak_share":     {0, 1, "a peak share is a part of the total consumption, between 0 and 1: peak kWh above the total cannot be"},
		"satisfaction":   {0, math.Inf(1), "a satisfaction score is never negative"},
		"household_size": {0, math.Inf(1), "a household size is never negative"},
	}
	for _, f := range queries.Features() {
		switch f.Unit {
		case "count", "minutes", "days", "kV", "kVA":
			if _, ok := spans[f.Name]; !ok {
				spans[f.Name] = span{0, math.Inf(1), fmt.Sprintf("%s (%s) is never negative", f.LabelEN, f.Unit)}
			}
		}
	}
	return spans
}()

// checkImpossible returns an *inputerr.Error for the first value of the numeric columns of t
// outside its column's span, or nil when all are possible. When wide is one file's table the
// error names the file and the first line (or row) holding such a value; when it was built
// from exports, the customer (ids, in the order of t's rows).
func checkImpossible(ctx context.Context, s *data.Session, t prep.Table, ids []string) error {
	for _, f := range queries.Features() { // catalogue order: the same column first every time
		sp, ok := impossible[f.Name]
		col, read := t.Numeric[f.Name]
		if !ok || !read {
			continue
		}
		for i, v := range col {
			if !(v < sp.lo || v > sp.hi) {
				continue
			}
			if _, one := wideFile(s); one {
				var n int64
				var text string
				q := queries.FirstOutside(prep.QuoteIdent(f.Name))
				if err := s.DB().QueryRowContext(ctx, q, sp.lo, sp.hi).Scan(&n, &text); err == nil {
					return atRow(s, n, f.Name, fmt.Sprintf("the value %s is impossible: %s", text, sp.what))
				}
				if ctx.Err() != nil {
					return ctx.Err()
				}
			}
			who := fmt.Sprintf("a row holds %v", v)
			if i < len(ids) {
				who = fmt.Sprintf("customer %s has %v", ids[i], v)
			}
			return &inputerr.Error{ColumnName: f.Name, Msg: fmt.Sprintf("%s, which is impossible: %s", who, sp.what)}
		}
	}
	return nil
}
