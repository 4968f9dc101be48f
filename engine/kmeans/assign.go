package kmeans

import (
	"fmt"
	"math"
	"runtime"

	"github.com/seglab/seglab/engine/internal/sqdist"
)

// Assign labels each of the n rows of the n×d row-major matrix x with the 0-based index of
// its nearest centre among the k rows of the k×d row-major centroids (squared Euclidean
// distance, ties to the lowest index), for scoring new data with a fitted model. The result
// is written to dst if it has room for n labels, otherwise to a new slice, and returned.
// The work is spread over GOMAXPROCS goroutines; the result does not depend on their number.
// Bad shapes and non-finite values in x or centroids are reported as errors.
func Assign(x []float64, n, d int, centroids []float64, k int, dst []int32) ([]int32, error) {
	if err := checkShape(x, n, d); err != nil {
		return nil, err
	}
	if k < 1 || len(centroids) != k*d {
		return nil, fmt.Errorf("kmeans: %d centroid values do not form k×d = %d×%d centroids", len(centroids), k, d)
	}
	for i, v := range centroids {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("kmeans: the centroid of cluster %d, column %d holds %v; centroids must be finite", i/d, i%d+1, v)
		}
	}
	if cap(dst) >= n {
		dst = dst[:n]
	} else {
		dst = make([]int32, n)
	}
	ct := sqdist.NewCentres(k, d)
	ct.Set(centroids)
	ch := newChunking(n, runtime.GOMAXPROCS(0))
	bad := make([]int, ch.chunks)
	ch.each(func(c int) {
		lo, hi := ch.bounds(c)
		bad[c] = -1
		for i, v := range x[lo*d : hi*d] {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				bad[c] = lo*d + i
				return
			}
		}
		nearestRows(ct, x[lo*d:hi*d], dst[lo:hi], newNearestScratch(ct.KP()))
	})
	for _, b := range bad {
		if b >= 0 {
			return nil, fmt.Errorf("kmeans: row %d, column %d holds %v; the data must be finite", b/d+1, b%d+1, x[b])
		}
	}
	return dst, nil
}

// nearestScratch is the working memory of nearestRows.
type nearestScratch struct {
	dist, near, second []float64
}

func newNearestScratch(kp int) nearestScratch {
	return nearestScratch{
		dist:   make([]float64, batchRows*kp),
		near:   make([]float64, batchRows),
		second: make([]float64, batchRows),
	}
}

// nearestRows sets labels[i] to the centre of ct nearest to row i of the row-major x (ties
// to the lowest index), for every i < len(labels), and returns the sum of the squared
// distances to those centres, added in row order.
func nearestRows(ct *sqdist.Centres, x []float64, labels []int32, s nearestScratch) float64 {
	d := ct.D()
	var sum float64
	for b0 := 0; b0 < len(labels); b0 += batchRows {
		b1 := min(b0+batchRows, len(labels))
		near := s.near[:b1-b0]
		ct.Block(s.dist, x[b0*d:b1*d])
		ct.Nearest(labels[b0:b1], near, s.second[:b1-b0], s.dist)
		for _, v := range near {
			sum += v
		}
	}
	return sum
}
