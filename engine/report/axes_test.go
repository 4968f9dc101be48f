package report

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/seglab/seglab/engine/kmeans"
	"github.com/seglab/seglab/engine/profile"
	"github.com/seglab/seglab/engine/report/chart"
	"github.com/seglab/seglab/engine/sweep"
)

// checkInside fails unless c has a plot area and every mark stays inside it (chart.Stray).
func checkInside(t *testing.T, name string, c *chart.Canvas) {
	t.Helper()
	if len(c.Plots()) == 0 {
		t.Fatalf("%s: no plot area", name)
	}
	for _, s := range c.Stray() {
		t.Errorf("%s: %s", name, s)
	}
}

// TestChartMarksStayInsideTheirPlots draws every chart over awkward data — negative, tiny,
// huge, a single point, all equal, random — and checks that no mark leaves its plot.
func TestChartMarksStayInsideTheirPlots(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	cases := map[string]func() float64{
		"negative": func() float64 { return -1 - 50*rng.Float64() },
		"tiny":     func() float64 { return 1e-12 * (1 + rng.Float64()) },
		"huge":     func() float64 { return 1e15 * (1 + rng.Float64()) },
		"equal":    func() float64 { return 6.65 },
		"zero":     func() float64 { return 0 },
		"random":   func() float64 { return 20 * (rng.Float64() - 0.3) },
		"mixed":    func() float64 { return []float64{-0.05, 0.251, 12, 0.0001}[rng.IntN(4)] },
	}
	for name, draw := range cases {
		for _, points := range []int{1, 3, 7} {
			r := handMade()
			r.Sweep.Ks = nil
			for k := 2; k < 2+points; k++ {
				r.Sweep.Ks = append(r.Sweep.Ks, sweep.KResult{K: k, Fit: &kmeans.Result{Inertia: draw()},
					Silhouette: math.Max(-1, math.Min(1, draw()))}) // a silhouette lies in [-1, 1]
			}
			r.Sweep.Recommended = 2
			so := r.Profile.SatisfactionOutage
			so.Reference = profile.Reference{OutageRatio: profile.Number(draw()), Satisfaction: profile.Number(draw())}
			so.Points = nil
			for i := range points {
				so.Points = append(so.Points, profile.OutagePoint{Segment: i%3 + 1, Customers: 1 + rng.IntN(100000),
					OutageRatio: profile.Number(draw()), Satisfaction: profile.Number(draw())})
			}
			for _, lang := range []string{EN, ZH} {
				label := fmt.Sprintf("%s/%d/%s", name, points, lang)
				checkInside(t, label+"/elbow", r.elbowChart(lang))
				checkInside(t, label+"/silhouette", r.silhouetteChart(lang))
				if c := r.outageChart(lang); c != nil {
					checkInside(t, label+"/outage", c)
				} else {
					t.Errorf("%s: no satisfaction-outage chart", label)
				}
			}
		}
	}
}

// TestAxisRangeHoldsTheDataWithItsPadding checks the domain arithmetic the charts rely on.
func TestAxisRangeHoldsTheDataWithItsPadding(t *testing.T) {
	for _, vs := range [][]float64{{0.251, 0.1}, {-3, 5}, {7, 7}, {0}, {1e-12, 3e-12}, {1e15, 2e15}, {math.NaN(), 2}} {
		lo, hi := axisRange(200, 20, vs...)
		for _, v := range vs {
			if !finite(v) {
				continue
			}
			px := (v - lo) / (hi - lo) * 200
			if px < 20-1e-6 || px > 180+1e-6 {
				t.Errorf("axisRange(%v) = [%g, %g]: %g lands at %.2f px, not within 20 px of either end", vs, lo, hi, v, px)
			}
		}
		ticks := niceTicks(lo, hi, 5)
		if len(ticks) < 2 {
			t.Errorf("niceTicks(%g, %g) = %v: fewer than two ticks", lo, hi, ticks)
		}
		f := tickFormat(tickStep(lo, hi, 5))
		seen := map[string]bool{}
		for _, tk := range ticks {
			if tk < lo || tk > hi {
				t.Errorf("tick %g outside [%g, %g]", tk, lo, hi)
			}
			if seen[f(tk)] {
				t.Errorf("ticks %v of [%g, %g]: label %q twice", ticks, lo, hi, f(tk))
			}
			seen[f(tk)] = true
		}
	}
}
