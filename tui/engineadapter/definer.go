package engineadapter

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/seglab/seglab/engine/definition"
	"github.com/seglab/seglab/engine/prep"
	"github.com/seglab/seglab/engine/report"
	"github.com/seglab/seglab/engine/source"
	"github.com/seglab/seglab/engine/sweep"
	"github.com/seglab/seglab/tui/backend"
	"github.com/seglab/seglab/tui/task"
)

// dataDirs returns the folders of paths (a folder given stays itself), each once, sorted.
func dataDirs(paths []string) []string {
	var out []string
	for _, p := range paths {
		dir := filepath.Dir(p)
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			dir = p
		}
		if abs, err := filepath.Abs(dir); err == nil {
			dir = abs
		}
		if !slices.Contains(out, dir) {
			out = append(out, dir)
		}
	}
	slices.Sort(out)
	return out
}

// DataDirs implements backend.Definer.
func (s *Session) DataDirs() []string { return append([]string(nil), s.dirs...) }

// filter returns pop as a filter on the wide table, as where selects it.
func (s *Session) filter(pop backend.Population) (prep.Filter, error) {
	_, hasType := s.column("customer_type")
	_, hasClass := s.column("customer_class")
	switch pop.Kind {
	case backend.Everyone:
		return nil, nil
	case backend.Residential, backend.Business:
		res := pop.Kind == backend.Residential
		switch {
		case hasType && res:
			return prep.Filter{{Column: "customer_type", Equals: "residential"}}, nil
		case hasType:
			return prep.Filter{{Column: "customer_type", Equals: "business"}}, nil
		case hasClass && res:
			return prep.Filter{{Column: "customer_class", Equals: residentialClass}}, nil
		}
		return nil, fmt.Errorf("a definition cannot state this population: the wide table has no customer_type column to select business customers by")
	case backend.ColumnEquals:
		return prep.Filter{{Column: pop.Column, Equals: pop.Value}}, nil
	}
	return nil, fmt.Errorf("unknown population kind %d", pop.Kind)
}

// Provenance implements backend.Definer. The built-in sample is fingerprinted too: its
// files lie in a temporary folder, so they are recorded by name only.
func (s *Session) Provenance(defPath string, pop backend.Population) (backend.Provenance, error) {
	f, err := s.filter(pop)
	if err != nil {
		return backend.Provenance{}, err
	}
	sources, err := definition.Fingerprint(defPath, s.files)
	if err != nil {
		return backend.Provenance{}, err
	}
	return backend.Provenance{Sources: sources, Population: f, IDColumn: s.idColumn, NInit: nInit}, nil
}

// VerifyDefinition implements backend.Definer.
func (s *Session) VerifyDefinition(defPath string, d *definition.Definition) ([]definition.SourceCheck, error) {
	return definition.Verify(defPath, d, s.files)
}

// ScoreDefinition implements backend.Definer.
func (s *Session) ScoreDefinition(ctx context.Context, d *definition.Definition, out, lang string) (*definition.Scores, error) {
	if _, err := source.OutputFormat(out); err != nil {
		return nil, err
	}
	sc, err := definition.Score(ctx, s.s, d)
	if err != nil {
		return nil, err
	}
	if err := definition.Write(ctx, s.s, d, sc, out, lang); err != nil {
		return nil, err
	}
	return sc, nil
}

// ReportDefinition implements backend.Definer with engine/report: it refits the k sweep
// with the definition's settings, reporting each fit.
func (s *Session) ReportDefinition(ctx context.Context, d *definition.Definition, defPath, out, lang string, rep task.Report) error {
	opts := report.Options{Lang: lang, DefinitionPath: defPath, Tables: s.files,
		SweepProgress: func(p sweep.Progress) { rep(task.Step{Done: p.FitsDone, Total: p.FitsTotal}) }}
	_, err := report.Generate(ctx, s.s, d, out, opts)
	return err
}

// ReadAssignments implements backend.AssignmentsReader over the assignments table that
// Segment wrote and the Profiles screen edits.
func (s *Session) ReadAssignments(ctx context.Context) (backend.Assignments, error) {
	db := s.s.DB()
	var named int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM information_schema.columns WHERE table_name = ? AND column_name = 'segment_name'",
		source.AssignmentsTable).Scan(&named); err != nil {
		return backend.Assignments{}, err
	}
	name := "NULL"
	if named > 0 {
		name = "segment_name"
	}
	id := s.idColumn
	if id == "" {
		id = "row"
	}
	rows, err := db.QueryContext(ctx, "SELECT CAST("+prep.QuoteIdent(id)+" AS VARCHAR), segment, "+name+" FROM "+
		prep.QuoteIdent(source.AssignmentsTable))
	if err != nil {
		return backend.Assignments{}, fmt.Errorf("reading the segments back: %w", err)
	}
	defer rows.Close()
	a := backend.Assignments{Names: map[int]string{}}
	for rows.Next() {
		var cid string
		var seg int
		var n sql.NullString
		if err := rows.Scan(&cid, &seg, &n); err != nil {
			return backend.Assignments{}, err
		}
		a.IDs, a.Segments = append(a.IDs, cid), append(a.Segments, seg)
		if n.Valid && n.String != "" {
			a.Names[seg] = n.String
		}
	}
	return a, rows.Err()
}

var (
	_ backend.Definer           = (*Session)(nil)
	_ backend.AssignmentsReader = (*Session)(nil)
)
