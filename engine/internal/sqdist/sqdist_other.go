//go:build !amd64

package sqdist

// Accelerated reports whether distances are computed with SIMD instructions.
func Accelerated() bool { return false }

func dists(out, x []float64, d int, rows []int32, n int, cT []float64, kp int) {
	distsGeneric(out, x, d, rows, n, cT, kp)
}

func nearest(dist []float64, kp, k int, best []int32, near, second []float64) {
	nearestGeneric(dist, kp, k, best, near, second)
}

// Prefetch does nothing on this architecture (see the amd64 version).
func Prefetch(x []float64, d int, rows []int32) {}

func sqrt(v []float64) { sqrtGeneric(v) }
