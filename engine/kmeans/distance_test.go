package kmeans

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/seglab/seglab/engine/benchdata"
)

func TestNearestAgreesWithPairwiseScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, k := range []int{1, 2, 3, 4, 5, 8, 9, 13} {
		for _, d := range []int{1, 2, 7, 10} {
			c := make([]float64, k*d)
			for i := range c {
				c[i] = float64(rng.IntN(3)) // small integers: many exact ties
			}
			x := make([]float64, d)
			for trial := range 50 {
				for i := range x {
					x[i] = float64(rng.IntN(3))
				}
				best, bestD2, second := nearest(x, c, make([]float64, k))
				wantBest, wantD2, wantSecond := -1, inf, inf
				for j := range k {
					var d2 float64
					for t := range d {
						d2 += (x[t] - c[j*d+t]) * (x[t] - c[j*d+t])
					}
					if d2 < wantD2 {
						wantBest, wantD2, wantSecond = j, d2, wantD2
					} else if d2 < wantSecond {
						wantSecond = d2
					}
				}
				if best != wantBest || bestD2 != wantD2 || second != wantSecond {
					t.Fatalf("k=%d d=%d trial %d: nearest = (%d, %v, %v), want (%d, %v, %v)", k, d, trial, best, bestD2, second, wantBest, wantD2, wantSecond)
				}
			}
		}
	}
}

func BenchmarkNearest6x10(b *testing.B) {
	x := benchdata.Blobs(100000, 10, 6, 1)
	c := x[:60]
	dist := make([]float64, 6)
	for b.Loop() {
		for i := range 100000 {
			nearest(x[i*10:(i+1)*10], c, dist)
		}
	}
}

func TestSqDistsBitEqualToSqDist(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, d := range []int{1, 2, 3, 10, 17} {
		for m := 1; m <= 9; m++ {
			a := make([]float64, d)
			c := make([]float64, m*d)
			for i := range a {
				a[i] = rng.NormFloat64() * 1e3
			}
			for i := range c {
				c[i] = rng.NormFloat64() * 1e3
			}
			out := make([]float64, m)
			sqDists(a, c, out)
			for j := range m {
				if want := sqDist(a, c[j*d:(j+1)*d]); out[j] != want {
					t.Errorf("d=%d m=%d: sqDists[%d] = %v, sqDist = %v", d, m, j, out[j], want)
				}
			}
		}
	}
}

func TestRescanAgreesWithFullScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	const n, d, k = 500, 3, 7
	x := make([]float64, n*d)
	for i := range x {
		x[i] = float64(rng.IntN(7)) // small integers: exact ties happen
	}
	f := newFitter(x, n, d, k, newChunking(n, 1))
	for j := range k {
		copy(f.centres[j*d:(j+1)*d], x[rng.IntN(n)*d:][:d])
	}
	f.moveCentres() // counts are zero, so the centres stay; this fills halfTo
	dist := make([]float64, k)
	for i := range n {
		xi := x[i*d : (i+1)*d]
		wantBest, wantD2, _ := nearest(xi, f.centres, dist)
		for a := range k {
			best, d2, lower := f.rescan(xi, a, sqDist(xi, f.centres[a*d:(a+1)*d]))
			if best != wantBest || d2 != wantD2 {
				t.Fatalf("row %d from centre %d: rescan = (%d, %v), full scan (%d, %v)", i, a, best, d2, wantBest, wantD2)
			}
			for j := range k {
				if j != best && math.Sqrt(dist[j]) < lower {
					t.Fatalf("row %d from centre %d: lower bound %v exceeds the distance %v to centre %d", i, a, lower, math.Sqrt(dist[j]), j)
				}
			}
		}
	}
}
