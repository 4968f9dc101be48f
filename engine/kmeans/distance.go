package kmeans

// sqDist returns Σₜ (a[t] − b[t])² for len(b) ≥ len(a), summed in increasing t with one
// accumulator. Every squared distance in the package is summed this way (sqDist4 too), so
// equal inputs give bit-equal results wherever they are computed.
func sqDist(a, b []float64) float64 {
	b = b[:len(a)]
	var s float64
	for t, v := range a {
		dv := v - b[t]
		s += dv * dv
	}
	return s
}

// sqDist4 returns sqDist(a, b0), …, sqDist(a, b3), computed together so that the four
// independent sums overlap in the pipeline.
func sqDist4(a, b0, b1, b2, b3 []float64) (s0, s1, s2, s3 float64) {
	b0, b1, b2, b3 = b0[:len(a)], b1[:len(a)], b2[:len(a)], b3[:len(a)]
	for t, v := range a {
		d0, d1, d2, d3 := v-b0[t], v-b1[t], v-b2[t], v-b3[t]
		s0 += d0 * d0
		s1 += d1 * d1
		s2 += d2 * d2
		s3 += d3 * d3
	}
	return s0, s1, s2, s3
}

// nearest returns the index of the centre (rows of the k×d row-major c) nearest to the point
// xi, ties going to the lowest index, together with the squared distance to it and the
// squared distance to the runner-up (+Inf when k = 1).
func nearest(xi, c []float64, k, d int) (best int, bestD2, secondD2 float64) {
	bestD2, secondD2 = inf, inf
	best = -1
	consider := func(j int, d2 float64) {
		if d2 < bestD2 {
			secondD2 = bestD2
			best, bestD2 = j, d2
		} else if d2 < secondD2 {
			secondD2 = d2
		}
	}
	j := 0
	for ; j+4 <= k; j += 4 {
		s0, s1, s2, s3 := sqDist4(xi, c[j*d:], c[(j+1)*d:], c[(j+2)*d:], c[(j+3)*d:])
		consider(j, s0)
		consider(j+1, s1)
		consider(j+2, s2)
		consider(j+3, s3)
	}
	for ; j < k; j++ {
		consider(j, sqDist(xi, c[j*d:]))
	}
	return best, bestD2, secondD2
}
