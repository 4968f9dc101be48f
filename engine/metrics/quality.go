// Package metrics measures how good a clustering is: inertia, silhouette, Calinski–Harabasz,
// Davies–Bouldin, segment sizes and shares, and the adjusted Rand index between two
// labellings. Every value equals scikit-learn's for the same labels (to about 1e-9 relative).
//
// Data are row-major n × d matrices x with labels in [0, k). Clusters that receive no row
// are ignored, as scikit-learn ignores labels that do not occur. A label outside [0, k) or a
// length mismatch is a caller's mistake and panics.
package metrics

import (
	"math"
	"runtime"
	"sync"
)

// chunkRows is the number of rows per partial sum in the parallel passes. The chunking does
// not depend on the number of workers, so results are identical on every machine.
const chunkRows = 1 << 15

// Quality holds the label-based quality measures of one clustering.
type Quality struct {
	K         int       // clusters asked for
	Sizes     []int     // rows per cluster, length K
	Centroids []float64 // K × d, the mean of each cluster's rows (0 for an empty cluster)
	Inertia   float64   // Σ_i ‖x_i − c_{label i}‖²
	// CalinskiHarabasz is [Σ_c n_c‖c − x̄‖² / (m−1)] / [Inertia / (n−m)] over the m non-empty
	// clusters; 1 when Inertia is 0 (scikit-learn's convention); NaN when m < 2.
	CalinskiHarabasz float64
	// DaviesBouldin is (1/m) Σ_c max_{c'≠c} (s_c + s_c') / ‖c − c'‖, s_c the mean distance of
	// cluster c's rows to its centroid; 0 when all s_c or all centroid distances are within
	// 1e-8 of 0 (scikit-learn's convention); NaN when m < 2.
	DaviesBouldin float64
	// SmallestShare and LargestShare are the smallest and largest Sizes[c]/n (an empty
	// cluster has share 0).
	SmallestShare, LargestShare float64
}

func checkLabels(x []float64, d int, labels []int, k int) int {
	if d < 1 || k < 1 || len(x) != len(labels)*d {
		panic("metrics: x must be len(labels) × d with d ≥ 1, k ≥ 1")
	}
	for _, l := range labels {
		if l < 0 || l >= k {
			panic("metrics: label outside [0, k)")
		}
	}
	return len(labels)
}

// parallelChunks runs f on the fixed chunks of n rows, using all processors, and returns
// once every chunk is done. f(c, lo, hi) handles rows [lo, hi) of chunk c.
func parallelChunks(n int, f func(c, lo, hi int)) int {
	chunks := (n + chunkRows - 1) / chunkRows
	var wg sync.WaitGroup
	next := make(chan int, chunks)
	for c := range chunks {
		next <- c
	}
	close(next)
	for range min(runtime.GOMAXPROCS(0), chunks) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range next {
				f(c, c*chunkRows, min(n, (c+1)*chunkRows))
			}
		}()
	}
	wg.Wait()
	return chunks
}

// Evaluate computes all label-based measures of a clustering in two parallel passes over x.
// Partial sums are merged in a fixed order, so the result does not depend on the number of
// processors. It panics if len(x) ≠ len(labels)·d or a label is outside [0, k).
func Evaluate(x []float64, d int, labels []int, k int) Quality {
	n := checkLabels(x, d, labels, k)
	q := Quality{K: k, Sizes: make([]int, k), Centroids: make([]float64, k*d)}
	// Pass 1: sizes and centroids.
	nc := (n + chunkRows - 1) / chunkRows
	sums := make([][]float64, nc)
	counts := make([][]int, nc)
	parallelChunks(n, func(c, lo, hi int) {
		s, cnt := make([]float64, k*d), make([]int, k)
		for i := lo; i < hi; i++ {
			l := labels[i]
			cnt[l]++
			row, acc := x[i*d:i*d+d], s[l*d:l*d+d]
			for j, v := range row {
				acc[j] += v
			}
		}
		sums[c], counts[c] = s, cnt
	})
	for c := range nc {
		for l, v := range counts[c] {
			q.Sizes[l] += v
		}
		for j, v := range sums[c] {
			q.Centroids[j] += v
		}
	}
	total := make([]float64, d)
	m := 0
	for l := range k {
		for j := range d {
			total[j] += q.Centroids[l*d+j]
		}
		if q.Sizes[l] > 0 {
			m++
			for j := range d {
				q.Centroids[l*d+j] /= float64(q.Sizes[l])
			}
		}
	}
	if n > 0 {
		q.SmallestShare, q.LargestShare = 1, 0
		for _, s := range q.Sizes {
			share := float64(s) / float64(n)
			q.SmallestShare, q.LargestShare = min(q.SmallestShare, share), max(q.LargestShare, share)
		}
	}
	// Pass 2: squared and plain distances to the centroids.
	sq := make([][]float64, nc)
	dist := make([][]float64, nc)
	parallelChunks(n, func(c, lo, hi int) {
		s2, s1 := make([]float64, k), make([]float64, k)
		for i := lo; i < hi; i++ {
			l := labels[i]
			row, cen := x[i*d:i*d+d], q.Centroids[l*d:l*d+d]
			var ss float64
			for j, v := range row {
				diff := v - cen[j]
				ss += diff * diff
			}
			s2[l] += ss
			s1[l] += math.Sqrt(ss)
		}
		sq[c], dist[c] = s2, s1
	})
	within := make([]float64, k)
	meanDist := make([]float64, k)
	for c := range nc {
		for l := range k {
			within[l] += sq[c][l]
			meanDist[l] += dist[c][l]
		}
	}
	for l := range k {
		q.Inertia += within[l]
		if q.Sizes[l] > 0 {
			meanDist[l] /= float64(q.Sizes[l])
		}
	}
	if m < 2 {
		q.CalinskiHarabasz, q.DaviesBouldin = math.NaN(), math.NaN()
		return q
	}
	for j := range d {
		total[j] /= float64(n)
	}
	var between float64
	for l := range k {
		if q.Sizes[l] > 0 {
			between += float64(q.Sizes[l]) * sqDist(q.Centroids[l*d:l*d+d], total)
		}
	}
	if q.Inertia == 0 {
		q.CalinskiHarabasz = 1
	} else {
		q.CalinskiHarabasz = between * float64(n-m) / (q.Inertia * float64(m-1))
	}
	q.DaviesBouldin = daviesBouldin(q.Centroids, d, q.Sizes, meanDist)
	return q
}

func sqDist(a, b []float64) float64 {
	var s float64
	for j, v := range a {
		diff := v - b[j]
		s += diff * diff
	}
	return s
}

// daviesBouldin follows scikit-learn's davies_bouldin_score over the non-empty clusters.
func daviesBouldin(centroids []float64, d int, sizes []int, spread []float64) float64 {
	var live []int
	for l, s := range sizes {
		if s > 0 {
			live = append(live, l)
		}
	}
	const atol = 1e-8 // numpy.allclose(·, 0)
	allZero := func(f func(a, b int) float64) bool {
		for _, a := range live {
			for _, b := range live {
				if math.Abs(f(a, b)) > atol {
					return false
				}
			}
		}
		return true
	}
	cdist := func(a, b int) float64 {
		return math.Sqrt(sqDist(centroids[a*d:a*d+d], centroids[b*d:b*d+d]))
	}
	if allZero(func(a, _ int) float64 { return spread[a] }) || allZero(cdist) {
		return 0
	}
	var total float64
	for _, a := range live {
		worst := 0.0
		for _, b := range live {
			dab := cdist(a, b)
			if dab == 0 {
				continue // scikit-learn sets zero centroid distances to +Inf
			}
			worst = max(worst, (spread[a]+spread[b])/dab)
		}
		total += worst
	}
	return total / float64(len(live))
}

// Sizes returns the number of rows per cluster 0..k−1. It panics on a label outside [0, k).
func Sizes(labels []int, k int) []int {
	s := make([]int, k)
	for _, l := range labels {
		if l < 0 || l >= k {
			panic("metrics: label outside [0, k)")
		}
		s[l]++
	}
	return s
}

// Inertia returns Σ_i ‖x_i − c_{label i}‖² for the given centroids (k × d, row-major).
// It panics if len(centroids) is not a positive multiple of d.
func Inertia(x []float64, d int, labels []int, centroids []float64) float64 {
	if d < 1 || len(centroids) == 0 || len(centroids)%d != 0 {
		panic("metrics: centroids must be k × d with k ≥ 1")
	}
	checkLabels(x, d, labels, len(centroids)/d)
	var s float64
	for i, l := range labels {
		s += sqDist(x[i*d:i*d+d], centroids[l*d:l*d+d])
	}
	return s
}

// CalinskiHarabasz returns Evaluate(x, d, labels, k).CalinskiHarabasz.
func CalinskiHarabasz(x []float64, d int, labels []int, k int) float64 {
	return Evaluate(x, d, labels, k).CalinskiHarabasz
}

// DaviesBouldin returns Evaluate(x, d, labels, k).DaviesBouldin.
func DaviesBouldin(x []float64, d int, labels []int, k int) float64 {
	return Evaluate(x, d, labels, k).DaviesBouldin
}
