package report

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/seglab/seglab/engine/prep"
	"github.com/seglab/seglab/engine/segviews"
)

// TestSegmentMapChart draws the segment map of a planted table (engine/segviews) with every
// mark inside its plot.
func TestSegmentMapChart(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const n = 1200
	kwh, late := make([]float64, n), make([]float64, n)
	heating := make([]string, n)
	labels := make([]int, 0, n)
	for i := range n {
		seg := 1 + i%3
		kwh[i] = []float64{1500, 4000, 2500}[seg-1] * math.Exp(rng.NormFloat64()*0.2)
		late[i] = float64([]int{0, 1, 6}[seg-1] + rng.IntN(2))
		heating[i] = []string{"electric", "gas", "gas"}[seg-1]
		if i == 7 {
			kwh[i] = math.NaN() // left out of the fit
		}
	}
	table := prep.Table{Numeric: map[string][]float64{"annual_kwh": kwh, "late_payment_count": late}, Text: map[string][]string{"heating": heating}}
	spec := prep.Spec{Scaling: prep.ZScore, Dims: []prep.DimSpec{{Column: "annual_kwh", Kind: prep.Numeric, Transform: prep.Log1p, Weight: 1},
		{Column: "late_payment_count", Kind: prep.Numeric, Weight: 1}, {Column: "heating", Kind: prep.Categorical, Weight: 1}}}
	pr, err := prep.Fit(spec, table)
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range pr.Rows {
		labels = append(labels, 1+row%3)
	}
	v, err := segviews.Compute(context.Background(), 3, 0, table, pr, labels)
	if err != nil {
		t.Fatal(err)
	}
	if v.Map == nil || len(v.Map.Centres) != 3 {
		t.Fatalf("map %+v", v.Map)
	}
	r := handMade()
	r.Views = v
	checkInside(t, "segment map", r.mapChart(ZH))
}
