package kmeans

// sqDist returns Σₜ (a[t] − b[t])² for len(b) ≥ len(a), summed in increasing t with one
// accumulator. Every squared distance in the package is summed this way (sqDists too), so
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

// sqDists sets out[j] = sqDist(a, c[j·d:(j+1)·d]) for every j < len(out), where d = len(a).
// The distances are computed four, three or two at a time, whose independent sums overlap
// in the pipeline: about twice the throughput of one at a time.
func sqDists(a, c []float64, out []float64) {
	d := len(a)
	j := 0
	for ; j+4 <= len(out); j += 4 {
		out[j], out[j+1], out[j+2], out[j+3] = SqDist4(a, c[j*d:], c[(j+1)*d:], c[(j+2)*d:], c[(j+3)*d:])
	}
	switch len(out) - j {
	case 3:
		out[j], out[j+1], out[j+2] = sqDist3(a, c[j*d:], c[(j+1)*d:], c[(j+2)*d:])
	case 2:
		out[j], out[j+1] = sqDist2(a, c[j*d:], c[(j+1)*d:])
	case 1:
		out[j] = sqDist(a, c[j*d:])
	}
}

// SqDist4 returns the squared Euclidean distances from a to each of b0..b3, which must be
// at least as long as a: four independent sums, so that they overlap in the processor.
func SqDist4(a, b0, b1, b2, b3 []float64) (s0, s1, s2, s3 float64) {
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

func sqDist3(a, b0, b1, b2 []float64) (s0, s1, s2 float64) {
	b0, b1, b2 = b0[:len(a)], b1[:len(a)], b2[:len(a)]
	for t, v := range a {
		d0, d1, d2 := v-b0[t], v-b1[t], v-b2[t]
		s0 += d0 * d0
		s1 += d1 * d1
		s2 += d2 * d2
	}
	return s0, s1, s2
}

func sqDist2(a, b0, b1 []float64) (s0, s1 float64) {
	b0, b1 = b0[:len(a)], b1[:len(a)]
	for t, v := range a {
		d0, d1 := v-b0[t], v-b1[t]
		s0 += d0 * d0
		s1 += d1 * d1
	}
	return s0, s1
}

// nearest returns the index of the centre (rows of the row-major c, len(dist) of them, each
// len(xi) wide) nearest to the point xi, ties going to the lowest index, together with the
// squared distance to it and to the runner-up (+Inf when there is one centre). dist is
// scratch space; it is left holding the squared distance to every centre.
func nearest(xi, c, dist []float64) (best int, bestD2, secondD2 float64) {
	sqDists(xi, c, dist)
	return nearestOf(dist)
}

// nearestOf returns the index of the smallest of the squared distances dist (ties to the
// lowest index), that distance, and the runner-up (+Inf when len(dist) is 1).
func nearestOf(dist []float64) (best int, bestD2, secondD2 float64) {
	bestD2, secondD2 = dist[0], inf
	for j := 1; j < len(dist); j++ {
		d2 := dist[j]
		// Without branches (the comparisons are unpredictable): if d2 < bestD2 the old best
		// becomes the runner-up, otherwise d2 competes for it.
		secondD2 = min(secondD2, max(bestD2, d2))
		if d2 < bestD2 {
			best = j
		}
		bestD2 = min(bestD2, d2)
	}
	return best, bestD2, secondD2
}
