package backend_test

import (
	"context"
	"math"
	"slices"
	"testing"

	"github.com/seglab/seglab/engine/portrait"
	"github.com/seglab/seglab/engine/workspace"
	"github.com/seglab/seglab/internal/engineadapter"
	"github.com/seglab/seglab/tui/backend"
	"github.com/seglab/seglab/tui/i18n"
	"github.com/seglab/seglab/tui/task"
)

// TestEnginePortraitOnTheSample runs every Portraitist method on the built-in sample through
// the engine session, and profiles a segmentation before and after the tags exist.
func TestEnginePortraitOnTheSample(t *testing.T) {
	if testing.Short() {
		t.Skip("opens the sample")
	}
	ctx := context.Background()
	s, err := engineadapter.Open(ctx, i18n.Tr{Lang: i18n.EN}, nil, workspace.Options{}, func(task.Step) {})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p, ok := backend.PortraitOf(s)
	if !ok {
		t.Fatal("the engine session offers no Portraitist")
	}
	prof, ok := backend.ProfilerOf(s)
	if !ok {
		t.Fatal("the engine session is not a Profiler")
	}
	sg := s.(backend.Segmenter)
	sw, err := sg.Sweep(ctx, backend.SegmentRequest{Dimensions: []backend.Dimension{{Name: "annual_kwh", Transform: backend.TransformLog1p}, {Name: "outages_12m"}}},
		func(backend.SweepStep) {})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sg.Segment(ctx, sw, 3); err != nil {
		t.Fatal(err)
	}
	hasUsageLevel := func() bool {
		r, err := backend.ProfileTagged(ctx, prof, func(task.Step) {})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range r.Categorical {
			if c.Column == "usage_level" {
				if c.LabelZH != "用电水平" || c.LabelEN != "usage level" {
					t.Errorf("usage_level is labelled %q / %q", c.LabelEN, c.LabelZH)
				}
				return true
			}
		}
		return false
	}
	if hasUsageLevel() {
		t.Error("usage_level profiled before the tags were built")
	}

	tags, err := p.PortraitTags(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wide, err := s.Count(ctx, backend.Population{})
	if err != nil {
		t.Fatal(err)
	}
	if tags.Rows != wide || tags.Rows == 0 {
		t.Errorf("portrait has %d rows, wide %d", tags.Rows, wide)
	}
	cols, err := p.PortraitColumns(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(cols) != len(portrait.TagColumns) {
		t.Fatalf("%d tag columns described", len(cols))
	}
	for i, c := range cols {
		if c.Name != portrait.TagColumns[i].Name || c.Distinct < 2 || c.Type == "" || c.NullShare < 0 || c.NullShare >= 1 {
			t.Errorf("tag column %d: %+v", i, c)
		}
	}
	rows, err := p.PortraitPreview(ctx, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows.Values) != 5 || !slices.Contains(rows.Columns, "usage_level") || !slices.Contains(rows.Columns, "annual_kwh") {
		t.Errorf("preview: %d rows, columns %v", len(rows.Values), rows.Columns)
	}
	if !hasUsageLevel() {
		t.Error("usage_level is not profiled once the tags exist")
	}

	v, err := p.PortraitValue(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if v.Customers == 0 || len(v.Ranking) != v.Customers || v.TopCount != int(math.Ceil(0.2*float64(v.Customers))) {
		t.Errorf("value: %d customers, %d ranked, %d top", v.Customers, len(v.Ranking), v.TopCount)
	}
	for i := 1; i < len(v.Ranking); i++ {
		if v.Ranking[i].Score > v.Ranking[i-1].Score {
			t.Fatalf("ranking not by score at %d", i)
		}
	}
	b, err := p.PortraitBusiness(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if b.All.Customers != v.Customers {
		t.Errorf("business tiers hold %d customers, the value ranking %d", b.All.Customers, v.Customers)
	}
	steps := 0
	pay, err := p.PortraitPayment(ctx, func(task.Step) { steps++ })
	if err != nil {
		t.Fatal(err)
	}
	if pay.K < 2 || pay.K > 7 || len(pay.Segments) != pay.K || pay.Profile == nil || steps == 0 {
		t.Errorf("payment: k = %d, %d segments, %d steps", pay.K, len(pay.Segments), steps)
	}
}
