package definitiondb

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
	"github.com/seglab/seglab/engine/definition"
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
func Fingerprint(defPath string, tables []data.Table) ([]definition.Source, error) {
	defDir, err := filepath.Abs(filepath.Dir(defPath))
	if err != nil {
		return nil, err
	}
	var out []definition.Source
	for _, t := range tables {
		sum, size, err := hashFile(t.Source)
		if err != nil {
			return nil, inputerr.New(t.Source, "cannot fingerprint: %v", err)
		}
		src := definition.Source{File: t.Source, Rows: t.Rows, Bytes: size, SHA256: sum}
		if abs, err := filepath.Abs(t.Source); err == nil {
			if rel, err := filepath.Rel(defDir, abs); err == nil && definition.CheckSourcePath(rel) == nil {
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

// Verify compares d's sources with the loaded tables, matching files by their path relative
// to the definition's folder or, failing that, by base name. A file is unchanged when its rows
// and hash are the same.
func Verify(defPath string, d *definition.Definition, tables []data.Table) ([]definition.SourceCheck, error) {
	now, err := Fingerprint(defPath, tables)
	if err != nil {
		return nil, err
	}
	used := make([]bool, len(now))
	find := func(s definition.Source) int {
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
	var out []definition.SourceCheck
	for _, s := range d.Sources {
		c := definition.SourceCheck{File: s.File, RowsWas: s.Rows, HashWas: s.SHA256, Status: "missing"}
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
			out = append(out, definition.SourceCheck{File: n.File, Status: "new", RowsNow: n.Rows, HashNow: n.SHA256})
		}
	}
	return out, nil
}

// DimensionColumns lists the wide-table columns of d's dimensions, as source.Read takes them.
func DimensionColumns(d *definition.Definition) []source.Column {
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

// Refit fits d again on the session's wide table with the stored spec, seed, n_init,
// max_iter, tol and k — routed customers are left out of the fit, as they were — matches the
// refit's segments to d's, and reports how many of the population's customers changed segment.
func Refit(ctx context.Context, s *data.Session, d *definition.Definition) (*definition.Drift, error) {
	sc, err := Score(ctx, s, d)
	if err != nil {
		return nil, err
	}
	spec := d.Spec()
	cols := DimensionColumns(d)
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
	next := definition.New(pr.Fitted, d.K, res.Centroids, res.Sizes)
	next.IDColumn, next.Population, next.Routes, next.Algorithm = d.IDColumn, d.Population, d.Routes, d.Algorithm
	if err := definition.CarryOver(d, next, "(stored)"); err != nil {
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
	return &definition.Drift{Refit: next, Matched: next.Continuity.Matched, Changed: float64(changed) / float64(len(pop)),
		ARI: metrics.AdjustedRand(old, now), Customers: len(pop)}, nil
}
