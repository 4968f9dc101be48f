package engineadapter

import (
	"context"

	"github.com/seglab/seglab/engine/definition"
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
	return definition.Verify(defPath, d, s.ws.Tables())
}

// ScoreDefinition implements backend.Definer.
func (s *Session) ScoreDefinition(ctx context.Context, d *definition.Definition, out, lang string) (*definition.Scores, error) {
	if _, err := source.OutputFormat(out); err != nil {
		return nil, err
	}
	sc, err := definition.Score(ctx, s.ws.Session(), d)
	if err != nil {
		return nil, err
	}
	if err := definition.Write(ctx, s.ws.Session(), d, sc, out, lang); err != nil {
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

// EnginePortrait returns the engine portrait over the workspace's session (see
// backend.PortraitOf).
func (s *Session) EnginePortrait() backend.Portraitist {
	return backend.EnginePortrait{DB: s.ws.Session().DB()}
}

// ProfileWithTags implements backend.TagProfiler: the profile over the relation portrait
// when the portrait tags have been built, so that the tags are profiled as categorical
// columns with the labels of portrait.TagColumns; over the wide table otherwise.
func (s *Session) ProfileWithTags(ctx context.Context, rep task.Report) (r *profile.Result, err error) {
	err = backend.EnginePortrait{DB: s.ws.Session().DB()}.Exclusive(func() error {
		ok, err := s.ws.Exists(ctx, portrait.Table)
		if err != nil || !ok {
			r, err = s.Profile(ctx, rep)
			return err
		}
		cols, err := profile.CatalogueColumns(ctx, s.ws.Session().DB(), portrait.Table)
		if err != nil {
			return err
		}
		for i, c := range cols {
			for _, tc := range portrait.TagColumns {
				if tc.Name == c.Name {
					cols[i] = tc
				}
			}
		}
		r, err = s.profile(ctx, rep, profile.Options{Table: portrait.Table, Columns: cols})
		return err
	})
	return r, err
}

var (
	_ backend.Definer     = (*Session)(nil)
	_ backend.TagProfiler = (*Session)(nil)
)
