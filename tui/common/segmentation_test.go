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

func TestMergedNumbersAsTheAssignmentsAndKeepsOtherCentroidsExactly(t *testing.T) {
	seg := &backend.Segmentation{
		K: 4, Fitted: prep.Fitted{Dims: []prep.Dim{{Column: "x", Kind: prep.Numeric}}},
		// 3·0.1/3 is not 0.1 in floating point: a kept centroid must not be recomputed.
		Centroids: []float64{0.1, 5, 2, 9},
		IDs:       []string{"a", "b", "c", "d", "e", "f", "g", "h"},
		Labels:    []int{0, 0, 0, 1, 2, 2, 3, 1},
		Sizes:     []int{3, 2, 2, 1},
	}
	// Segment 2 into segment 4: 4 becomes 3, 3 becomes 2.
	got, err := Merged(seg, 4, 2)
	if err != nil {
		t.Fatal(err)
	}
	if got.K != 3 || !slices.Equal(got.Labels, []int{0, 0, 0, 2, 1, 1, 2, 2}) || !slices.Equal(got.Sizes, []int{3, 2, 3}) {
		t.Fatalf("k %d labels %v sizes %v", got.K, got.Labels, got.Sizes)
	}
	// (2·5 + 1·9) / 3
	if want := []float64{0.1, 2, 19.0 / 3}; !slices.Equal(got.Centroids, want) {
		t.Errorf("centroids %v, want %v", got.Centroids, want)
	}
	for _, bad := range [][2]int{{1, 1}, {0, 2}, {1, 5}} {
		if _, err := Merged(seg, bad[0], bad[1]); err == nil {
			t.Errorf("merging %d into %d should be refused", bad[1], bad[0])
		}
	}
}
