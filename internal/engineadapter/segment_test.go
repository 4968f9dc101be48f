package engineadapter

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"testing"

	"github.com/seglab/seglab/tui/backend"
)

// TestSweepReportsEachKWhenMeasured sweeps the sample's suggestion and checks the steps: the
// k grow one at a time in increasing k, each shown first as fitted (Pending, silhouette and
// stability not yet known) and then measured, a reported list never changes afterwards,
// and the last one is the result's table but for the votes, which need every k.
func TestSweepReportsEachKWhenMeasured(t *testing.T) {
	if testing.Short() {
		t.Skip("sweeps the sample")
	}
	s := openSample(t)
	pop, dims := s.Suggest()
	var lists [][]backend.KMetrics
	var copies []string // fmt prints NaN alike, where reflect.DeepEqual finds it unequal
	sw, err := s.Sweep(context.Background(), backend.SegmentRequest{Dimensions: dims, Population: pop}, func(st backend.SweepStep) {
		n := len(st.Ks)
		if len(lists) == 0 || n != len(lists[len(lists)-1]) || n > 0 && st.Ks[n-1].Pending != lists[len(lists)-1][n-1].Pending {
			lists = append(lists, st.Ks)
			copies = append(copies, fmt.Sprintf("%+v", st.Ks))
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(lists) != 2*len(sw.Ks)+1 {
		t.Fatalf("the steps carried %d distinct lists of k, want %d (none, then each k fitted and measured)", len(lists), 2*len(sw.Ks)+1)
	}
	for i, l := range lists {
		if len(l) != (i+1)/2 {
			t.Fatalf("list %d holds %d k, want %d", i, len(l), (i+1)/2)
		}
		if fmt.Sprintf("%+v", l) != copies[i] {
			t.Fatalf("list %d changed after it was reported", i)
		}
		for j, k := range l {
			pending := j == len(l)-1 && i%2 == 1
			if k.Pending != pending || pending != math.IsNaN(k.Silhouette) {
				t.Fatalf("list %d, k = %d: pending %v, silhouette %v; want pending %v", i, k.K, k.Pending, k.Silhouette, pending)
			}
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
