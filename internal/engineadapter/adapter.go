// Package engineadapter implements the workbench's backend (the interfaces of tui/backend)
// over the engine's workflow, engine/workspace: it turns the screens' requests into the
// workspace's values and its answers into the screens'. It runs no SQL and computes no
// statistic of its own.
//
// It lives outside tui/ so that the workbench's own packages never link the engine's DuckDB
// session: cmd/seglab hands its Opener to tui.Run.
package engineadapter

import (
	"context"
	"fmt"
	"path/filepath"
	"sync/atomic"

	sampledata "github.com/seglab/seglab/sample-data"

	"github.com/seglab/seglab/engine/data"
	"github.com/seglab/seglab/engine/prep"
	"github.com/seglab/seglab/engine/roles"
	"github.com/seglab/seglab/engine/source"
	"github.com/seglab/seglab/engine/workspace"
	"github.com/seglab/seglab/queries"
	"github.com/seglab/seglab/tui/backend"
	"github.com/seglab/seglab/tui/i18n"
	"github.com/seglab/seglab/tui/task"
)

// Session is an open workspace over the engine (engine/workspace). It implements
// backend.Session, backend.Suggester, backend.Segmenter, backend.Profiler and
// backend.Definer.
type Session struct {
	ws       *workspace.Workspace
	source   string
	tables   []backend.Table
	features []backend.Feature
	dirs     []string // folders of the files the user opened; none for the sample

	suggestPop  backend.Population
	suggestDims []backend.Dimension

	segmented atomic.Bool // a segmentation has been stored in the workspace
}

// Opener returns the backend.Opener that opens data with the engine, with opts (the
// workspace file), labelling its steps in tr's language.
func Opener(tr i18n.Tr, opts workspace.Options) backend.Opener {
	return func(ctx context.Context, paths []string, report task.Report) (backend.Session, error) {
		return Open(ctx, tr, paths, opts, report)
	}
}

// Open opens paths in a workspace with opts — the built-in sample, unpacked into the user's
// cache, when paths is empty — builds the wide table (or takes the one wide-table file) and
// proposes a starting point.
func Open(ctx context.Context, tr i18n.Tr, paths []string, opts workspace.Options, report task.Report) (_ backend.Session, err error) {
	out := &Session{}
	defer func() {
		if err != nil {
			out.Close()
		}
	}()
	steps, step := 3, 0
	next := func(label string) {
		report(task.Step{Label: label, Done: step, Total: steps})
		step++
	}
	sample := false
	switch {
	case len(paths) == 0:
		steps++
		next(tr.T(i18n.StepSample))
		// In the user's cache rather than a temporary folder, so that a definition saved
		// from the sample keeps sources that exist.
		if paths, err = sampledata.Cached(); err != nil {
			return nil, fmt.Errorf("unpacking the sample: %w", err)
		}
		out.source = tr.T(i18n.SourceSample)
		sample = true
	case len(paths) == 1:
		out.source = filepath.Base(paths[0])
	default:
		out.source = tr.F(i18n.SourceFiles, len(paths))
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	next(tr.F(i18n.StepLoad, out.source))
	if opts.Mapping.Empty() && !sample {
		// The mapping the workbench saved beside this data last time.
		if opts.Mapping, err = workspace.LoadMappingBeside(paths); err != nil {
			return nil, err
		}
	}
	if out.ws, err = workspace.Open(ctx, paths, opts); err != nil {
		return nil, err
	}
	if !sample {
		out.dirs = out.ws.DataDirs()
	}
	next(tr.T(i18n.StepWide))
	opened := out.ws.Opened()
	for _, t := range opened.Tables {
		if t.Name != source.Table {
			out.tables = append(out.tables, backend.Table{Name: t.Name, Kind: string(t.Kind), Rows: t.Rows})
		}
	}
	out.tables = append(out.tables, backend.Table{Name: source.Table, Kind: "wide", Rows: opened.Rows})
	out.features = catalogue(out.ws.Columns(), out.ws.IDColumn())
	next(tr.T(i18n.StepSuggest))
	if err := out.suggest(ctx); err != nil {
		return nil, err
	}
	report(task.Step{Label: tr.T(i18n.StepSuggest), Done: steps, Total: steps})
	return out, nil
}

// populationColumns are categorical columns that choose the population rather than
// describe customers inside it; they are not offered as dimensions.
var populationColumns = map[string]bool{roles.CustomerType: true, roles.CustomerCls: true}

// catalogue lists the numeric and categorical columns of wide but the id column: those the
// feature catalogue knows (region, housing, heating, payment channel …), in its order and with
// its labels, then any others — a user's own columns, 网格, 用户分类 — under their own names.
func catalogue(cols []source.Column, idColumn string) []backend.Feature {
	have := map[string]source.Column{}
	for _, c := range cols {
		have[c.Name] = c
	}
	var out []backend.Feature
	known := map[string]bool{}
	for _, f := range queries.Features() {
		known[f.Name] = true
		if c, ok := have[f.Name]; ok && c.Kind == queries.KindNumeric {
			out = append(out, backend.Feature{Name: f.Name, LabelEN: f.LabelEN, LabelZH: f.LabelZH, Unit: f.Unit})
		}
		if c, ok := have[f.Name]; ok && c.Kind == queries.KindCategorical && f.Kind == queries.KindCategorical && !populationColumns[f.Name] {
			out = append(out, backend.Feature{Name: f.Name, LabelEN: f.LabelEN, LabelZH: f.LabelZH, Categorical: true})
		}
	}
	for _, c := range cols {
		switch {
		case known[c.Name] || c.Name == idColumn:
		case c.Kind == queries.KindNumeric:
			out = append(out, backend.Feature{Name: c.Name})
		case c.Kind == queries.KindCategorical:
			out = append(out, backend.Feature{Name: c.Name, Categorical: true})
		}
	}
	return out
}

// suggest takes the workspace's defaults (the same the command line uses without --dims) as
// the starting population and dimensions.
func (s *Session) suggest(ctx context.Context) error {
	d, err := s.ws.Defaults(ctx)
	if err != nil {
		return err
	}
	s.suggestPop = backend.Population{}
	if d.Preset == workspace.Residential {
		s.suggestPop = backend.Population{Kind: backend.Residential}
	}
	s.suggestDims = nil
	for _, dim := range d.Dims {
		if !s.hasFeature(dim.Column) {
			continue
		}
		t := backend.TransformNone
		switch dim.Transform {
		case prep.Log1p:
			t = backend.TransformLog1p
		case prep.Winsorize:
			t = backend.TransformWinsorise
		}
		s.suggestDims = append(s.suggestDims, backend.Dimension{Name: dim.Column, Transform: t, Weight: dim.Weight})
	}
	return nil
}

func (s *Session) hasFeature(name string) bool {
	for _, f := range s.features {
		if f.Name == name {
			return true
		}
	}
	return false
}

func (s *Session) column(name string) (source.Column, bool) {
	c, err := s.ws.Column(name)
	return c, err == nil
}

// Suggest implements backend.Suggester.
func (s *Session) Suggest() (backend.Population, []backend.Dimension) {
	return s.suggestPop, append([]backend.Dimension(nil), s.suggestDims...)
}

// Source implements backend.Session.
func (s *Session) Source() string { return s.source }

// Contract implements backend.Contractor with the loader's export contract (what
// seglab exports prints).
func (s *Session) Contract() []backend.ExportKind {
	var out []backend.ExportKind
	for _, e := range data.Exports {
		k := backend.ExportKind{Kind: string(e.Kind), Title: e.Title}
		for _, c := range e.Columns {
			k.Columns = append(k.Columns, backend.ExportField{Name: c.Name, Chinese: c.Chinese,
				Also: append([]string(nil), data.Synonyms(c.Name)...), Type: c.Type.Words(), Required: !c.Optional})
		}
		out = append(out, k)
	}
	return out
}

// Warnings implements backend.Warner with the loader's plausibility warnings.
func (s *Session) Warnings(lang string) []string {
	var out []string
	for _, w := range s.ws.Session().Warnings() {
		out = append(out, w.Text(lang))
	}
	return out
}

// Tables implements backend.Session: the loaded files, then wide.
func (s *Session) Tables() []backend.Table { return append([]backend.Table(nil), s.tables...) }

// Features implements backend.Session.
func (s *Session) Features() []backend.Feature { return append([]backend.Feature(nil), s.features...) }

// known returns an error unless table is one of the session's tables.
func (s *Session) known(table string) error {
	for _, t := range s.tables {
		if t.Name == table {
			return nil
		}
	}
	return fmt.Errorf("no table %s is open", table)
}

// Describe implements backend.Session.
func (s *Session) Describe(ctx context.Context, table string) ([]backend.Column, error) {
	if err := s.known(table); err != nil {
		return nil, err
	}
	stats, err := s.ws.Session().Describe(ctx, table)
	if err != nil {
		return nil, err
	}
	return columns(stats), nil
}

// columns turns the engine's column summaries into the screens'.
func columns(stats []data.ColumnStats) []backend.Column {
	out := make([]backend.Column, len(stats))
	for i, c := range stats {
		out[i] = backend.Column{Name: c.Name, Type: c.Type, NullShare: c.NullShare, Distinct: c.Distinct, DistinctEstimated: c.DistinctEstimated, Min: c.Min, Max: c.Max}
	}
	return out
}

// Preview implements backend.Session.
func (s *Session) Preview(ctx context.Context, table string, limit int) (backend.Rows, error) {
	if err := s.known(table); err != nil {
		return backend.Rows{}, err
	}
	r, err := s.ws.Preview(ctx, table, limit)
	return backend.Rows(r), err
}

// presets are the workspace's population presets behind the Data screen's kinds.
var presets = map[backend.PopulationKind]workspace.Preset{
	backend.Everyone: workspace.Everyone, backend.Residential: workspace.Residential, backend.Business: workspace.Business,
}

// population returns pop as the workspace states it: a filter on wide, the same for
// counting, fitting and saving.
func (s *Session) population(pop backend.Population) (prep.Filter, error) {
	if p, ok := presets[pop.Kind]; ok {
		return s.ws.Population(p)
	}
	if pop.Kind != backend.ColumnEquals {
		return nil, fmt.Errorf("unknown population kind %d", pop.Kind)
	}
	conds := []backend.ColumnValue{{Column: pop.Column, Value: pop.Value}}
	if pop.Text != "" {
		var ok bool
		if conds, ok = backend.SplitConditions(pop.Text); !ok {
			return nil, fmt.Errorf("the population %q is not COLUMN = VALUE conditions joined by AND", pop.Text)
		}
	}
	var f prep.Filter
	for _, cv := range conds {
		c, err := s.ws.Condition(cv.Column, cv.Value)
		if err != nil {
			return nil, err
		}
		f = append(f, c)
	}
	return f, nil
}

// Count implements backend.Session.
func (s *Session) Count(ctx context.Context, pop backend.Population) (int64, error) {
	f, err := s.population(pop)
	if err != nil {
		return 0, err
	}
	return s.ws.Count(ctx, f)
}

// Correlation implements backend.Session with the workspace's correlation, computed in Go
// from the population's matrix with the transforms of the dimensions.
func (s *Session) Correlation(ctx context.Context, dims []backend.Dimension, pop backend.Population) ([][]float64, error) {
	if len(dims) == 0 {
		return [][]float64{}, nil
	}
	req, err := s.request(backend.SegmentRequest{Dimensions: dims, Population: pop})
	if err != nil {
		return nil, err
	}
	return s.ws.Correlation(ctx, req.Dims, req.Population)
}

// Close implements backend.Session: it closes the workspace.
func (s *Session) Close() error {
	return s.ws.Close()
}

var _ backend.Session = (*Session)(nil)
var _ backend.Suggester = (*Session)(nil)
var _ backend.Warner = (*Session)(nil)
var _ backend.Contractor = (*Session)(nil)
var _ backend.Segmenter = (*Session)(nil)
var _ backend.Profiler = (*Session)(nil)
