package kmeans

// Every squared distance in the package is Σₜ (a[t] − b[t])², summed in increasing t with
// one accumulator, each product rounded before it is added — the arithmetic of the SIMD
// kernel in engine/internal/sqdist, lane by lane — so equal inputs give bit-equal results
// wherever they are computed. Products are written float64(dv * dv): the explicit
// conversion forbids the compiler to fuse the multiply into the add (which it may do for
// GOAMD64=v3 and would change the last bits); TestScalarMatchesKernel fails if one is lost.

// sqDist returns Σₜ (a[t] − b[t])² for len(b) ≥ len(a).
func sqDist(a, b []float64) float64 {
	b = b[:len(a)]
	var s float64
	for t, v := range a {
		dv := v - b[t]
		s += float64(dv * dv)
	}
	return s
}

// SqDist4 returns the squared Euclidean distances from a to each of b0..b3, which must be
// at least as long as a: four independent sums, so that they overlap in the processor.
// Each is bit-equal to the distance Fit and Assign compute.
func SqDist4(a, b0, b1, b2, b3 []float64) (s0, s1, s2, s3 float64) {
	b0, b1, b2, b3 = b0[:len(a)], b1[:len(a)], b2[:len(a)], b3[:len(a)]
	for t, v := range a {
		d0, d1, d2, d3 := v-b0[t], v-b1[t], v-b2[t], v-b3[t]
		s0 += float64(d0 * d0)
		s1 += float64(d1 * d1)
		s2 += float64(d2 * d2)
		s3 += float64(d3 * d3)
	}
	return s0, s1, s2, s3
}
