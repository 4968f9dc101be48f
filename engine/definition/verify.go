package definition

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/seglab/seglab/engine/data"
	"github.com/seglab/seglab/engine/inputerr"
	"github.com/seglab/seglab/engine/kmeans"
	"github.com/seglab/seglab/engine/metrics"
	"github.com/seglab/seglab/engine/prep"
	"github.com/seglab/seglab/engine/source"
	"github.com/seglab/seglab/queries"
)

// Fingerprint describes the loaded tables for a definition to be saved at defPath: the file
// as the user named it, its path relative to defPath's folder when it lies in or under it,
// its rows, its size and the SHA-256 of its bytes.
func Fingerprint(defPath string, tables []data.Table) ([]Source, error) {
	defDir, err := filepath.Abs(filepath.Dir(defPath))
	if err != nil {
		return nil, err
	}
	var out []Source
	for _, t := range tables {
		sum, size, err := hashFile(t.Source)
		if err != nil {
			return nil, inputerr.New(t.Source, "cannot fingerprint: %v", err)
		}
		src := Source{File: t.Source, Rows: t.Rows, Bytes: size, SHA256: sum}
		if abs, err := filepath.Abs(t.Source); err == nil {
			if rel, err := filepath.Rel(defDir, abs); err == nil && checkSourcePath(rel) == nil {
				src.Path = filepath.ToSlash(rel)
			}
		}
		out = append(out, src)
	}
	return out, nil
}

func hashFile(path string) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", 0, err
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// SourcePaths returns the files of d's sources resolved against defPath's folder, for
// reopening the data a definition was fitted on. Sources saved without a path (they lay
// outside the definition's folder) make it an error: the user names that data with --input.
// Symbolic links are resolved: a source whose real path lies outside the real folder of the
// definition (through a link such as lnk -> /elsewhere) is refused, as is one that does not
// exist.
func SourcePaths(defPath string, d *Definition) ([]string, error) {
	if len(d.Sources) == 0 {
		return nil, inputerr.New(defPath, "the definition records no data sources; name the data with --input")
	}
	var out []string
	for _, s := range d.Sources {
		if s.Path == "" {
			return nil, inputerr.New(defPath, "source %s lies outside the definition's folder; name the data with --input", s.File)
		}
		if err := checkSourcePath(s.Path); err != nil {
			return nil, inputerr.New(defPath, "%v", err)
		}
		file := filepath.Join(filepath.Dir(defPath), filepath.FromSlash(s.Path))
		if err := insideFolder(defPath, file); err != nil {
			return nil, inputerr.New(defPath, "source %s: %v", s.Path, err)
		}
		out = append(out, file)
	}
	return out, nil
}

// insideFolder checks that file, with every symbolic link resolved, lies in or under the real
// folder of defPath.
func insideFolder(defPath, file string) error {
	dir, err := filepath.EvalSymlinks(filepath.Dir(defPath))
	if err == nil {
		dir, err = filepath.Abs(dir)
	}
	if err != nil {
		return fmt.Errorf("cannot resolve the definition's folder: %v", err)
	}
	real, err := filepath.EvalSymlinks(file)
	if err == nil {
		real, err = filepath.Abs(real)
	}
	if err != nil {
		return fmt.Errorf("cannot open it (%v); name the data with --input", notExist(err))
	}
	rel, err := filepath.Rel(dir, real)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return fmt.Errorf("it leads out of the definition's folder (to %s) through a symbolic link; name the data with --input", real)
	}
	return nil
}

// notExist words a missing file plainly.
func notExist(err error) any {
	if os.IsNotExist(err) {
		return "no such file or folder"
	}
	return err
}

// SourceCheck compares one source of a definition with the data now.
type SourceCheck struct {
	File    string `json:"file"`
	Status  string `json:"status"` // unchanged, changed, missing (not given now) or new (not in the definition)
	RowsWas int64  `json:"rows_was"`
	RowsNow int64  `json:"rows_now"`
	HashWas string `json:"sha256_was,omitempty"`
	HashNow string `json:"sha256_now,omitempty"`
}

// Verify compares d's sources with the loaded tables, matching files by their path relative
// to the definition's folder or, failing that, by base name. A file is unchanged when its rows
// and hash are the same.
func Verify(defPath string, d *Definition, tables []data.Table) ([]SourceCheck, error) {
	now, err := Fingerprint(defPath, tables)
	if err != nil {
		return nil, err
	}
	used := make([]bool, len(now))
	find := func(s Source) int {
		for i, n := range now {
			if !used[i] && s.Path != "" && n.Path == s.Path {
				return i
			}
		}
		for i, n := range now {
			if !used[i] && filepath.Base(n.File) == filepath.Base(s.File) {
				return i
			}
		}
		return -1
	}
	var out []SourceCheck
	for _, s := range d.Sources {
		c := SourceCheck{File: s.File, RowsWas: s.Rows, HashWas: s.SHA256, Status: "missing"}
		if i := find(s); i >= 0 {
			used[i] = true
			c.RowsNow, c.HashNow = now[i].Rows, now[i].SHA256
			c.Status = "unchanged"
			if c.RowsNow != c.RowsWas || !strings.EqualFold(c.HashNow, c.HashWas) {
				c.Status = "changed"
			}
		}
		out = append(out, c)
	}
	for i, n := range now {
		if !used[i] {
			out = append(out, SourceCheck{File: n.File, Status: "new", RowsNow: n.Rows, HashNow: n.SHA256})
		}
	}
	return out, nil
}

// DimensionColumns lists the wide-table columns of d's dimensions, as source.Read takes them.
func (d *Definition) DimensionColumns() []source.Column {
	var cols []source.Column
	for _, dim := range d.Preprocessing.Dims {
		k := queries.KindNumeric
		if dim.Kind == prep.Categorical {
			k = queries.KindCategorical
		}
		cols = append(cols, source.Column{Name: dim.Column, Kind: k})
	}
	return cols
}

// Spec returns the preprocessing request d was fitted with: the dimensions with their
// transforms, winsorising quantiles and weights, the scaling and the population.
func (d *Definition) Spec() prep.Spec {
	s := prep.Spec{Scaling: d.Preprocessing.Scaling, Filter: d.Population}
	for _, dim := range d.Preprocessing.Dims {
		s.Dims = append(s.Dims, prep.DimSpec{Column: dim.Column, Kind: dim.Kind, Transform: dim.Transform,
			WinsorLow: dim.WinsorLow, WinsorHigh: dim.WinsorHigh, Weight: dim.Weight})
	}
	return s
}

// Drift compares a stored definition with a refit on the data now.
type Drift struct {
	Refit *Definition `json:"-"`
	// Matched[j] is the stored segment matched to the refit's segment j+1.
	Matched []int `json:"matched"`
	// Changed is the share of the population whose segment differs between the stored
	// definition and the refit, after matching the refit's segments to the stored ones;
	// ARI the adjusted Rand index of the two labellings (1 = the same partition).
	Changed   float64 `json:"changed"`
	ARI       float64 `json:"ari"`
	Customers int     `json:"customers"`
}

// Refit fits d again on the session's wide table with the stored spec, seed, n_init,
// max_iter, tol and k — routed customers are left out of the fit, as they were — matches the
// refit's segments to d's, and reports how many of the population's customers changed segment.
func Refit(ctx context.Context, s *data.Session, d *Definition) (*Drift, error) {
	sc, err := Score(ctx, s, d)
	if err != nil {
		return nil, err
	}
	spec := d.Spec()
	cols := d.DimensionColumns()
	// All rows in Score's order; the population (not routed) is picked out here.
	rows, err := source.Read(ctx, s, cols, nil, d.IDColumn)
	if err != nil {
		return nil, err
	}
	var pop []int
	for i, seg := range sc.Segments {
		if seg >= 1 && seg <= d.K {
			pop = append(pop, i)
		}
	}
	if len(pop) == 0 {
		return nil, fmt.Errorf("no customer of the data is in the population")
	}
	pr, err := prep.Fit(prep.Spec{Dims: spec.Dims, Scaling: spec.Scaling}, rows.Table.Select(pop))
	if err != nil {
		return nil, err
	}
	a := d.Algorithm
	res, err := kmeans.Fit(ctx, pr.X, pr.N, pr.D, kmeans.Options{K: d.K, NInit: a.NInit, MaxIter: a.MaxIter, Tol: a.Tol, Seed: a.Seed})
	if err != nil {
		return nil, err
	}
	next := New(pr.Fitted, d.K, res.Centroids, res.Sizes)
	next.IDColumn, next.Population, next.Routes, next.Algorithm = d.IDColumn, d.Population, d.Routes, d.Algorithm
	if err := CarryOver(d, next, "(stored)"); err != nil {
		return nil, err
	}
	sub := rows.Table.Select(pop)
	labels, _, err := prep.Score(next.Preprocessing, sub, next.Centroids(), next.K)
	if err != nil {
		return nil, err
	}
	old := make([]int, len(pop))
	now := make([]int, len(pop))
	changed := 0
	for j, i := range pop {
		old[j] = sc.Segments[i]
		now[j] = next.Continuity.Matched[labels[j]]
		if now[j] == 0 {
			now[j] = -1 - labels[j]
		}
		if now[j] != old[j] {
			changed++
		}
	}
	return &Drift{Refit: next, Matched: next.Continuity.Matched, Changed: float64(changed) / float64(len(pop)),
		ARI: metrics.AdjustedRand(old, now), Customers: len(pop)}, nil
}
