package common

import (
	"slices"
	"testing"

	"github.com/seglab/seglab/engine/prep"
	"github.com/seglab/seglab/tui/backend"
)

func TestReconcileMergesCentroidsBySize(t *testing.T) {
	seg := &backend.Segmentation{
		K: 3, Fitted: prep.Fitted{Dims: []prep.Dim{{Column: "x", Kind: prep.Numeric}, {Column: "y", Kind: prep.Numeric}}},
		Centroids: []float64{0, 0, 10, 10, 4, 1},
		IDs:       []string{"a", "b", "c", "d", "e", "f"},
		Labels:    []int{0, 0, 0, 1, 2, 2},
		Sizes:     []int{3, 1, 2},
	}
	// Segment 3 merged into segment 1; segment 2 keeps its number (3 > 2 renumbers to 2 only
	// when above the removed one: here the removed one is 3).
	a := backend.Assignments{IDs: []string{"f", "e", "d", "c", "b", "a"}, Segments: []int{1, 1, 2, 1, 1, 1}}
	got, err := Reconcile(seg, a)
	if err != nil {
		t.Fatal(err)
	}
	if got.K != 2 || !slices.Equal(got.Labels, []int{0, 0, 0, 1, 0, 0}) || !slices.Equal(got.Sizes, []int{5, 1}) {
		t.Fatalf("k %d labels %v sizes %v", got.K, got.Labels, got.Sizes)
	}
	// (3·(0,0) + 2·(4,1)) / 5 = (1.6, 0.4); segment 2 unchanged.
	if want := []float64{1.6, 0.4, 10, 10}; !slices.Equal(got.Centroids, want) {
		t.Errorf("centroids %v, want %v", got.Centroids, want)
	}
	if seg.K != 3 || len(seg.Centroids) != 6 {
		t.Error("Reconcile changed its input")
	}
	if _, err := Reconcile(seg, backend.Assignments{IDs: []string{"a"}, Segments: []int{1}}); err == nil {
		t.Error("a customer missing from the assignments should be an error")
	}
	split := backend.Assignments{IDs: seg.IDs, Segments: []int{1, 2, 1, 2, 3, 3}}
	if _, err := Reconcile(seg, split); err == nil {
		t.Error("a split segment should be an error")
	}
}
