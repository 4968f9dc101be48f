package report

import (
	"math/rand/v2"
	"testing"

	"github.com/seglab/seglab/engine/segmap"
	"github.com/seglab/seglab/engine/segviews"
)

// TestSegmentMapChart draws the map of three segments spread far apart on a plane — one
// customer far out on each side — with every mark inside its plot.
func TestSegmentMapChart(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const n, d = 900, 3
	x := make([]float64, n*d)
	labels := make([]int, n)
	for i := range n {
		labels[i] = 1 + i%3
		for j := range d {
			x[i*d+j] = float64(labels[i]*(j+1)) + rng.NormFloat64()
		}
	}
	x[0], x[d] = 1e4, -1e4 // outliers must stay inside too
	m, err := segmap.Project(x, n, d, labels, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := handMade()
	r.Views = &segviews.Views{Map: m, SampleRows: n, Fitted: n}
	checkInside(t, "segment map", r.mapChart(ZH))
}
