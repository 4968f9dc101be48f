package workspace

import (
	"context"
	"math"
	"path/filepath"
	"slices"
	"testing"

	"github.com/seglab/seglab/engine/data"
	"github.com/seglab/seglab/engine/definition"
	"github.com/seglab/seglab/engine/definition/definitiondb"
	"github.com/seglab/seglab/engine/prep"
	"github.com/seglab/seglab/engine/profile"
	"github.com/seglab/seglab/engine/profile/profiledb"
	"github.com/seglab/seglab/engine/source"
	"github.com/seglab/seglab/queries"
)

// sampleDir is the built-in sample: 5,000 residential and business customers.
const sampleDir = "../../sample-data"

func openSample(t *testing.T, opts Options) *Workspace {
	t.Helper()
	if testing.Short() {
		t.Skip("loads the sample into DuckDB")
	}
	w, err := Open(context.Background(), []string{sampleDir}, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

// fit reads pop, sweeps k alone and segments with it.
func fit(t *testing.T, w *Workspace, pop prep.Filter, k int, dims ...prep.DimSpec) *Segmentation {
	t.Helper()
	ctx := context.Background()
	in, err := w.Read(ctx, Request{Dims: dims, Population: pop, KMeans: KMeans{Seed: 7, NInit: 3}})
	if err != nil {
		t.Fatal(err)
	}
	res, err := in.Sweep(ctx, k, k, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	seg, err := in.Segment(ctx, res, k)
	if err != nil {
		t.Fatal(err)
	}
	return seg
}

var (
	kwh      = prep.DimSpec{Column: "annual_kwh", Kind: prep.Numeric, Transform: prep.Log1p}
	outages  = prep.DimSpec{Column: "outages_12m", Kind: prep.Numeric}
	tickets  = prep.DimSpec{Column: "tickets_12m", Kind: prep.Numeric}
	lateness = prep.DimSpec{Column: "late_payment_count", Kind: prep.Numeric}
)

// TestBusinessPopulationFitsAndSaves fits the business customers of the sample, saves the
// definition and scores the data with it: the definition states the population as data,
// and every business customer gets the segment of the fit, every other customer none.
func TestBusinessPopulationFitsAndSaves(t *testing.T) {
	w := openSample(t, Options{})
	ctx := context.Background()
	pop, err := w.Population(Business)
	if err != nil {
		t.Fatal(err)
	}
	n, err := w.Count(ctx, pop)
	if err != nil || n == 0 {
		t.Fatalf("business customers: %d, %v", n, err)
	}
	seg := fit(t, w, pop, 3, kwh, outages, tickets)
	if len(seg.Labels) != int(n) {
		t.Fatalf("%d customers segmented, the population has %d", len(seg.Labels), n)
	}
	path := filepath.Join(t.TempDir(), "business.yaml")
	d, err := w.Definition(ctx, seg, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := definition.Save(path, d); err != nil {
		t.Fatal(err)
	}
	if d, err = definition.Load(path); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(d.Population, prep.Filter{{Column: "customer_type", Equals: "business"}}) {
		t.Errorf("saved population %v", d.Population)
	}
	for i, s := range d.Segments {
		if s.Size != seg.Sizes[i] || s.Description.EN == "" {
			t.Errorf("segment %d: size %d (fit %d), description %q", s.ID, s.Size, seg.Sizes[i], s.Description.EN)
		}
	}
	sc, err := definitiondb.Score(ctx, w.Session(), d)
	if err != nil {
		t.Fatal(err)
	}
	fitted := map[string]int{}
	for i, id := range seg.Input.Rows.IDs {
		fitted[id] = seg.Labels[i] + 1
	}
	for i, id := range sc.IDs {
		want, in := fitted[id]
		if !in {
			want = 0
		}
		if sc.Segments[i] != want {
			t.Fatalf("customer %s scored %d, the fit gave %d", id, sc.Segments[i], want)
		}
	}
	if sc.Outside == 0 || sc.Outside+len(fitted) != len(sc.IDs) {
		t.Errorf("%d outside + %d business != %d customers", sc.Outside, len(fitted), len(sc.IDs))
	}
}

// TestMergeWeighsCentroidsAndScoresAgain merges two segments: the merged centroid is the
// size-weighted mean, names follow their segments, the segments are renumbered, and every
// customer ends at the nearest centroid; the input is left as it was.
func TestMergeWeighsCentroidsAndScoresAgain(t *testing.T) {
	w := openSample(t, Options{})
	pop, _ := w.Population(Residential)
	seg := fit(t, w, pop, 5, kwh, outages, lateness, tickets)
	seg, err := seg.Rename(2, "two")
	if err != nil {
		t.Fatal(err)
	}
	seg, _ = seg.Rename(5, "five")
	before := slices.Clone(seg.Labels)
	merged, moved, err := seg.Merge(2, 3)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(seg.Labels, before) || seg.K != 5 {
		t.Fatal("Merge changed its input")
	}
	d := seg.Input.Prepared.D
	ni, nf := float64(seg.Sizes[1]), float64(seg.Sizes[2])
	for j := range d {
		want := (ni*seg.Centroids[d+j] + nf*seg.Centroids[2*d+j]) / (ni + nf)
		if got := merged.Centroids[d+j]; math.Abs(got-want) > 1e-12 {
			t.Fatalf("merged centroid[%d] = %v, want %v", j, got, want)
		}
	}
	if merged.K != 4 || !slices.Equal(merged.Names, []string{"", "two", "", "five"}) ||
		!slices.Equal(merged.Centroids[3*d:], seg.Centroids[4*d:]) {
		t.Fatalf("k %d, names %q", merged.K, merged.Names)
	}
	// Every customer is at its nearest centroid (complete rows), and moved counts those the
	// renumbering alone would have put elsewhere.
	x, n, _, _, err := prep.Apply(seg.Input.Prepared.Fitted, seg.Input.Rows.Table)
	if err != nil {
		t.Fatal(err)
	}
	renumbered := map[int]int{0: 0, 1: 1, 2: 1, 3: 2, 4: 3}
	changed := 0
	for i := range n {
		best, bestD := -1, math.Inf(1)
		for c := range merged.K {
			s := 0.0
			for j := range d {
				v := x[i*d+j] - merged.Centroids[c*d+j]
				s += v * v
			}
			if s < bestD {
				best, bestD = c, s
			}
		}
		if !math.IsNaN(bestD) && merged.Labels[i] != best {
			t.Fatalf("customer %d is in %d, nearest %d", i, merged.Labels[i], best)
		}
		if merged.Labels[i] != renumbered[seg.Labels[i]] {
			changed++
		}
	}
	if changed != moved || slices.Max(merged.Sizes) == 0 {
		t.Errorf("moved %d, counted %d", moved, changed)
	}
	if _, _, err := merged.Merge(1, 1); err == nil {
		t.Error("merging a segment with itself should fail")
	}
}

// TestProfileReferenceIsThePopulation profiles a residential segmentation: the chart's
// reference lines are the averages of the residential customers — what profiledb.Compute
// gives with the reference restricted to them over the whole table — not of every customer,
// and the business customers are counted as without a segment.
func TestProfileReferenceIsThePopulation(t *testing.T) {
	w := openSample(t, Options{})
	ctx := context.Background()
	pop, _ := w.Population(Residential)
	seg := fit(t, w, pop, 4, kwh, outages, lateness)
	if err := w.Store(ctx, seg); err != nil {
		t.Fatal(err)
	}
	got, err := w.Profile(ctx, profile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want, err := profiledb.Compute(ctx, w.Session().DB(), profile.Options{ID: "customer_id",
		Reference: &profile.Filter{Column: "customer_type", Value: "residential"}})
	if err != nil {
		t.Fatal(err)
	}
	all, err := profiledb.Compute(ctx, w.Session().DB(), profile.Options{ID: "customer_id"})
	if err != nil {
		t.Fatal(err)
	}
	g, r, a := got.SatisfactionOutage.Reference, want.SatisfactionOutage.Reference, all.SatisfactionOutage.Reference
	if g.Customers != len(seg.Labels) || g.OutageRatio != r.OutageRatio || g.Satisfaction != r.Satisfaction {
		t.Errorf("reference %+v, want the residential customers' %+v", g, r)
	}
	if g.OutageRatio == a.OutageRatio {
		t.Errorf("the reference is every customer's: %+v", a)
	}
	total, _ := w.Count(ctx, nil)
	if got.Unassigned != int(total)-len(seg.Labels) || got.Customers != len(seg.Labels) {
		t.Errorf("%d customers, %d without a segment; want %d and %d", got.Customers, got.Unassigned, len(seg.Labels), int(total)-len(seg.Labels))
	}
}

// TestWorkspaceFileKeepsTheTables opens the sample with a workspace file: after closing,
// the file holds the wide table.
func TestWorkspaceFileKeepsTheTables(t *testing.T) {
	file := filepath.Join(t.TempDir(), "work.duckdb")
	w := openSample(t, Options{File: file})
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	s, err := data.Open(data.Options{Workspace: file})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	cols, err := s.Describe(context.Background(), "wide")
	if err != nil || len(cols) < 10 {
		t.Fatalf("the workspace file holds no wide table: %d columns, %v", len(cols), err)
	}
}

// TestPopulationPresets states the presets as filters and counts them: residential and
// business customers make up everyone.
func TestPopulationPresets(t *testing.T) {
	w := openSample(t, Options{})
	ctx := context.Background()
	var n [3]int64
	for i, p := range []Preset{Everyone, Residential, Business} {
		f, err := w.Population(p)
		if err != nil {
			t.Fatal(err)
		}
		if n[i], err = w.Count(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	if n[1] == 0 || n[2] == 0 || n[1]+n[2] != n[0] {
		t.Errorf("residential %d + business %d != %d", n[1], n[2], n[0])
	}
	if _, err := w.Condition("annual_kwh", "lots"); err == nil {
		t.Error("a text value for a numeric column should fail")
	}
	if c, err := w.Condition("region", "x' OR 1=1 --"); err != nil {
		t.Fatal(err)
	} else if got, _ := w.Count(ctx, prep.Filter{c}); got != 0 {
		t.Errorf("a quoted value selected %d customers", got)
	}
}

// TestConfinedWorkspaceWritesOnlyWhereAllowed opens the sample confined to writing in one
// folder: exporting there works, anywhere else DuckDB refuses.
func TestConfinedWorkspaceWritesOnlyWhereAllowed(t *testing.T) {
	allowed, other := t.TempDir(), t.TempDir()
	w := openSample(t, Options{Writable: []string{allowed}})
	ctx := context.Background()
	q := queries.Template("select_all", map[string]string{"Relation": "wide"})
	if err := source.Export(ctx, w.Session().DB(), q, filepath.Join(allowed, "wide.csv")); err != nil {
		t.Fatalf("writing in the allowed folder: %v", err)
	}
	if err := source.Export(ctx, w.Session().DB(), q, filepath.Join(other, "wide.csv")); err == nil {
		t.Fatal("the confined session wrote outside the allowed folder")
	}
}

// TestBilingualNamesReachTheDefinition names one segment in both languages and one in one:
// the definition keeps the English and Chinese parts apart and the single name in both.
func TestBilingualNamesReachTheDefinition(t *testing.T) {
	w := openSample(t, Options{})
	pop, _ := w.Population(Residential)
	seg := fit(t, w, pop, 3, kwh, outages)
	seg, _ = seg.Rename(1, "Comfortable / 舒适型")
	seg, _ = seg.Rename(2, "燃气采暖")
	d, err := w.Definition(context.Background(), seg, filepath.Join(t.TempDir(), "d.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if n := d.Segments[0].Name; n.EN != "Comfortable" || n.ZH != "舒适型" {
		t.Errorf("segment 1 is named %+v", n)
	}
	if n := d.Segments[1].Name; n.EN != "燃气采暖" || n.ZH != "燃气采暖" {
		t.Errorf("segment 2 is named %+v", n)
	}
}
