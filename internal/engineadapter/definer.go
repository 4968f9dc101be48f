package engineadapter

import (
	"context"

	"github.com/seglab/seglab/engine/definition"
	"github.com/seglab/seglab/engine/definition/definitiondb"
	"github.com/seglab/seglab/engine/portrait"
	"github.com/seglab/seglab/engine/profile"
	"github.com/seglab/seglab/engine/report"
	"github.com/seglab/seglab/engine/source"
	"github.com/seglab/seglab/engine/sweep"
	"github.com/seglab/seglab/tui/backend"
	"github.com/seglab/seglab/tui/task"
)

// DataDirs implements backend.Definer.
func (s *Session) DataDirs() []string { return append([]string(nil), s.dirs...) }

// Draft implements backend.Definer with the workspace's definition of the segmentation, the
// one seglab cluster --save writes.
func (s *Session) Draft(ctx context.Context, seg *backend.Segmentation, defPath string) (*definition.Definition, error) {
	ws, err := engineSegmentation(seg)
	if err != nil {
		return nil, err
	}
	return s.ws.Definition(ctx, ws, defPath)
}

// VerifyDefinition implements backend.Definer.
func (s *Session) VerifyDefinition(defPath string, d *definition.Definition) ([]definition.SourceCheck, error) {
	return definitiondb.Verify(defPath, d, s.ws.Tables())
}

// ScoreDefinition implements backend.Definer.
func (s *Session) ScoreDefinition(ctx context.Context, d *definition.Definition, out, lang string) (*definition.Scores, error) {
	if _, err := source.OutputFormat(out); err != nil {
		return nil, err
	}
	sc, err := definitiondb.Score(ctx, s.ws.Session(), d)
	if err != nil {
		return nil, err
	}
	if err := definitiondb.Write(ctx, s.ws.Session(), d, sc, out, lang); err != nil {
		return nil, err
	}
	return sc, nil
}

// ReportDefinition implements backend.Definer with engine/report: it refits the k sweep
// with the definition's settings, reporting each fit.
func (s *Session) ReportDefinition(ctx context.Context, d *definition.Definition, defPath, out, lang string, rep task.Report) error {
	opts := report.Options{Lang: lang, DefinitionPath: defPath, Tables: s.ws.Tables(),
		SweepProgress: func(p sweep.Progress) { rep(task.Step{Done: p.FitsDone, Total: p.FitsTotal}) }}
	_, err := report.Generate(ctx, s.ws.Session(), d, out, opts)
	return err
}

// ProfileWithTags implements backend.TagProfiler with the workspace's profile over the
// portrait tags once they are built.
func (s *Session) ProfileWithTags(ctx context.Context, rep task.Report) (*profile.Result, error) {
	if !s.segmented.Load() {
		return nil, backend.ErrNoSegmentation
	}
	rep(task.Step{Done: 0, Total: 1})
	r, err := s.ws.ProfileTagged(ctx)
	if err == nil {
		rep(task.Step{Done: 1, Total: 1})
	}
	return r, err
}

// PortraitTags implements backend.Portraitist.
func (s *Session) PortraitTags(ctx context.Context) (*portrait.TagsResult, error) {
	return s.ws.PortraitTags(ctx)
}

// PortraitColumns implements backend.Portraitist.
func (s *Session) PortraitColumns(ctx context.Context) ([]backend.Column, error) {
	stats, err := s.ws.PortraitColumns(ctx)
	if err != nil {
		return nil, err
	}
	return columns(stats), nil
}

// PortraitPreview implements backend.Portraitist.
func (s *Session) PortraitPreview(ctx context.Context, limit int) (backend.Rows, error) {
	r, err := s.ws.Preview(ctx, portrait.Table, limit)
	return backend.Rows(r), err
}

// PortraitValue implements backend.Portraitist.
func (s *Session) PortraitValue(ctx context.Context) (*portrait.ValueResult, error) {
	return s.ws.PortraitValue(ctx)
}

// PortraitPayment implements backend.Portraitist, reporting the sweep's fits as steps.
func (s *Session) PortraitPayment(ctx context.Context, rep task.Report) (*portrait.PaymentResult, error) {
	return s.ws.PortraitPayment(ctx, func(p sweep.Progress) { rep(task.Step{Done: p.FitsDone, Total: p.FitsTotal}) })
}

// PortraitBusiness implements backend.Portraitist.
func (s *Session) PortraitBusiness(ctx context.Context) (*portrait.BusinessResult, error) {
	return s.ws.PortraitBusiness(ctx)
}

var (
	_ backend.Definer     = (*Session)(nil)
	_ backend.TagProfiler = (*Session)(nil)
	_ backend.Portraitist = (*Session)(nil)
)
