package engineadapter

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seglab/seglab/engine/definition"
	"github.com/seglab/seglab/tui/backend"
	"github.com/seglab/seglab/tui/common"
	"github.com/seglab/seglab/tui/screens/definitions"
)

// agreement scores the sample's customers with d and returns the share of seg's customers
// whose scored segment is their label in seg.
func agreement(t *testing.T, s *Session, d *definition.Definition, seg *backend.Segmentation, out string) float64 {
	t.Helper()
	sc, err := s.ScoreDefinition(context.Background(), d, out, "en")
	if err != nil {
		t.Fatal(err)
	}
	scored := map[string]int{}
	for i, id := range sc.IDs {
		scored[id] = sc.Segments[i]
	}
	same := 0
	for i, id := range seg.IDs {
		if scored[id] == seg.Labels[i]+1 {
			same++
		}
	}
	return float64(same) / float64(len(seg.IDs))
}

// TestSavedDefinitionReproducesTheSegmentation fits k = 5 on the sample with a categorical
// dimension among the numeric ones, saves the definition the way the Definitions screen does
// and scores the sample with it: every customer gets the segment of the fit. Then it merges
// the two nearest segments as the Profiles screen does, brings the segmentation up to date
// (common.Reconcile: merged centroid = size-weighted mean) and checks the saved definition
// against the merged labels: nearly all, not all (see below).
func TestSavedDefinitionReproducesTheSegmentation(t *testing.T) {
	if testing.Short() {
		t.Skip("fits the sample")
	}
	s := openSample(t)
	ctx := context.Background()
	dir := t.TempDir()
	pop, dims := s.Suggest()
	dims = append(dims, backend.Dimension{Name: "housing", Weight: 1})
	sw, err := s.Sweep(ctx, backend.SegmentRequest{Dimensions: dims, Population: pop}, func(backend.SweepStep) {})
	if err != nil {
		t.Fatal(err)
	}
	seg, err := s.Segment(ctx, sw, 5)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "seg.yaml")
	prov, err := s.Provenance(path, pop)
	if err != nil {
		t.Fatal(err)
	}
	d, err := definitions.Build(seg, nil, prov, "sample", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := definition.Save(path, d); err != nil {
		t.Fatal(err)
	}
	if d, err = definition.Load(path); err != nil {
		t.Fatal(err)
	}
	if got := agreement(t, s, d, seg, filepath.Join(dir, "a.csv")); got != 1 {
		t.Fatalf("the saved definition gives %.4f of customers their fitted segment, want all", got)
	}
	b, _ := os.ReadFile(path)
	if !strings.Contains(string(b), "kind: categorical") || !strings.Contains(string(b), "k: 5") {
		t.Fatalf("the definition lacks the categorical dimension or k")
	}
	checks, err := s.VerifyDefinition(path, d)
	if err != nil || len(checks) == 0 {
		t.Fatalf("verify: %v, %v", checks, err)
	}
	for _, c := range checks {
		if c.Status != "unchanged" {
			t.Errorf("%s is %s right after saving", c.File, c.Status)
		}
	}

	// Merge the two segments whose centroids are nearest.
	w := seg.Fitted.Width()
	into, from, best := 0, 0, -1.0
	for a := range seg.K {
		for b := a + 1; b < seg.K; b++ {
			d2 := 0.0
			for j := range w {
				x := seg.Centroids[a*w+j] - seg.Centroids[b*w+j]
				d2 += x * x
			}
			if best < 0 || d2 < best {
				into, from, best = a+1, b+1, d2
			}
		}
	}
	if err := s.Merge(ctx, into, from); err != nil {
		t.Fatal(err)
	}
	if err := s.Rename(ctx, into, "合并群"); err != nil {
		t.Fatal(err)
	}
	a, err := s.ReadAssignments(ctx)
	if err != nil {
		t.Fatal(err)
	}
	merged, err := common.Reconcile(seg, a)
	if err != nil {
		t.Fatal(err)
	}
	if merged.K != 4 || merged.Sizes[into-1] != seg.Sizes[into-1]+seg.Sizes[from-1] || a.Names[into] != "合并群" {
		t.Fatalf("after merging %d into %d: k %d, sizes %v (were %v), names %v", from, into, merged.K, merged.Sizes, seg.Sizes, a.Names)
	}
	d, err = definitions.Build(merged, a.Names, prov, "merged", "")
	if err != nil {
		t.Fatal(err)
	}
	if d.Segments[into-1].Name.ZH != "合并群" {
		t.Errorf("the merged segment's name is %v", d.Segments[into-1].Name)
	}
	got := agreement(t, s, d, merged, filepath.Join(dir, "b.csv"))
	// One centroid per segment cannot reproduce a merge exactly: a customer of the merged
	// pair that lies beyond its old centroid may now be nearer a third segment's centroid than
	// the merged one. On the sample 96.9 % keep their merged segment (100 % without a merge).
	t.Logf("merged %d into %d: the definition gives %.4f of customers their merged segment", from, into, got)
	if got < 0.95 {
		t.Errorf("the merged definition gives only %.4f of customers their merged segment", got)
	}
}
