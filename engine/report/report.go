// Package report writes the workshop report of a segment definition: one self-contained HTML
// file (inline CSS and SVG, no scripts, no network) with the data and population, the k sweep
// with its elbow and silhouette charts, one card per segment, the profile heat map, the
// satisfaction-versus-outage chart, the region table, the opportunities and the definition
// with its confirmation state — every label in English or Chinese. The charts can also be
// written as separate SVG and PNG files for slides.
//
// Build computes everything from a session whose relation wide holds the customers (see
// engine/source): it scores them with the definition, refits the k sweep on the same
// population and dimensions with the definition's seed, and profiles the segments. Write
// renders a built report and writes it atomically. Nothing is printed.
package report

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"time"

	"github.com/seglab/seglab/engine/data"
	"github.com/seglab/seglab/engine/definition"
	"github.com/seglab/seglab/engine/definition/definitiondb"
	"github.com/seglab/seglab/engine/inputerr"
	"github.com/seglab/seglab/engine/prep"
	"github.com/seglab/seglab/engine/profile"
	"github.com/seglab/seglab/engine/profile/profiledb"
	"github.com/seglab/seglab/engine/segviews"
	"github.com/seglab/seglab/engine/source"
	"github.com/seglab/seglab/engine/sweep"
	"github.com/seglab/seglab/queries"
)

// Options says how to build a report. The zero value builds an English report without a
// fingerprint check and runs the sweep.
type Options struct {
	Lang string // EN or ZH; "" is EN
	// DefinitionPath is the definition's file, shown in the report and used to match the
	// loaded files to its sources; "" leaves the fingerprint status out.
	DefinitionPath string
	// Tables are the files loaded into the session (source.Opened.Tables), compared with the
	// definition's fingerprints by definitiondb.Verify; nil leaves the status out.
	Tables []data.Table
	// Sweep, when not nil, is used instead of running the sweep again (the workbench has
	// one); it must come from the same population, dimensions and seed.
	Sweep *sweep.Result
	// SweepProgress, if not nil, receives the sweep's progress reports.
	SweepProgress func(sweep.Progress)
	Now           time.Time // the report's date; zero is time.Now()
}

// Customers counts the customers of the data by how the definition treats them.
type Customers struct {
	Total      int `json:"total"`
	Clustered  int `json:"clustered"`  // in the population, nearest centroid
	Incomplete int `json:"incomplete"` // of Clustered, scored over the dimensions they have
	Routed     int `json:"routed"`
	Outside    int `json:"outside"` // segment 0
}

// Report is everything the page shows, computed once; Lang chooses the language of HTML.
type Report struct {
	Lang           string
	Def            *definition.Definition
	DefinitionPath string
	Checks         []definition.SourceCheck // nil when not verified
	Customers      Customers
	Sweep          *sweep.Result
	Profile        *profile.Result
	Views          *segviews.Views
	Now            time.Time
	// latinOnly draws names holding Chinese characters by number instead ("segment 3"), for
	// the English PNG charts of a machine without a CJK font.
	latinOnly bool
}

// Build scores the session's customers with d, runs the k sweep on its population and
// dimensions (unless opts.Sweep is given) and profiles the segments. The session must hold
// the relation wide (source.Open). Build leaves no tables behind in the session.
func Build(ctx context.Context, s *data.Session, d *definition.Definition, opts Options) (*Report, error) {
	lang := opts.Lang
	if lang == "" {
		lang = EN
	}
	if lang != EN && lang != ZH {
		return nil, fmt.Errorf("report: unknown language %q (use en or zh)", lang)
	}
	r := &Report{Lang: lang, Def: d, DefinitionPath: opts.DefinitionPath, Now: opts.Now}
	if r.Now.IsZero() {
		r.Now = time.Now()
	}
	if opts.Tables != nil && opts.DefinitionPath != "" {
		checks, err := definitiondb.Verify(opts.DefinitionPath, d, opts.Tables)
		if err != nil {
			return nil, err
		}
		r.Checks = checks
	}
	sc, err := definitiondb.Score(ctx, s, d)
	if err != nil {
		return nil, err
	}
	r.Customers = Customers{Total: len(sc.Segments), Clustered: sc.Clustered, Incomplete: sc.Incomplete,
		Routed: sc.Routed, Outside: sc.Outside}
	if sc.Clustered == 0 {
		return nil, &inputerr.Error{Msg: "no customer of the data is in the definition's population (" + filterText(d.Population, EN) + ")"}
	}
	var pop []int
	for i, seg := range sc.Segments {
		if seg >= 1 && seg <= d.K {
			pop = append(pop, i)
		}
	}
	table, pr, err := prepare(ctx, s, d, pop)
	if err != nil {
		return nil, err
	}
	r.Sweep = opts.Sweep
	if r.Sweep == nil {
		if r.Sweep, err = runSweep(ctx, d, pr, opts.SweepProgress); err != nil {
			return nil, err
		}
	}
	labels := make([]int, pr.N)
	for i, row := range pr.Rows {
		labels[i] = sc.Segments[pop[row]]
	}
	if r.Views, err = segviews.Compute(ctx, d.K, d.Algorithm.Seed, table, pr, labels); err != nil {
		return nil, err
	}
	if r.Profile, err = runProfile(ctx, s, d, sc, pop); err != nil {
		return nil, err
	}
	return r, nil
}

// prepare reads the definition's dimensions for the customers of rows pop (in Score's
// order) and fits its preprocessing spec to them: the population's table in the data's
// units, and the matrix the sweep and the segment views work on.
func prepare(ctx context.Context, s *data.Session, d *definition.Definition, pop []int) (prep.Table, *prep.Prepared, error) {
	spec := d.Spec()
	rows, err := source.Read(ctx, s, definitiondb.DimensionColumns(d), nil, d.IDColumn)
	if err != nil {
		return prep.Table{}, nil, err
	}
	table := rows.Table.Select(pop)
	pr, err := prep.Fit(prep.Spec{Dims: spec.Dims, Scaling: spec.Scaling}, table)
	if err != nil {
		return prep.Table{}, nil, err
	}
	return table, pr, nil
}

// runSweep refits k = 2..max(7, K) on the prepared population with the definition's
// k-means settings.
func runSweep(ctx context.Context, d *definition.Definition, pr *prep.Prepared, progress func(sweep.Progress)) (*sweep.Result, error) {
	kmax := max(sweep.DefaultKMax, d.K)
	if pr.N < kmax {
		return nil, &inputerr.Error{Msg: fmt.Sprintf("the population has %d complete customers, too few for a sweep up to k = %d", pr.N, kmax)}
	}
	a := d.Algorithm
	return sweep.Run(ctx, pr.X, pr.N, pr.D, sweep.Options{KMin: sweep.DefaultKMin, KMax: kmax,
		NInit: a.NInit, MaxIter: a.MaxIter, Tol: a.Tol, Seed: a.Seed, Progress: progress})
}

// assignTable holds the report's assignments while it profiles; Build drops it again.
const assignTable = "report_assignments"

// runProfile profiles the clustered customers (rows pop of sc) against the population
// (profiledb.Segmented): every index and the reference lines of the chart are relative to
// the population, as in seglab profile and the workbench.
func runProfile(ctx context.Context, s *data.Session, d *definition.Definition, sc *definition.Scores, pop []int) (*profile.Result, error) {
	id := d.IDColumn
	if id == "" {
		id = "row" // customers numbered in the table's order, as Score read them
	}
	ids := make([]string, len(pop))
	segs := make([]int, len(pop))
	for j, i := range pop {
		ids[j], segs[j] = sc.IDs[i], sc.Segments[i]
	}
	if err := source.StoreAssignmentsAs(ctx, s, assignTable, id, ids, segs, nil); err != nil {
		return nil, err
	}
	defer s.DB().ExecContext(context.WithoutCancel(ctx), queries.Template("drop_table", map[string]string{"Table": assignTable}))
	return profiledb.Segmented(ctx, s.DB(), profile.Options{Table: source.Table, Assignments: assignTable, ID: id})
}

// Generate builds the report of d over the session's customers and writes it to path as
// HTML in opts.Lang: Build followed by Write, for callers such as the workbench.
func Generate(ctx context.Context, s *data.Session, d *definition.Definition, path string, opts Options) (*Report, error) {
	r, err := Build(ctx, s, d, opts)
	if err != nil {
		return nil, err
	}
	if err := Write(r, path); err != nil {
		return nil, err
	}
	return r, nil
}

// Write builds nothing: it renders r as HTML in r.Lang and writes it to path atomically (a
// temporary file beside it, synced, then renamed).
func Write(r *Report, path string) error {
	page, err := r.HTML()
	if err != nil {
		return err
	}
	return writeAtomic(path, page)
}

// writeAtomic writes b to path through a temporary file in the same folder.
func writeAtomic(path string, b []byte) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return inputerr.New(path, "cannot write here: %v", err)
	}
	name := tmp.Name()
	defer os.Remove(name) // no-op once renamed
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return inputerr.New(path, "cannot write: %v", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return inputerr.New(path, "cannot write: %v", err)
	}
	if err := tmp.Close(); err != nil {
		return inputerr.New(path, "cannot write: %v", err)
	}
	if err := os.Chmod(name, 0o644); err != nil {
		return inputerr.New(path, "cannot write: %v", err)
	}
	if err := os.Rename(name, path); err != nil {
		return inputerr.New(path, "cannot write: %v", err)
	}
	return nil
}

// filterText says which customers a filter selects, in lang.
func filterText(f prep.Filter, lang string) string {
	if len(f) == 0 {
		return tr(lang, "all_customers")
	}
	out := ""
	for i, c := range f {
		if i > 0 {
			out += tr(lang, "and")
		}
		col := columnLabel(c.Column, lang)
		if c.Equals == nil {
			out += trf(lang, "is_missing", col)
		} else {
			out += fmt.Sprintf("%s = %s", col, queries.ValueLabel(c.Column, fmt.Sprint(c.Equals), lang))
		}
	}
	return out
}

// columnLabel is the wide-table feature's label in lang, or the column's own name for a
// column the feature catalogue does not know (a user's own table).
func columnLabel(column, lang string) string { return queries.FeatureLabel(column, lang) }

// finite reports whether x is a usable number.
func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
