package engineadapter

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seglab/seglab/engine/definition"
	"github.com/seglab/seglab/tui/backend"
	"github.com/seglab/seglab/tui/task"
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
// the two nearest segments as the Profiles screen does (merged centroid = size-weighted mean,
// then every customer scored again by the nearest centroid), brings the segmentation up to
// date as the root does and checks the saved definition against the assignments table and the
// segmentation: every customer.
func TestSavedDefinitionReproducesTheSegmentation(t *testing.T) {
	if testing.Short() {
		t.Skip("fits the sample")
	}
	s := openSample(t)
	ctx := context.Background()
	dir := t.TempDir()
	pop, dims := s.Suggest()
	dims = append(dims, backend.Dimension{Name: "main_payment_channel", Weight: 1}) // a categorical the defaults lack
	sw, err := s.Sweep(ctx, backend.SegmentRequest{Dimensions: dims, Population: pop}, func(backend.SweepStep) {})
	if err != nil {
		t.Fatal(err)
	}
	seg, err := s.Segment(ctx, sw, 5)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "seg.yaml")
	d, err := s.Draft(ctx, seg, path)
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
	// As the Profiles screen does: merge (every customer scored again by the nearest
	// centroid), then name the merged segment.
	merged, moved, err := s.Merge(ctx, seg, into, from)
	if err != nil {
		t.Fatal(err)
	}
	now, err := s.Rename(ctx, merged, into, "合并群")
	if err != nil {
		t.Fatal(err)
	}
	w = seg.Fitted.Width()
	for j := range w { // the merged centroid is the size-weighted mean of the two
		ni, nf := float64(seg.Sizes[into-1]), float64(seg.Sizes[from-1])
		want := (ni*seg.Centroids[(into-1)*w+j] + nf*seg.Centroids[(from-1)*w+j]) / (ni + nf)
		if got := now.Centroids[(into-1)*w+j]; math.Abs(got-want) > 1e-12 {
			t.Fatalf("merged centroid[%d] = %v, want the size-weighted mean %v", j, got, want)
		}
	}
	if now.K != 4 || now.Names[into-1] != "合并群" {
		t.Fatalf("after merging %d into %d: k %d, names %v", from, into, now.K, now.Names)
	}
	if got := seg.Sizes[into-1] + seg.Sizes[from-1] - now.Sizes[into-1]; moved == 0 || got == 0 || got > moved {
		// On the sample some of the merged pair are nearer a third segment's centroid.
		t.Errorf("moved %d customers; the merged segment lost %d", moved, got)
	}
	path = filepath.Join(dir, "merged.yaml")
	d, err = s.Draft(ctx, now, path)
	if err != nil {
		t.Fatal(err)
	}
	if d.Segments[into-1].Name.ZH != "合并群" {
		t.Errorf("the merged segment's name is %v", d.Segments[into-1].Name)
	}
	if _, err := definition.Save(path, d); err != nil {
		t.Fatal(err)
	}
	if d, err = definition.Load(path); err != nil {
		t.Fatal(err)
	}
	// Every customer: the saved definition gives each the segment the workbench's
	// segmentation holds (what Profiles and Compare show).
	t.Logf("merged %d into %d: %d of %d customers moved to the segment of their nearest centroid", from, into, moved, len(now.IDs))
	if got := agreement(t, s, d, now, filepath.Join(dir, "c.csv")); got != 1 || len(now.IDs) != len(seg.IDs) {
		t.Errorf("the merged definition gives %.4f of customers their segment in the workbench, want all", got)
	}
	r, err := s.Profile(ctx, func(task.Step) {})
	if err != nil {
		t.Fatal(err)
	}
	for i, ps := range r.Segments {
		if ps.Customers != now.Sizes[i] || (ps.ID == into && ps.Name != "合并群") {
			t.Errorf("the profile's segment %d has %d customers named %q; the workbench %d", ps.ID, ps.Customers, ps.Name, now.Sizes[i])
		}
	}
}
