package engineadapter

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/seglab/seglab/engine/inputerr"
	"github.com/seglab/seglab/engine/prep"
	"github.com/seglab/seglab/engine/source"
	"github.com/seglab/seglab/engine/sweep"
	"github.com/seglab/seglab/queries"
	"github.com/seglab/seglab/tui/backend"
)

// nInit is the number of k-means restarts per k, as seglab sweep does by default.
const nInit = 10

// sweepState is what Segment needs from a sweep: the population as read, its prepared
// matrix and the fit of every k.
type sweepState struct {
	table    prep.Table
	ids      []string
	idColumn string
	prepared *prep.Prepared
	result   *sweep.Result
}

// spec turns the request's dimensions into prep's.
func (s *Session) spec(req backend.SegmentRequest) (prep.Spec, []source.Column, error) {
	if len(req.Dimensions) == 0 {
		return prep.Spec{}, nil, fmt.Errorf("no dimensions are chosen")
	}
	sp := prep.Spec{Scaling: map[backend.Scaling]prep.Scaling{
		backend.ScaleZ: prep.ZScore, backend.ScaleRobust: prep.Robust, backend.ScaleMinMax: prep.MinMax,
	}[req.Scaling]}
	if sp.Scaling == "" {
		sp.Scaling = prep.ZScore
	}
	var cols []source.Column
	for _, d := range req.Dimensions {
		c, err := source.Find(s.cols, d.Name)
		if err != nil {
			return prep.Spec{}, nil, err
		}
		if c.Kind == queries.KindCategorical {
			sp.Dims = append(sp.Dims, prep.DimSpec{Column: d.Name, Kind: prep.Categorical, Weight: d.Weight})
			cols = append(cols, c)
			continue
		}
		if c.Kind != queries.KindNumeric {
			return prep.Spec{}, nil, &inputerr.Error{ColumnName: d.Name, Msg: "not a numeric or categorical column of the wide table"}
		}
		ds := prep.DimSpec{Column: d.Name, Kind: prep.Numeric, Transform: prep.TransformNone, Weight: d.Weight}
		switch d.Transform {
		case backend.TransformLog1p:
			ds.Transform = prep.Log1p
		case backend.TransformWinsorise:
			ds.Transform, ds.WinsorLow, ds.WinsorHigh = prep.Winsorize, winsorLow, winsorHigh
		}
		sp.Dims = append(sp.Dims, ds)
		cols = append(cols, c)
	}
	return sp, cols, nil
}

// read reads the dimensions and ids of the population, ordered by id so that the result
// does not depend on the order of the files.
func (s *Session) read(ctx context.Context, cols []source.Column, pop backend.Population) (prep.Table, []string, error) {
	where, args, err := s.where(pop)
	if err != nil {
		return prep.Table{}, nil, err
	}
	order := ""
	if s.idColumn != "" {
		order = " ORDER BY " + prep.QuoteIdent(s.idColumn)
	}
	tail := " FROM " + source.Table + " WHERE " + where + order
	var sel []string
	var numeric []source.Column
	for _, c := range cols {
		if c.Kind != queries.KindCategorical {
			sel = append(sel, "CAST("+prep.QuoteIdent(c.Name)+" AS DOUBLE)")
			numeric = append(numeric, c)
		}
	}
	if len(sel) == 0 {
		sel = []string{"1.0"} // only categorical dimensions: the matrix gives the row count
	}
	m, err := s.s.ReadMatrix(ctx, "SELECT "+strings.Join(sel, ", ")+tail, args...)
	if err != nil {
		return prep.Table{}, nil, err
	}
	t := prep.Table{Numeric: map[string][]float64{}, Text: map[string][]string{}}
	for j, c := range numeric {
		col := make([]float64, m.Rows)
		for i := range col {
			col[i] = m.Data[i*len(sel)+j]
		}
		t.Numeric[c.Name] = col
	}
	for _, c := range cols {
		if c.Kind != queries.KindCategorical {
			continue
		}
		// NULL becomes "" here; prep treats an empty category as missing.
		col, err := s.s.ReadStrings(ctx, "SELECT coalesce(CAST("+prep.QuoteIdent(c.Name)+" AS VARCHAR), '')"+tail, args...)
		if err != nil {
			return prep.Table{}, nil, err
		}
		t.Text[c.Name] = col
	}
	var ids []string
	if s.idColumn != "" {
		if ids, err = s.s.ReadStrings(ctx, "SELECT CAST("+prep.QuoteIdent(s.idColumn)+" AS VARCHAR)"+tail, args...); err != nil {
			return prep.Table{}, nil, err
		}
	} else {
		ids = make([]string, m.Rows)
		for i := range ids {
			ids[i] = fmt.Sprint(i + 1)
		}
	}
	return t, ids, nil
}

// Sweep implements backend.Segmenter with engine/sweep over k = 2..7.
func (s *Session) Sweep(ctx context.Context, req backend.SegmentRequest, report func(backend.SweepStep)) (*backend.SweepResult, error) {
	start := time.Now()
	report(backend.SweepStep{Stage: backend.StageRead})
	sp, cols, err := s.spec(req)
	if err != nil {
		return nil, err
	}
	table, ids, err := s.read(ctx, cols, req.Population)
	if err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("the population has no customers")
	}
	prepared, err := prep.Fit(sp, table)
	if err != nil {
		return nil, err
	}
	opt := sweep.Options{NInit: nInit, Progress: func(p sweep.Progress) {
		report(backend.SweepStep{Stage: string(p.Stage), K: p.K, Bootstrap: p.Bootstrap, Done: p.FitsDone, Total: p.FitsTotal})
	}}
	res, err := sweep.Run(ctx, prepared.X, prepared.N, prepared.D, opt)
	if err != nil {
		return nil, err
	}
	out := &backend.SweepResult{
		Request: req, Rows: len(ids), Fitted: prepared.N,
		Recommended: res.Recommended, Rule: res.Rule,
		MinShare: sweep.DefaultMinShare, MaxShare: sweep.DefaultMaxShare,
		SilhouetteExact: res.SilhouetteExact, SilhouetteRows: res.SilhouetteRows,
		Elapsed: time.Since(start),
		State:   &sweepState{table: table, ids: ids, idColumn: s.idColumn, prepared: prepared, result: res},
	}
	for _, k := range res.Ks {
		out.Ks = append(out.Ks, backend.KMetrics{
			K: k.K, Inertia: k.Fit.Inertia, Silhouette: k.Silhouette,
			CalinskiHarabasz: k.Quality.CalinskiHarabasz, DaviesBouldin: k.Quality.DaviesBouldin,
			Stability: k.Stability, SmallestShare: k.Quality.SmallestShare, LargestShare: k.Quality.LargestShare,
			Sizes: k.Fit.Sizes, FitTime: k.FitTime, Qualifies: k.Qualifies,
		})
	}
	return out, nil
}

// Segment implements backend.Segmenter: it reuses the sweep's fit of k (the best of its
// restarts), scores every customer of the population with prep.Score and stores the
// assignments, numbered 1..k by size, in the session's assignments table.
func (s *Session) Segment(ctx context.Context, sw *backend.SweepResult, k int) (*backend.Segmentation, error) {
	st, ok := sw.State.(*sweepState)
	if !ok {
		return nil, fmt.Errorf("the sweep was not made by this session")
	}
	var fit *sweep.KResult
	for i := range st.result.Ks {
		if st.result.Ks[i].K == k {
			fit = &st.result.Ks[i]
		}
	}
	metrics, found := sw.Metrics(k)
	if fit == nil || !found {
		return nil, fmt.Errorf("the sweep has no fit for k = %d", k)
	}
	labels, missing, err := prep.Score(st.prepared.Fitted, st.table, fit.Fit.Centroids, k)
	if err != nil {
		return nil, err
	}
	segments := make([]int, len(labels))
	sizes := make([]int, k)
	for i, l := range labels {
		segments[i] = l + 1
		sizes[l]++
	}
	idColumn := st.idColumn
	if idColumn == "" {
		idColumn = "row"
	}
	if err := source.StoreAssignments(ctx, s.s, idColumn, st.ids, segments, nil); err != nil {
		return nil, err
	}
	return &backend.Segmentation{
		K: k, Request: sw.Request, Fitted: st.prepared.Fitted,
		Centroids: append([]float64(nil), fit.Fit.Centroids...),
		IDColumn:  idColumn, IDs: st.ids, Labels: labels, Sizes: sizes, LeftOut: len(missing),
		Metrics: metrics, Assignment: source.AssignmentsTable, State: st,
	}, nil
}

// Rescore implements backend.Rescorer over the population that the sweep read for seg (kept
// in seg.State by Segment): prep.Score with seg's preprocessing and centroids, as
// engine/definition scores a saved definition. The assignments table is written again,
// each segment keeping the name it has there.
func (s *Session) Rescore(ctx context.Context, seg *backend.Segmentation) (*backend.Segmentation, int, error) {
	st, ok := seg.State.(*sweepState)
	if !ok {
		return nil, 0, fmt.Errorf("the segmentation was not made by this session")
	}
	if len(st.ids) != len(seg.IDs) || len(seg.Labels) != len(seg.IDs) {
		return nil, 0, fmt.Errorf("the segmentation does not cover the population it was fitted on")
	}
	labels, missing, err := prep.Score(seg.Fitted, st.table, seg.Centroids, seg.K)
	if err != nil {
		return nil, 0, err
	}
	names, err := s.segmentNames(ctx, seg.K)
	if err != nil {
		return nil, 0, err
	}
	segments := make([]int, len(labels))
	sizes := make([]int, seg.K)
	moved := 0
	for i, l := range labels {
		segments[i] = l + 1
		sizes[l]++
		if l != seg.Labels[i] {
			moved++
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, 0, err
	}
	if err := source.StoreAssignments(ctx, s.s, seg.IDColumn, st.ids, segments, names); err != nil {
		return nil, 0, err
	}
	out := *seg
	out.Labels, out.Sizes, out.LeftOut = labels, sizes, len(missing)
	out.Metrics.Sizes = append([]int(nil), sizes...)
	return &out, moved, nil
}

// segmentNames returns the names of segments 1..k in the assignments table ("" for a
// segment without one), or nil when no segment has a name.
func (s *Session) segmentNames(ctx context.Context, k int) ([]string, error) {
	db := s.s.DB()
	var named int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM information_schema.columns WHERE table_name = ? AND column_name = 'segment_name'",
		source.AssignmentsTable).Scan(&named); err != nil || named == 0 {
		return nil, err
	}
	rows, err := db.QueryContext(ctx, "SELECT segment, coalesce(any_value(segment_name), '') FROM "+
		prep.QuoteIdent(source.AssignmentsTable)+" GROUP BY segment")
	if err != nil {
		return nil, fmt.Errorf("reading the segment names: %w", err)
	}
	defer rows.Close()
	names := make([]string, k)
	found := false
	for rows.Next() {
		var seg int
		var name string
		if err := rows.Scan(&seg, &name); err != nil {
			return nil, err
		}
		if seg >= 1 && seg <= k && name != "" {
			names[seg-1], found = name, true
		}
	}
	if err := rows.Err(); err != nil || !found {
		return nil, err
	}
	return names, nil
}

var _ backend.Rescorer = (*Session)(nil)
