package kmeans

// sqDist returns Σₜ (a[t] − b[t])² for len(b) ≥ len(a). Every squared distance in the package
// goes through this one function, so equal inputs give bit-equal results wherever they are
// computed. Two accumulators (even and odd coordinates) shorten the dependency chain.
func sqDist(a, b []float64) float64 {
	b = b[:len(a)]
	var s0, s1 float64
	t := 0
	for ; t+1 < len(a); t += 2 {
		d0 := a[t] - b[t]
		d1 := a[t+1] - b[t+1]
		s0 += d0 * d0
		s1 += d1 * d1
	}
	if t < len(a) {
		d0 := a[t] - b[t]
		s0 += d0 * d0
	}
	return s0 + s1
}

// nearest returns the index of the centre (rows of the k×d row-major c) nearest to the point
// xi, ties going to the lowest index, together with the squared distance to it and the
// squared distance to the runner-up (+Inf when k = 1).
func nearest(xi, c []float64, k, d int) (best int, bestD2, secondD2 float64) {
	bestD2 = sqDist(xi, c[:d])
	secondD2 = inf
	for j := 1; j < k; j++ {
		d2 := sqDist(xi, c[j*d:(j+1)*d])
		if d2 < bestD2 {
			secondD2 = bestD2
			best, bestD2 = j, d2
		} else if d2 < secondD2 {
			secondD2 = d2
		}
	}
	return best, bestD2, secondD2
}
