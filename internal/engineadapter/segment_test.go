package engineadapter

import (
	"context"
	"reflect"
	"testing"

	"github.com/seglab/seglab/tui/backend"
)

// TestSweepReportsEachKWhenMeasured sweeps the sample's suggestion and checks the steps: the
// measured k grow one at a time in increasing k, a reported list never changes afterwards,
// and the last one is the result's table but for the votes, which need every k.
func TestSweepReportsEachKWhenMeasured(t *testing.T) {
	if testing.Short() {
		t.Skip("sweeps the sample")
	}
	s := openSample(t)
	pop, dims := s.Suggest()
	var lists [][]backend.KMetrics
	var copies [][]backend.KMetrics
	sw, err := s.Sweep(context.Background(), backend.SegmentRequest{Dimensions: dims, Population: pop}, func(st backend.SweepStep) {
		if len(lists) == 0 || len(st.Ks) != len(lists[len(lists)-1]) {
			lists = append(lists, st.Ks)
			copies = append(copies, append([]backend.KMetrics(nil), st.Ks...))
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(lists) != len(sw.Ks)+1 {
		t.Fatalf("the steps carried %d distinct lists of k, want %d (none, then one more per k)", len(lists), len(sw.Ks)+1)
	}
	for i, l := range lists {
		if len(l) != i {
			t.Fatalf("list %d holds %d k, want %d", i, len(l), i)
		}
		if !reflect.DeepEqual(l, copies[i]) {
			t.Fatalf("list %d changed after it was reported", i)
		}
	}
	want := append([]backend.KMetrics(nil), sw.Ks...)
	for i := range want {
		want[i].Votes = 0 // counted once every k is measured
	}
	if last := lists[len(lists)-1]; !reflect.DeepEqual(last, want) {
		t.Fatalf("the last list of measured k differs from the result:\n%v\n%v", last, want)
	}
}
