package segviews

import (
	"context"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/seglab/seglab/engine/metrics"
	"github.com/seglab/seglab/engine/prep"
)

// TestSegmentViews computes the views of a planted table: silhouettes per segment whose
// size-weighted mean is the sample's silhouette, rules that cover every fitted customer and
// name the planted split in the data's units, and a map with one centre per segment.
func TestSegmentViews(t *testing.T) {
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
	v, err := Compute(context.Background(), 3, 0, table, pr, labels)
	if err != nil {
		t.Fatal(err)
	}
	if v.Fitted != n-1 || v.SampleRows != n-1 {
		t.Errorf("fitted %d, sample %d; want %d both", v.Fitted, v.SampleRows, n-1)
	}
	mean := 0.0
	sizes := map[int]int{}
	for _, l := range labels {
		sizes[l]++
	}
	for id, s := range v.Silhouettes {
		mean += s * float64(sizes[id]) / float64(len(labels))
	}
	if all := metrics.Silhouette(pr.X, pr.D, labels, 4); math.Abs(mean-all) > 1e-9 {
		t.Errorf("size-weighted segment silhouettes %v, silhouette %v", mean, all)
	}
	covered := 0
	for _, rs := range v.Rules {
		for _, r := range rs {
			covered += r.Covered
		}
	}
	if covered != n-1 || v.RuleAccuracy < 0.95 {
		t.Errorf("rules cover %d of %d customers with accuracy %.3f", covered, n-1, v.RuleAccuracy)
	}
	text := RuleText(v.Rules[3][0], "zh")
	if !strings.Contains(text, "逾期缴费次数 >") {
		t.Errorf("segment 3's rule %q does not name late payments in Chinese", text)
	}
	if v.Map == nil || len(v.Map.Centres) != 3 {
		t.Fatalf("map %+v", v.Map)
	}
}
