package engineadapter

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/seglab/seglab/engine/inputerr"
	"github.com/seglab/seglab/engine/prep"
	"github.com/seglab/seglab/engine/profile"
	"github.com/seglab/seglab/engine/segviews"
	"github.com/seglab/seglab/engine/source"
	"github.com/seglab/seglab/engine/sweep"
	"github.com/seglab/seglab/engine/workspace"
	"github.com/seglab/seglab/queries"
	"github.com/seglab/seglab/tui/backend"
	"github.com/seglab/seglab/tui/task"
)

// sweepState is what Segment needs from a sweep: the population as read and prepared, and
// the fit of every k.
type sweepState struct {
	input  *workspace.Input
	result *sweep.Result
}

// request turns the screens' request into the workspace's.
func (s *Session) request(req backend.SegmentRequest) (workspace.Request, error) {
	if len(req.Dimensions) == 0 {
		return workspace.Request{}, fmt.Errorf("no dimensions are chosen")
	}
	pop, err := s.population(req.Population)
	if err != nil {
		return workspace.Request{}, err
	}
	out := workspace.Request{Population: pop, Scaling: map[backend.Scaling]prep.Scaling{
		backend.ScaleZ: prep.ZScore, backend.ScaleRobust: prep.Robust, backend.ScaleMinMax: prep.MinMax,
	}[req.Scaling]}
	for _, d := range req.Dimensions {
		c, err := s.ws.Column(d.Name)
		if err != nil {
			return workspace.Request{}, err
		}
		switch c.Kind {
		case queries.KindCategorical:
			out.Dims = append(out.Dims, prep.DimSpec{Column: d.Name, Kind: prep.Categorical, Weight: d.Weight})
			continue
		case queries.KindNumeric:
		default:
			return workspace.Request{}, &inputerr.Error{ColumnName: d.Name, Msg: "not a numeric or categorical column of the wide table"}
		}
		ds := prep.DimSpec{Column: d.Name, Kind: prep.Numeric, Transform: prep.TransformNone, Weight: d.Weight}
		switch d.Transform {
		case backend.TransformLog1p:
			ds.Transform = prep.Log1p
		case backend.TransformWinsorise:
			ds.Transform, ds.WinsorLow, ds.WinsorHigh = prep.Winsorize, workspace.DefaultWinsorLow, workspace.DefaultWinsorHigh
		}
		out.Dims = append(out.Dims, ds)
	}
	return out, nil
}

// Sweep implements backend.Segmenter with the workspace's sweep over k = 2..7. Each k is
// reported as soon as it is measured, with those before it (SweepStep.Ks).
func (s *Session) Sweep(ctx context.Context, req backend.SegmentRequest, report func(backend.SweepStep)) (*backend.SweepResult, error) {
	start := time.Now()
	report(backend.SweepStep{Stage: backend.StageRead})
	wreq, err := s.request(req)
	if err != nil {
		return nil, err
	}
	in, err := s.ws.Read(ctx, wreq)
	if err != nil {
		return nil, err
	}
	// The sweep calls onK between the progress reports of two k, never beside them, so
	// last, done and shown need no lock.
	var last backend.SweepStep
	var done, shown []backend.KMetrics
	res, err := in.Sweep(ctx, 0, 0, func(p sweep.Progress) {
		last = backend.SweepStep{Stage: string(p.Stage), K: p.K, Bootstrap: p.Bootstrap, Done: p.FitsDone, Total: p.FitsTotal, Ks: shown}
		report(last)
	}, func(k sweep.KResult) {
		// A fitted k is shown after those done, in a new slice, until it is done too.
		if k.Pending {
			shown = append(slices.Clip(done), kMetrics(k))
		} else {
			done = append(done, kMetrics(k))
			shown = done
		}
		last.Ks = shown
		report(last)
	})
	if err != nil {
		return nil, err
	}
	out := &backend.SweepResult{
		Request: req, Rows: in.Rows.N, Fitted: in.Prepared.N,
		Recommended: res.Recommended, RuleEN: res.Explain("en"), RuleZH: res.Explain("zh"),
		MinShare: sweep.DefaultMinShare, MaxShare: sweep.DefaultMaxShare,
		SweptRows:       res.SampleRows,
		SilhouetteExact: res.SilhouetteExact, SilhouetteRows: res.SilhouetteRows,
		Elapsed: time.Since(start),
		State:   &sweepState{input: in, result: res},
	}
	for _, k := range res.Ks {
		m := kMetrics(k)
		m.Votes = res.VotesFor(k.K) // the votes need every k
		out.Ks = append(out.Ks, m)
	}
	return out, nil
}

// kMetrics returns the measures of one k of a sweep as the screens see them.
func kMetrics(k sweep.KResult) backend.KMetrics {
	return backend.KMetrics{
		K: k.K, Inertia: k.Fit.Inertia, Silhouette: k.Silhouette,
		CalinskiHarabasz: k.Quality.CalinskiHarabasz, DaviesBouldin: k.Quality.DaviesBouldin,
		Stability: k.Stability, SmallestShare: k.Quality.SmallestShare, LargestShare: k.Quality.LargestShare,
		Sizes: k.Fit.Sizes, FitTime: k.FitTime, Qualifies: k.Qualifies, Pending: k.Pending,
	}
}

// Segment implements backend.Segmenter: the workspace segments the population with the
// sweep's fit of k and stores the assignments, where profiles read them.
func (s *Session) Segment(ctx context.Context, sw *backend.SweepResult, k int) (*backend.Segmentation, error) {
	st, ok := sw.State.(*sweepState)
	if !ok {
		return nil, fmt.Errorf("the sweep was not made by this session")
	}
	metrics, found := sw.Metrics(k)
	if !found {
		return nil, fmt.Errorf("the sweep has no fit for k = %d", k)
	}
	seg, err := st.input.Segment(ctx, st.result, k)
	if err != nil {
		return nil, err
	}
	if err := s.ws.Store(ctx, seg); err != nil {
		return nil, err
	}
	s.segmented.Store(true)
	return view(seg, sw.Request, metrics), nil
}

// view returns seg as the screens see it, with the request and measures of its sweep.
func view(seg *workspace.Segmentation, req backend.SegmentRequest, metrics backend.KMetrics) *backend.Segmentation {
	metrics.K, metrics.Sizes = seg.K, append([]int(nil), seg.Sizes...)
	return &backend.Segmentation{
		K: seg.K, Request: req, Fitted: seg.Input.Prepared.Fitted,
		Centroids: append([]float64(nil), seg.Centroids...),
		IDColumn:  seg.Input.IDColumn, IDs: seg.Input.Rows.IDs, Labels: seg.Labels, Sizes: seg.Sizes, LeftOut: seg.LeftOut,
		Metrics: metrics, Assignment: source.AssignmentsTable, Names: append([]string(nil), seg.Names...), State: seg,
	}
}

// Views implements backend.Viewer with the workspace's segment views.
func (s *Session) Views(ctx context.Context, seg *backend.Segmentation) (*segviews.Views, error) {
	es, err := engineSegmentation(seg)
	if err != nil {
		return nil, err
	}
	return es.Views(ctx)
}

// engineSegmentation returns the workspace's segmentation behind seg.
func engineSegmentation(seg *backend.Segmentation) (*workspace.Segmentation, error) {
	if seg == nil {
		return nil, backend.ErrNoSegmentation
	}
	ws, ok := seg.State.(*workspace.Segmentation)
	if !ok {
		return nil, fmt.Errorf("the segmentation was not made by this session")
	}
	return ws, nil
}

// Rename implements backend.Profiler with the workspace's rename, storing the names with
// the assignments.
func (s *Session) Rename(ctx context.Context, seg *backend.Segmentation, segment int, name string) (*backend.Segmentation, error) {
	ws, err := engineSegmentation(seg)
	if err != nil {
		return nil, err
	}
	if ws, err = ws.Rename(segment, name); err != nil {
		return nil, err
	}
	if err := s.ws.Store(ctx, ws); err != nil {
		return nil, err
	}
	return view(ws, seg.Request, seg.Metrics), nil
}

// Merge implements backend.Profiler with the workspace's merge, storing the assignments.
func (s *Session) Merge(ctx context.Context, seg *backend.Segmentation, into, from int) (*backend.Segmentation, int, error) {
	ws, err := engineSegmentation(seg)
	if err != nil {
		return nil, 0, err
	}
	merged, moved, err := ws.Merge(into, from)
	if err != nil {
		return nil, 0, err
	}
	if err := ctx.Err(); err != nil {
		return nil, 0, err
	}
	if err := s.ws.Store(ctx, merged); err != nil {
		return nil, 0, err
	}
	return view(merged, seg.Request, seg.Metrics), moved, nil
}

// Profile implements backend.Profiler with the workspace's profile of the stored
// assignments against the segmented population.
func (s *Session) Profile(ctx context.Context, report task.Report) (*profile.Result, error) {
	return s.profile(ctx, report, profile.Options{})
}

func (s *Session) profile(ctx context.Context, report task.Report, opts profile.Options) (*profile.Result, error) {
	if !s.segmented.Load() {
		return nil, backend.ErrNoSegmentation
	}
	report(task.Step{Done: 0, Total: 1})
	r, err := s.ws.Profile(ctx, opts)
	if err == nil {
		report(task.Step{Done: 1, Total: 1})
	}
	return r, err
}

var (
	_ backend.Segmenter = (*Session)(nil)
	_ backend.Profiler  = (*Session)(nil)
	_ backend.Viewer    = (*Session)(nil)
)
