// Package workspace is seglab's segmentation workflow, one implementation used by both front
// ends (cmd/seglab and the workbench in tui/): it opens the data in a DuckDB session (in
// memory or in a workspace file, optionally confined), chooses the population as data (a
// prep.Filter of several conditions), reads the population's matrix, sweeps k, fits,
// numbers the segments by size, renames and merges them (scoring every customer again),
// builds the definition of a fit and profiles the segments against the segmented population.
//
// A front end parses its own input (flags, keys) into the values of this package and shows
// what comes back; it runs no SQL and decides no statistics of its own.
package workspace

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"github.com/seglab/seglab/engine/data"
	"github.com/seglab/seglab/engine/inputerr"
	"github.com/seglab/seglab/engine/kmeans"
	"github.com/seglab/seglab/engine/roles"
	"github.com/seglab/seglab/engine/source"
	"github.com/seglab/seglab/engine/widetable"
)

// Defaults of the k-means settings, the one place both front ends take them from.
const (
	DefaultNInit   = kmeans.DefaultNInit
	DefaultMaxIter = kmeans.DefaultMaxIter
	DefaultTol     = kmeans.DefaultTol
	// DefaultWinsorLow and DefaultWinsorHigh are the quantiles a winsorised dimension is
	// clamped to unless the user says otherwise.
	DefaultWinsorLow, DefaultWinsorHigh = 0.01, 0.99
)

// Options configure a Workspace. The zero value keeps DuckDB's tables in memory and leaves
// the session unconfined.
type Options struct {
	// File keeps DuckDB's tables in this file instead of memory (for data larger than
	// memory); it is created when missing.
	File string
	// Threads and MemoryLimit cap DuckDB (see data.Options); zero values keep its defaults.
	Threads     int
	MemoryLimit string
	// Writable, when not nil, confines the session once the data is open: DuckDB may then
	// read only the opened paths and Readable, and write only in or under Writable (see
	// data.Session.Confine). An empty, non-nil slice allows no writing at all.
	Writable []string
	Readable []string
	// Mapping is the user's mapping of roles to the columns of the data (roles.Resolve); the
	// zero value recognises columns by their names and synonyms alone.
	Mapping roles.Mapping
	// SatisfactionScale is the top of the survey's scale, rescaled to 0–10 (see data.Options);
	// 0 keeps 0–10.
	SatisfactionScale float64
}

// Workspace is the open data: the DuckDB session, the loaded files and the customer wide
// table built from them. Its methods may be called from several goroutines, except Close.
type Workspace struct {
	s        *data.Session
	paths    []string
	opened   source.Opened
	cols     []source.Column
	idColumn string
	mapping  roles.Mapping

	// mu serialises the writers and readers of the assignments relation (Store, Profile,
	// Definition), which background commands of the workbench may call at once.
	mu sync.Mutex
	// pmu runs the portrait analyses, which write session tables, one at a time.
	pmu sync.Mutex
}

// Open loads paths (files or folders of raw exports, or one wide-table file) into a new
// session and makes the relation wide, recognising the columns of a wide-table file by their
// roles with opts.Mapping (source.OpenMapped). The customer id column is the one that holds
// the customer id role (customer_id in wide); without one customers are numbered by row and
// RequireID says which columns could be the id. The caller must Close the workspace.
func Open(ctx context.Context, paths []string, opts Options) (_ *Workspace, err error) {
	if len(paths) == 0 {
		return nil, &inputerr.Error{Msg: "no data to open: give export files, folders or a wide table"}
	}
	s, err := data.Open(data.Options{Workspace: opts.File, Threads: opts.Threads, MemoryLimit: opts.MemoryLimit, Mapping: opts.Mapping,
		SatisfactionScale: opts.SatisfactionScale})
	if err != nil {
		return nil, err
	}
	w := &Workspace{s: s, paths: append([]string(nil), paths...), mapping: opts.Mapping.Clone()}
	defer func() {
		if err != nil {
			s.Close()
		}
	}()
	if w.opened, err = source.OpenMapped(ctx, s, paths, widetable.DefaultRules(), opts.Mapping); err != nil {
		return nil, err
	}
	if opts.Writable != nil {
		if err = s.Confine(ctx, append(append([]string(nil), paths...), opts.Readable...), opts.Writable); err != nil {
			return nil, err
		}
	}
	if w.cols, err = source.Columns(ctx, s); err != nil {
		return nil, err
	}
	if _, err := source.Find(w.cols, roles.CustomerID); err == nil {
		w.idColumn = roles.CustomerID
	}
	return w, nil
}

// Close releases the session. The workspace file, if any, keeps its tables.
func (w *Workspace) Close() error {
	if w == nil || w.s == nil {
		return nil
	}
	err := w.s.Close()
	w.s = nil
	return err
}

// Session returns the DuckDB session, for the engine packages that take one (scoring,
// reports, portraits).
func (w *Workspace) Session() *data.Session { return w.s }

// Opened says what was loaded and how wide was made.
func (w *Workspace) Opened() source.Opened { return w.opened }

// Tables returns every file loaded, in load order (for definition fingerprints).
func (w *Workspace) Tables() []data.Table { return append([]data.Table(nil), w.opened.Tables...) }

// Columns returns the columns of wide in table order.
func (w *Workspace) Columns() []source.Column { return append([]source.Column(nil), w.cols...) }

// Column returns the column of wide called name, or an input error listing what exists.
func (w *Workspace) Column(name string) (source.Column, error) { return source.Find(w.cols, name) }

// IDColumn returns the column that identifies a customer, or "" when customers are
// numbered by row.
func (w *Workspace) IDColumn() string { return w.idColumn }

// SetIDColumn makes the column name means (ColumnNamed: its name in wide or in the user's
// file) the customer id column.
func (w *Workspace) SetIDColumn(name string) error {
	c, err := w.ColumnNamed(name)
	if err != nil {
		return err
	}
	w.idColumn = c.Name
	return nil
}

// DataDirs lists the folders of the opened paths (a folder given stays itself), each once,
// absolute and sorted.
func (w *Workspace) DataDirs() []string {
	var out []string
	for _, p := range w.paths {
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

// idName is the id column as the assignments relation names it: "row" without one.
func (w *Workspace) idName() string {
	if w.idColumn == "" {
		return "row"
	}
	return w.idColumn
}
