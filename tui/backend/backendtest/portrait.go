package backendtest

import (
	"context"
	"fmt"
	"sync"

	"github.com/seglab/seglab/engine/ahp"
	"github.com/seglab/seglab/engine/portrait"
	"github.com/seglab/seglab/engine/profile"
	"github.com/seglab/seglab/tui/backend"
	"github.com/seglab/seglab/tui/task"
)

// PortraitSession is the fake Session that also implements backend.Portraitist with fixed,
// made-up results: 30 business customers ranked by value, four payment-behaviour segments
// of 1,000 residential customers and the business customers by tier and section.
type PortraitSession struct {
	Session
	// PortraitGate, when not nil, makes every Portraitist method wait for a value on it (or
	// for its context to end), so tests can hold a run in flight.
	PortraitGate chan struct{}
	// TagsErr, ValueErr, PaymentErr and BusinessErr, when not nil, are returned by the
	// method of that analysis.
	TagsErr, ValueErr, PaymentErr, BusinessErr error
	// Inconsistent makes PortraitValue refuse the matrix, as the engine does with a
	// consistency ratio above 0.1.
	Inconsistent bool

	mu    sync.Mutex
	Calls []string // "tags", "value", "payment", "business", in call order
}

var _ backend.Portraitist = (*PortraitSession)(nil)

func (s *PortraitSession) enter(ctx context.Context, call string) error {
	s.mu.Lock()
	s.Calls = append(s.Calls, call)
	s.mu.Unlock()
	if s.PortraitGate == nil {
		return ctx.Err()
	}
	select {
	case <-s.PortraitGate:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// CallCount returns how many times call was made.
func (s *PortraitSession) CallCount(call string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, c := range s.Calls {
		if c == call {
			n++
		}
	}
	return n
}

// PortraitTags implements backend.Portraitist.
func (s *PortraitSession) PortraitTags(ctx context.Context) (*portrait.TagsResult, error) {
	if err := s.enter(ctx, "tags"); err != nil {
		return nil, err
	}
	if s.TagsErr != nil {
		return nil, s.TagsErr
	}
	return &portrait.TagsResult{Table: portrait.Table, Rows: 1200, Thresholds: portrait.DefaultThresholds(), Counts: []portrait.TagCount{
		{Tag: "usage_level", Value: "high", Customers: 400}, {Tag: "usage_level", Value: "low", Customers: 400},
		{Tag: "usage_level", Value: "medium", Customers: 400},
	}}, nil
}

// tagColumns are the fake's descriptions of the tag columns.
var tagColumns = []backend.Column{
	{Name: "usage_level", Type: "VARCHAR", NullShare: 0.01, Distinct: 3, Min: "high", Max: "medium"},
	{Name: "peak_pattern", Type: "VARCHAR", NullShare: 0.02, Distinct: 3, Min: "balanced", Max: "peak_heavy"},
	{Name: "usage_trend_class", Type: "VARCHAR", NullShare: 0.02, Distinct: 3, Min: "falling", Max: "stable"},
	{Name: "irregular_use", Type: "BOOLEAN", NullShare: 0.02, Distinct: 2, Min: "false", Max: "true"},
	{Name: "payment_channel_family", Type: "VARCHAR", NullShare: 0, Distinct: 6, Min: "bank", Max: "self_service"},
	{Name: "complaint_prone", Type: "BOOLEAN", NullShare: 0, Distinct: 2, Min: "false", Max: "true"},
}

// PortraitColumns implements backend.Portraitist.
func (s *PortraitSession) PortraitColumns(ctx context.Context) ([]backend.Column, error) {
	return append([]backend.Column(nil), tagColumns...), ctx.Err()
}

// PortraitPreview implements backend.Portraitist: the wide table's preview with the tags.
func (s *PortraitSession) PortraitPreview(ctx context.Context, limit int) (backend.Rows, error) {
	r, err := s.Preview(ctx, "wide", limit)
	if err != nil {
		return r, err
	}
	for _, c := range tagColumns {
		r.Columns = append(r.Columns, c.Name)
	}
	for i := range r.Values {
		r.Values[i] = append(r.Values[i], []string{"high", "balanced", "stable", "false", "bank", "false"}[:len(tagColumns)]...)
	}
	return r, nil
}

// PortraitValue implements backend.Portraitist.
func (s *PortraitSession) PortraitValue(ctx context.Context) (*portrait.ValueResult, error) {
	if err := s.enter(ctx, "value"); err != nil {
		return nil, err
	}
	if s.ValueErr != nil {
		return nil, s.ValueErr
	}
	matrix := portrait.DefaultValueMatrix
	if s.Inconsistent {
		matrix = [][]float64{
			{1, 9, 1.0 / 9, 1, 1, 1},
			{1.0 / 9, 1, 9, 1, 1, 1},
			{9, 1.0 / 9, 1, 1, 1, 1},
			{1, 1, 1, 1, 1, 1},
			{1, 1, 1, 1, 1, 1},
			{1, 1, 1, 1, 1, 1},
		}
	}
	w, err := ahp.Weigh(matrix)
	res := &portrait.ValueResult{Criteria: portrait.Criteria, Matrix: matrix, AHP: w, Weights: w.Weights, LambdaMax: w.LambdaMax,
		CI: w.ConsistencyIndex, RI: w.RandomIndex, CR: w.ConsistencyRatio, Normalisation: portrait.PercentileRank, Top: 0.2,
		Table: portrait.ValueTable}
	if err != nil {
		return res, fmt.Errorf("portrait: %w", err)
	}
	const n = 30
	res.Customers, res.TopCount = n, 6
	for i := range n {
		row := portrait.ValueRow{Rank: i + 1, CustomerID: fmt.Sprintf("31000%05d", 7*i+3), Top: i < 6}
		for d := range row.Normalised {
			row.Normalised[d] = float64((i*7+d*11)%29) / 28
			if d < 2 {
				row.Normalised[d] = 1 - float64(i)/n
			}
			row.Score += w.Weights[d] * row.Normalised[d]
		}
		res.Ranking = append(res.Ranking, row)
	}
	return res, nil
}

// PortraitPayment implements backend.Portraitist, reporting two steps.
func (s *PortraitSession) PortraitPayment(ctx context.Context, report task.Report) (*portrait.PaymentResult, error) {
	report(task.Step{Done: 1, Total: 2})
	if err := s.enter(ctx, "payment"); err != nil {
		return nil, err
	}
	if s.PaymentErr != nil {
		return nil, s.PaymentErr
	}
	type seg struct {
		timing, family, name, zh string
		n                        int
		early, onTime, late      float64
		days                     float64
	}
	segs := []seg{
		{"early", "online", "early payers, online / mobile", "提前缴费·线上", 310, 0.78, 0.2, 0.02, 11.4},
		{"on_time", "bank", "on-time payers, bank", "按期缴费·银行", 420, 0.12, 0.84, 0.04, 3.1},
		{"on_time", "counter", "on-time payers, counter / cash", "按期缴费·柜台现金", 170, 0.08, 0.7, 0.22, 1.2},
		{"late", "counter", "late payers, counter / cash", "逾期缴费·柜台现金", 100, 0.02, 0.38, 0.6, -9.5},
	}
	res := &portrait.PaymentResult{Mode: portrait.PaymentFromExports, ReferenceDate: "2024-12-31", EarlyDays: 7, Customers: 1000,
		Fitted: 990, Dims: []string{"early_share", "late_share", "mean_days_before_due"}, K: len(segs),
		Rule: "highest silhouette", Silhouette: 0.412, Profile: &profile.Result{Customers: 1000}}
	traits := [][2]string{
		{"mostly online / mobile payers (72% vs 25%)", "多为线上缴费（72%，总体 25%）"},
		{"high share paid early (78% vs 30%)", "提前缴费占比较高（78%，总体 30%）"},
		{"few complaints", "投诉较少"},
	}
	for i, sg := range segs {
		res.Segments = append(res.Segments, portrait.PaymentSegment{ID: i + 1, Name: sg.name, NameZH: sg.zh, Timing: sg.timing,
			Family: sg.family, Customers: sg.n, Share: profile.Number(float64(sg.n) / 1000), Means: map[string]profile.Number{
				"early_share": profile.Number(sg.early), "on_time_share": profile.Number(sg.onTime),
				"late_share": profile.Number(sg.late), "mean_days_before_due": profile.Number(sg.days),
			}})
		ps := profile.Segment{ID: i + 1, Customers: sg.n, Share: profile.Number(float64(sg.n) / 1000)}
		for j := 0; j < len(traits)-i && i < 3; j++ {
			ps.Traits = append(ps.Traits, profile.Trait{Column: "early_share", Kind: profile.Numeric, EN: traits[j][0], ZH: traits[j][1]})
		}
		res.Profile.Segments = append(res.Profile.Segments, ps)
	}
	return res, nil
}

// PortraitBusiness implements backend.Portraitist.
func (s *PortraitSession) PortraitBusiness(ctx context.Context) (*portrait.BusinessResult, error) {
	if err := s.enter(ctx, "business"); err != nil {
		return nil, err
	}
	if s.BusinessErr != nil {
		return nil, s.BusinessErr
	}
	group := func(tier, section string, n int) portrait.BusinessGroup {
		g := portrait.BusinessGroup{Tier: tier, Section: section, Customers: n, KWh: float64(n) * 812345, MeanKWh: 812345,
			MonthlyBills: float64(n) * 52100, MeanMonthlyBill: 52100, Arrears: float64(n%3) * 12000, InArrears: n % 3, MeanCredit: 84}
		for _, sec := range portrait.Sections {
			if sec.Letter == section {
				g.SectionZH, g.SectionEN = sec.NameZH, sec.NameEN
			}
		}
		g.Grades = [6]int{n / 3, n / 3, n - 2*(n/3) - 1, 1, 0, 0}
		return g
	}
	return &portrait.BusinessResult{
		Rules: portrait.DefaultTierRules(), Table: portrait.BusinessTable,
		All:    group("", "", 200),
		ByTier: []portrait.BusinessGroup{group("high_end", "", 12), group("mid", "", 58), group("ordinary", "", 130)},
		TierSection: []portrait.BusinessGroup{
			group("high_end", "C", 9), group("high_end", "D", 3),
			group("mid", "C", 30), group("mid", "F", 20), group("mid", "", 8),
			group("ordinary", "F", 70), group("ordinary", "H", 40), group("ordinary", "P", 20),
		},
	}, nil
}

// TaggedProfileSession is the fake ProfileSession whose profiler can also profile over the
// portrait tags (backend.TagProfiler): ProfileWithTags adds the usage level as a
// categorical column and a trait naming it to every segment.
type TaggedProfileSession struct {
	ProfileSession
	Tagged int // calls of ProfileWithTags
}

// ProfileWithTags implements backend.TagProfiler.
func (s *TaggedProfileSession) ProfileWithTags(ctx context.Context, report task.Report) (*profile.Result, error) {
	s.mu.Lock()
	s.Tagged++
	s.mu.Unlock()
	r, err := s.Profile(ctx, report)
	if err != nil {
		return nil, err
	}
	r.Categorical = append(r.Categorical, profile.CategoricalProfile{Column: "usage_level", LabelEN: "usage level", LabelZH: "用电水平"})
	for i := range r.Segments {
		r.Segments[i].Traits = append([]profile.Trait{{Column: "usage_level", Kind: profile.Categorical, Value: "high",
			Direction: "mostly", EN: "usage level mostly high", ZH: "用电水平多为高"}}, r.Segments[i].Traits...)
	}
	return r, nil
}
