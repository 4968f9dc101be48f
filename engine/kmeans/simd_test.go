package kmeans

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/seglab/seglab/engine/internal/sqdist"
)

// TestSIMDAndFallbackBitIdentical fits and assigns random data — k = 1..20, d = 1..25, row
// counts that are multiples of nothing in particular, small integers (exact ties), duplicate
// rows and wide-range values — once with the SIMD kernel and once with the pure-Go fallback,
// and requires every output to be bit-identical.
func TestSIMDAndFallbackBitIdentical(t *testing.T) {
	defer sqdist.ForceGeneric(sqdist.ForceGeneric(false))
	if !sqdist.Accelerated() {
		t.Log("no SIMD kernel on this machine: both runs use the fallback")
	}
	rng := rand.New(rand.NewPCG(14, 2))
	for k := 1; k <= 20; k++ {
		for d := 1; d <= 25; d += 1 + rng.IntN(3) {
			n := k + 1 + rng.IntN(300)
			x := make([]float64, n*d)
			for i := range n {
				row := x[i*d : (i+1)*d]
				switch rng.IntN(4) {
				case 0:
					for t := range row {
						row[t] = float64(rng.IntN(3))
					}
				case 1:
					if i > 0 {
						copy(row, x[rng.IntN(i)*d:][:d])
						continue
					}
					fallthrough
				case 2:
					for t := range row {
						row[t] = rng.NormFloat64()
					}
				default:
					for t := range row {
						row[t] = rng.NormFloat64() * math.Exp(3*rng.NormFloat64())
					}
				}
			}
			opt := Options{K: k, NInit: 2, Seed: uint64(k*100 + d), Workers: 2}
			var res [2]*Result
			var errs [2]error
			var labels [2][]int32
			for p, generic := range []bool{false, true} {
				sqdist.ForceGeneric(generic)
				res[p], errs[p] = Fit(context.Background(), x, n, d, opt)
				if errs[p] == nil {
					var err error
					if labels[p], err = Assign(x, n, d, res[p].Centroids, k, nil); err != nil {
						t.Fatal(err)
					}
				}
			}
			if errs[0] != nil || errs[1] != nil {
				if !errors.Is(errs[0], ErrTooFewDistinct) || !errors.Is(errs[1], ErrTooFewDistinct) || errs[0].Error() != errs[1].Error() {
					t.Fatalf("k=%d d=%d n=%d: errors %v (SIMD) and %v (fallback)", k, d, n, errs[0], errs[1])
				}
				continue
			}
			a, b := res[0], res[1]
			same := slices.Equal(a.Labels, b.Labels) && bitsEqual(a.Centroids, b.Centroids) &&
				math.Float64bits(a.Inertia) == math.Float64bits(b.Inertia) && a.Iterations == b.Iterations &&
				a.Converged == b.Converged && a.Restart == b.Restart && slices.Equal(a.Sizes, b.Sizes) &&
				bitsEqual(a.RestartInertias, b.RestartInertias) && slices.Equal(labels[0], labels[1])
			if !same {
				t.Fatalf("k=%d d=%d n=%d: SIMD and fallback differ: inertia %v / %v, iterations %d / %d, restarts %v / %v",
					k, d, n, a.Inertia, b.Inertia, a.Iterations, b.Iterations, a.RestartInertias, b.RestartInertias)
			}
		}
	}
}

func bitsEqual(a, b []float64) bool {
	return slices.EqualFunc(a, b, func(x, y float64) bool { return math.Float64bits(x) == math.Float64bits(y) })
}
