package sqdist

import "golang.org/x/sys/cpu"

// hasAVX2 reports whether the processor (and the operating system) supports AVX2.
var hasAVX2 = cpu.X86.HasAVX2

// Accelerated reports whether distances are computed with SIMD instructions.
func Accelerated() bool { return hasAVX2 && !forceGeneric }

//go:noescape
func distsAVX2(out, x *float64, d int, rows *int32, n int, cT *float64, kp int)

func dists(out, x []float64, d int, rows []int32, n int, cT []float64, kp int) {
	if !Accelerated() {
		distsGeneric(out, x, d, rows, n, cT, kp)
		return
	}
	var rp *int32
	if rows != nil {
		rp = &rows[0]
	}
	distsAVX2(&out[0], &x[0], d, rp, n, &cT[0], kp)
}

//go:noescape
func nearestSSE(dist *float64, n, kp, k int, best *int32, near, second *float64)

func nearest(dist []float64, kp, k int, best []int32, near, second []float64) {
	if forceGeneric {
		nearestGeneric(dist, kp, k, best, near, second)
		return
	}
	nearestSSE(&dist[0], len(best), kp, k, &best[0], &near[0], &second[0])
}

//go:noescape
func prefetchAVX2(x *float64, d int, rows *int32, n int)

// Prefetch asks the processor to start bringing the rows rows of the row-major x (d
// columns) into its level-2 cache, and returns at once. A caller about to compute the
// distances of scattered rows calls it first, so that their fetches from memory overlap.
// It reads no memory but rows; indices out of range are harmless (a prefetch never faults).
func Prefetch(x []float64, d int, rows []int32) {
	if len(rows) == 0 || !Accelerated() {
		return
	}
	prefetchAVX2(&x[0], d, &rows[0], len(rows))
}

//go:noescape
func sqrtAVX2(v *float64, n int)

func sqrt(v []float64) {
	if !Accelerated() {
		sqrtGeneric(v)
		return
	}
	sqrtAVX2(&v[0], len(v))
}
