package metrics

import (
	"context"
	"math"
)

// SegmentSilhouettes returns the mean silhouette of each cluster 0..k-1 (scikit-learn's
// silhouette_samples averaged per label) over the rows listed in rows, computed among those
// rows only — as silhouette_score with sample_size does, so pass a stratified sample
// (StratifiedSample) above some thousands of rows; nil rows means every row. A cluster
// without rows gets NaN. The distances are summed per cluster as Silhouettes sums them, each
// pair once, so over the same rows the size-weighted mean of the result is Silhouettes'
// value up to rounding. It costs O(m²d) time and O(mk) memory for m rows, and stops with
// ctx's error when ctx is cancelled.
func SegmentSilhouettes(ctx context.Context, x []float64, d int, labels []int, k int, rows []int) ([]float64, error) {
	x, col, offs := gather(x, d, [][]int{labels}, []int{k}, rows)
	sums, err := pairSums(ctx, x, d, col, 1, k)
	if err != nil {
		return nil, err
	}
	count := make([]int, k)
	for _, c := range col {
		count[c]++
	}
	nonEmpty := 0
	for _, c := range count {
		if c > 0 {
			nonEmpty++
		}
	}
	sum := make([]float64, k)
	if nonEmpty >= 2 { // otherwise every s_i is 0
		for r, own := range col {
			sum[own] += rowSilhouette(sums[r*k:r*k+k], own, count, offs[0], offs[1])
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
