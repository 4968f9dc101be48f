package backendtest

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/seglab/seglab/engine/rules"
	"github.com/seglab/seglab/engine/segmap"
	"github.com/seglab/seglab/engine/segviews"
	"github.com/seglab/seglab/tui/backend"
)

// Suggest implements backend.Suggester: residential customers on kWh (log1p), bill amount
// and outages.
func (s *Session) Suggest() (backend.Population, []backend.Dimension) {
	if s.NoSuggestion {
		return backend.Population{}, nil
	}
	return backend.Population{Kind: backend.Residential}, []backend.Dimension{
		{Name: "kwh_12m", Transform: backend.TransformLog1p, Weight: 1},
		{Name: "amount_12m", Weight: 1},
		{Name: "outages_12m", Weight: 1},
	}
}

// sweepMetrics are the made-up measures of the fake sweep, k = 2..7: k = 4 has the highest
// silhouette among the k whose shares lie within 5–50 %.
var sweepMetrics = []backend.KMetrics{
	{K: 2, Inertia: 5210.4, Silhouette: 0.312, CalinskiHarabasz: 688.1, DaviesBouldin: 1.214, Stability: 0.981, SmallestShare: 0.38, LargestShare: 0.62, Sizes: []int{620, 380}, FitTime: 120 * time.Millisecond},
	{K: 3, Inertia: 3902.7, Silhouette: 0.348, CalinskiHarabasz: 702.5, DaviesBouldin: 1.032, Stability: 0.944, SmallestShare: 0.21, LargestShare: 0.45, Sizes: []int{450, 340, 210}, FitTime: 150 * time.Millisecond, Qualifies: true, Votes: 1},
	{K: 4, Inertia: 2950.2, Silhouette: 0.371, CalinskiHarabasz: 741.9, DaviesBouldin: 0.948, Stability: 0.902, SmallestShare: 0.12, LargestShare: 0.36, Sizes: []int{360, 290, 230, 120}, FitTime: 180 * time.Millisecond, Qualifies: true, Votes: 3},
	{K: 5, Inertia: 2488.9, Silhouette: 0.333, CalinskiHarabasz: 690.3, DaviesBouldin: 1.005, Stability: 0.861, SmallestShare: 0.08, LargestShare: 0.31, Sizes: []int{310, 250, 200, 160, 80}, FitTime: 210 * time.Millisecond, Qualifies: true},
	{K: 6, Inertia: 2190.5, Silhouette: 0.301, CalinskiHarabasz: 655.0, DaviesBouldin: 1.101, Stability: 0.803, SmallestShare: 0.06, LargestShare: 0.27, Sizes: []int{270, 220, 180, 150, 120, 60}, FitTime: 260 * time.Millisecond, Qualifies: true},
	{K: 7, Inertia: 1975.0, Silhouette: 0.284, CalinskiHarabasz: 617.4, DaviesBouldin: 1.163, Stability: 0.752, SmallestShare: 0.03, LargestShare: 0.25, Sizes: []int{250, 200, 170, 140, 110, 100, 30}, FitTime: 300 * time.Millisecond},
}

// Sweep implements backend.Segmenter: it reports a fit step per k, each with the k before
// it measured, and returns fixed measures. With Gate set it waits on Gate after k = 4 is
// measured and k = 5 fitted (Pending, its silhouette and stability not yet known), so that
// a test sees a sweep half done.
func (s *Session) Sweep(ctx context.Context, req backend.SegmentRequest, report func(backend.SweepStep)) (*backend.SweepResult, error) {
	report(backend.SweepStep{Stage: backend.StageRead})
	for i, m := range sweepMetrics {
		report(backend.SweepStep{Stage: backend.StageFit, K: m.K, Done: i, Total: len(sweepMetrics), Ks: sweepMetrics[:i:i]})
		if m.K == 5 {
			fitted := m
			fitted.Silhouette, fitted.Stability, fitted.Pending = math.NaN(), math.NaN(), true
			report(backend.SweepStep{Stage: backend.StageSilhouette, K: m.K, Done: i, Total: len(sweepMetrics),
				Ks: append(sweepMetrics[:i:i], fitted)})
			if err := s.wait(ctx); err != nil {
				return nil, err
			}
		}
	}
	n, _ := s.Count(ctx, req.Population)
	swept := int(n) - 25
	if s.SweptRows > 0 {
		swept = s.SweptRows
	}
	return &backend.SweepResult{
		Request: req, Rows: int(n), Fitted: int(n) - 25, Ks: append([]backend.KMetrics(nil), sweepMetrics...),
		Recommended: 4,
		RuleEN:      "Among the k whose smallest segment share is at least 5 % and largest at most 50 % (k = 3, 4, 5, 6), k = 4 has 3 of 4 votes (silhouette → 4, Calinski–Harabasz → 4, Davies–Bouldin → 4, stability → 3). Its silhouette 0.371 shows a weak structure that could be artificial (0.26–0.50): read the segments as tendencies and confirm them with the business.",
		RuleZH:      "在最小分群占比不低于 5 %、最大不高于 50 % 的 k（k = 3, 4, 5, 6）中，k = 4 获得 3 票（共 4 票：轮廓系数 → 4，CH 指数 → 4，DB 指数 → 4，稳定性 → 3）。其轮廓系数为 0.371，结构较弱，可能是人为划分（0.26–0.50）：应把分群视为倾向，并与业务人员确认。",
		MinShare:    0.05, MaxShare: 0.5, SweptRows: swept, SilhouetteExact: true, SilhouetteRows: int(n) - 25,
		Elapsed: 1500 * time.Millisecond,
	}, nil
}

// Views implements backend.Viewer with recorded views: segment id's silhouette is
// 0.1·id, its centre lies at (id, id mod 2) on the map with ten customers around it, and
// its one rule reads "annual_kwh > 1000·id" with 90 of 100 customers right.
func (s *Session) Views(ctx context.Context, seg *backend.Segmentation) (*segviews.Views, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	v := &segviews.Views{Fitted: len(seg.IDs), SampleRows: min(len(seg.IDs), 400), Silhouettes: map[int]float64{},
		Map: &segmap.Map{Explained: [2]float64{0.31, 0.18}}, Rules: map[int][]rules.Rule{}, RuleAccuracy: 0.9}
	for id := 1; id <= seg.K; id++ {
		v.Silhouettes[id] = 0.1 * float64(id)
		cx, cy := float64(id), float64(id%2)
		v.Map.Centres = append(v.Map.Centres, segmap.Centre{Point: segmap.Point{X: cx, Y: cy, Segment: id}, Size: seg.Sizes[id-1]})
		for j := range 10 {
			dx, dy := 0.3*math.Cos(float64(j)), 0.3*math.Sin(float64(j))
			v.Map.Points = append(v.Map.Points, segmap.Point{X: cx + dx, Y: cy + dy, Segment: id})
		}
		v.Rules[id] = []rules.Rule{{Segment: id, Covered: 100, Correct: 90,
			Conditions: []rules.Condition{{Feature: "annual_kwh", Op: rules.GT, Threshold: 1000 * float64(id)}}}}
	}
	return v, nil
}

// Segment implements backend.Segmenter: customers numbered 1…n are given segments in
// proportion to the sweep's sizes for k.
func (s *Session) Segment(ctx context.Context, sw *backend.SweepResult, k int) (*backend.Segmentation, error) {
	m, ok := sw.Metrics(k)
	if !ok {
		return nil, fmt.Errorf("no fit for k = %d", k)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	seg := &backend.Segmentation{K: k, Request: sw.Request, IDColumn: "customer_id", Metrics: m, Sizes: make([]int, k), Assignment: "assignments"}
	for l, size := range m.Sizes {
		for range size {
			seg.IDs = append(seg.IDs, fmt.Sprint(3100000001+len(seg.IDs)))
			seg.Labels = append(seg.Labels, l)
			seg.Sizes[l]++
		}
	}
	return seg, nil
}

var (
	_ backend.Suggester = (*Session)(nil)
	_ backend.Viewer    = (*Session)(nil)
	_ backend.Segmenter = (*Session)(nil)
)
