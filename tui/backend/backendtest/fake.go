// Package backendtest provides a fixed, in-memory backend.Session for the workbench tests.
// Its numbers are made up and small; it is not sample data and is never shown to users.
package backendtest

import (
	"context"
	"fmt"
	"math"

	"github.com/seglab/seglab/engine/definition"
	"github.com/seglab/seglab/tui/backend"
	"github.com/seglab/seglab/tui/task"
)

// Session is a fake session over three tables: raw_customers, raw_billing and wide.
type Session struct {
	// Gate, when not nil, makes Describe, Count and Correlation wait for a value on it (or
	// for their context to end), so tests can hold a run in flight.
	Gate chan struct{}
	// NoSuggestion makes Suggest propose nothing (everyone, no dimensions).
	NoSuggestion bool
	// SweptRows, when positive, is the size of the sample Sweep says it ran on; otherwise it
	// says it swept every fitted row.
	SweptRows int
}

// Opener returns an Opener that reports one step and opens s, or fails with err.
func Opener(s *Session, err error) backend.Opener {
	return func(ctx context.Context, _ []string, report task.Report) (backend.Session, error) {
		report(task.Step{Label: "loading", Done: 1, Total: 2})
		if err != nil {
			return nil, err
		}
		if e := ctx.Err(); e != nil {
			return nil, e
		}
		return s, nil
	}
}

func (s *Session) wait(ctx context.Context) error {
	if s.Gate == nil {
		return ctx.Err()
	}
	select {
	case <-s.Gate:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Source implements backend.Session.
func (s *Session) Source() string { return "test exports" }

// Tables implements backend.Session.
func (s *Session) Tables() []backend.Table {
	return []backend.Table{
		{Name: "raw_customers", Kind: "customers", Rows: 1200},
		{Name: "raw_billing", Kind: "billing", Rows: 14400},
		{Name: "wide", Kind: "wide", Rows: 1200},
	}
}

var columns = map[string][]backend.Column{
	"raw_customers": {
		{Name: "customer_id", Type: "VARCHAR", NullShare: 0, Distinct: 1200, Min: "3100000001", Max: "3100001200"},
		{Name: "customer_class", Type: "VARCHAR", NullShare: 0, Distinct: 4, Min: "一般工商业", Max: "居民生活"},
		{Name: "region", Type: "VARCHAR", NullShare: 0, Distinct: 3, Min: "东部", Max: "西部"},
		{Name: "household_size", Type: "BIGINT", NullShare: 0.15, Distinct: 7, Min: "1", Max: "7"},
	},
	"raw_billing": {
		{Name: "customer_id", Type: "VARCHAR", NullShare: 0, Distinct: 1200, Min: "3100000001", Max: "3100001200"},
		{Name: "bill_month", Type: "VARCHAR", NullShare: 0, Distinct: 12, Min: "2024-01", Max: "2024-12"},
		{Name: "kwh", Type: "DOUBLE", NullShare: 0.002, Distinct: 9800, Min: "0", Max: "48210.5"},
	},
	"wide": {
		{Name: "customer_id", Type: "VARCHAR", Distinct: 1200, Min: "3100000001", Max: "3100001200"},
		{Name: "kwh_12m", Type: "DOUBLE", Distinct: 1190, Min: "120", Max: "512000"},
		{Name: "amount_12m", Type: "DOUBLE", Distinct: 1188, Min: "66", Max: "301000"},
		{Name: "late_share", Type: "DOUBLE", NullShare: 0.05, Distinct: 40, Min: "0", Max: "1"},
		{Name: "outages_12m", Type: "BIGINT", Distinct: 9, Min: "0", Max: "8"},
		{Name: "satisfaction", Type: "DOUBLE", NullShare: 0.8, Distinct: 11, Min: "0", Max: "10"},
	},
}

// Describe implements backend.Session.
func (s *Session) Describe(ctx context.Context, table string) ([]backend.Column, error) {
	if err := s.wait(ctx); err != nil {
		return nil, err
	}
	cols, ok := columns[table]
	if !ok {
		return nil, fmt.Errorf("no table %q", table)
	}
	return cols, nil
}

// Preview implements backend.Session.
func (s *Session) Preview(ctx context.Context, table string, limit int) (backend.Rows, error) {
	cols, ok := columns[table]
	if !ok {
		return backend.Rows{}, fmt.Errorf("no table %q", table)
	}
	r := backend.Rows{}
	for _, c := range cols {
		r.Columns = append(r.Columns, c.Name)
	}
	for i := range min(limit, 3) {
		row := make([]string, len(cols))
		for j, c := range cols {
			if i == 0 {
				row[j] = c.Min
			} else {
				row[j] = c.Max
			}
		}
		r.Values = append(r.Values, row)
	}
	return r, ctx.Err()
}

// Features implements backend.Session.
func (s *Session) Features() []backend.Feature {
	return []backend.Feature{
		{Name: "kwh_12m", LabelEN: "kWh, last 12 months", LabelZH: "近12个月电量", Unit: "kWh"},
		{Name: "amount_12m", LabelEN: "Bill amount, last 12 months", LabelZH: "近12个月电费", Unit: "元"},
		{Name: "late_share", LabelEN: "Share of bills paid late", LabelZH: "逾期缴费占比", Unit: ""},
		{Name: "outages_12m", LabelEN: "Outages, last 12 months", LabelZH: "近12个月停电次数", Unit: ""},
		{Name: "satisfaction", LabelEN: "Satisfaction (survey)", LabelZH: "满意度（调查）", Unit: "0–10"},
	}
}

// Count implements backend.Session: everyone is 1200, residential 1000, business 200 and a
// column filter 42.
func (s *Session) Count(ctx context.Context, pop backend.Population) (int64, error) {
	if err := s.wait(ctx); err != nil {
		return 0, err
	}
	return map[backend.PopulationKind]int64{
		backend.Everyone: 1200, backend.Residential: 1000, backend.Business: 200, backend.ColumnEquals: 42,
	}[pop.Kind], nil
}

// Correlation implements backend.Session: kwh_12m and amount_12m correlate at 0.93; any
// other pair at a value derived from the names' lengths, below 0.5 in size.
func (s *Session) Correlation(ctx context.Context, dims []backend.Dimension, _ backend.Population) ([][]float64, error) {
	if err := s.wait(ctx); err != nil {
		return nil, err
	}
	r := make([][]float64, len(dims))
	for i := range dims {
		r[i] = make([]float64, len(dims))
		for j := range dims {
			a, b := dims[i].Name, dims[j].Name
			switch {
			case i == j:
				r[i][j] = 1
			case (a == "kwh_12m" && b == "amount_12m") || (a == "amount_12m" && b == "kwh_12m"):
				r[i][j] = 0.93
			default:
				r[i][j] = -0.4 * math.Abs(math.Sin(float64(len(a)*len(b))))
			}
		}
	}
	return r, nil
}

// Close implements backend.Session.
func (s *Session) Close() error { return nil }

// Draft implements backend.Drafter with the segmentation's own preprocessing,
// centroids, sizes and names, and no sources: a file the screens can save and list.
func (s *Session) Draft(ctx context.Context, seg *backend.Segmentation, _ string) (*definition.Definition, error) {
	if seg == nil {
		return nil, fmt.Errorf("no segmentation")
	}
	d := definition.New(seg.Fitted, seg.K, seg.Centroids, seg.Sizes)
	for i, n := range seg.Names {
		if n != "" && i < len(d.Segments) {
			d.Segments[i].Name = definition.Text{EN: n, ZH: n}
		}
	}
	d.Metrics.Population, d.Metrics.Sizes = len(seg.IDs), append([]int(nil), seg.Sizes...)
	return d, ctx.Err()
}
