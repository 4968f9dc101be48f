package kmeans

import (
	"context"
	"math"
	"slices"
	"testing"

	"github.com/seglab/seglab/engine/benchdata"
)

// naiveSeeds is a direct transcription of scikit-learn's greedy k-means++ with the package's
// random stream: no chunks, no lazy folding, no pruning.
func naiveSeeds(x []float64, n, d, k int, seed uint64, r int) (centres []float64, pot float64) {
	rng := restartRNG(seed, r)
	trials := 2 + int(math.Log(float64(k)))
	centres = append(centres, x[rng.IntN(n)*d:][:d]...)
	closest := make([]float64, n)
	for i := range n {
		closest[i] = sqDist(x[i*d:(i+1)*d], centres[:d])
		pot += closest[i]
	}
	for len(centres) < k*d {
		bestPot, bestRow := math.Inf(1), -1
		var bestDist []float64
		for range trials {
			u := rng.Float64() * pot
			row, acc := -1, 0.0
			for i, w := range closest {
				if acc += w; acc > u {
					row = i
					break
				}
			}
			dist := make([]float64, n)
			var p float64
			for i := range n {
				dist[i] = min(closest[i], sqDist(x[i*d:(i+1)*d], x[row*d:(row+1)*d]))
				p += dist[i]
			}
			if p < bestPot {
				bestPot, bestRow, bestDist = p, row, dist
			}
		}
		centres = append(centres, x[bestRow*d:(bestRow+1)*d]...)
		closest, pot = bestDist, bestPot
	}
	return centres, pot
}

func TestSeedsEqualNaiveKMeansPlusPlus(t *testing.T) {
	const n, d, k = 20000, 4, 9
	x := benchdata.Blobs(n, d, 12, 3)
	for _, workers := range []int{1, 2} {
		f := newFitter(x, n, d, k, newChunking(n, workers))
		for r := range 3 {
			pot, err := f.seed(context.Background(), 7, r)
			if err != nil {
				t.Fatal(err)
			}
			want, wantPot := naiveSeeds(x, n, d, k, 7, r)
			if !slices.Equal(f.centres, want) {
				t.Fatalf("workers %d restart %d: seeds %v, naive k-means++ %v", workers, r, f.centres, want)
			}
			if math.Abs(pot-wantPot) > 1e-12*wantPot {
				t.Errorf("workers %d restart %d: potential %v, naive %v", workers, r, pot, wantPot)
			}
			// Seeding leaves every row's nearest centre, exactly as a full scan finds it.
			for i := range n {
				a, d2 := nearest(x[i*d:(i+1)*d], f.centres, k)
				if int(f.labels[i]) != a || f.closest[i] != d2 {
					t.Fatalf("row %d: seeding left centre %d at %v, full scan gives %d at %v", i, f.labels[i], f.closest[i], a, d2)
				}
			}
		}
	}
}
