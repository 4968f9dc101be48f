package metrics

import (
	"context"
	"math"
)

// SegmentSilhouettes returns the mean silhouette of each cluster 0..k-1 (scikit-learn's
// silhouette_samples averaged per label) over the rows listed in rows, computed among those
// rows only — as silhouette_score with sample_size does, so pass a stratified sample
// (StratifiedSample) above some thousands of rows; nil rows means every row. A cluster
// without rows gets NaN. It costs O(m²d) for m rows and stops with ctx's error when ctx is
// cancelled.
func SegmentSilhouettes(ctx context.Context, x []float64, d int, labels []int, k int, rows []int) ([]float64, error) {
	if rows == nil {
		rows = make([]int, len(labels))
		for i := range rows {
			rows[i] = i
		}
	}

	count := make([]int, k)
	for _, r := range rows {
		count[labels[r]]++
	}
	nonEmpty := 0
	for _, c := range count {
		if c > 0 {
			nonEmpty++
		}
	}
	sum := make([]float64, k)
	dist := make([]float64, k) // summed distances from row i to each cluster
	for i, ri := range rows {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		clear(dist)
		xi := x[ri*d : ri*d+d]
		for _, rj := range rows {
			xj := x[rj*d : rj*d+d]
			s := 0.0
			for t := range d {
				v := xi[t] - xj[t]
				s += v * v
			}
			dist[labels[rj]] += math.Sqrt(s)
		}
		own := labels[ri]
		if count[own] < 2 || nonEmpty < 2 {
			continue // s_i = 0 in a singleton cluster
		}
		a := dist[own] / float64(count[own]-1)
		b := math.Inf(1)
		for c := range k {
			if c != own && count[c] > 0 {
				b = math.Min(b, dist[c]/float64(count[c]))
			}
		}
		if den := math.Max(a, b); den > 0 {
			sum[own] += (b - a) / den
		}
	}
	out := make([]float64, k)
	for c := range out {
		out[c] = math.NaN()
		if count[c] > 0 {
			out[c] = sum[c] / float64(count[c])
		}
	}
	return out, nil
}
