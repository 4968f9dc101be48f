package kmeans

import (
	"fmt"
	"math"
	"runtime"
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
	ch := newChunking(n, runtime.GOMAXPROCS(0))
	bad := make([]int, ch.chunks)
	ch.each(func(c int) {
		lo, hi := ch.bounds(c)
		bad[c] = -1
		dist := make([]float64, k)
		for i := lo; i < hi; i++ {
			xi := x[i*d : (i+1)*d]
			for t, v := range xi {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					bad[c] = i*d + t
					return
				}
			}
			a, _, _ := nearest(xi, centroids, dist)
			dst[i] = int32(a)
		}
	})
	for _, b := range bad {
		if b >= 0 {
			return nil, fmt.Errorf("kmeans: row %d, column %d holds %v; the data must be finite", b/d+1, b%d+1, x[b])
		}
	}
	return dst, nil
}
