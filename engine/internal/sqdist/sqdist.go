// Package sqdist computes squared Euclidean distances from many rows to a small set of
// centres at once, with SIMD instructions where the processor has them (AVX2 on amd64) and
// a pure-Go loop elsewhere.
//
// Every distance is Σₜ (x[t] − c[t])², summed in increasing t in one accumulator, each term
// rounded before it is added (no fused multiply-add): exactly the scalar loop
//
//	for t := range x { dv := x[t] - c[t]; s += float64(dv * dv) }
//
// so both paths, and any caller summing that way, give bit-identical results. (The explicit
// float64 conversion forbids the compiler to fuse the product into the sum, per the Go
// specification; without it, GOAMD64=v3 builds may use FMA and change the last bits.)
//
// The centres are held transposed and padded (see Centres): a SIMD lane handles one centre,
// and a row's coordinate is broadcast to every lane.
package sqdist

import (
	"fmt"
	"math"
)

// Centres holds k centres of dimension d transposed: cT[t·kp + j] is coordinate t of centre
// j, for kp = KP() = k rounded up to a multiple of 4; the padding centres are all zero.
// The fields are unexported because the assembly kernels trust their sizes.
type Centres struct {
	k, d, kp int
	cT       []float64
}

// K returns the number of centres.
func (ct *Centres) K() int { return ct.k }

// D returns their dimension.
func (ct *Centres) D() int { return ct.d }

// KP returns the number of distances per row that Rows and Block write: K rounded up to a
// multiple of 4.
func (ct *Centres) KP() int { return ct.kp }

// NewCentres returns room for k centres of dimension d (k, d ≥ 1), all zero.
func NewCentres(k, d int) *Centres {
	if k < 1 || d < 1 {
		panic(fmt.Sprintf("sqdist: %d centres of dimension %d", k, d))
	}
	kp := (k + 3) &^ 3
	return &Centres{k: k, d: d, kp: kp, cT: make([]float64, d*kp)}
}

// Set copies the k×d row-major centres c into ct, transposed.
func (ct *Centres) Set(c []float64) {
	k, d, kp := ct.k, ct.d, ct.kp
	c = c[:k*d]
	for j := range k {
		for t, v := range c[j*d : (j+1)*d] {
			ct.cT[t*kp+j] = v
		}
	}
}

// Rows sets out[m·KP() + j] to the squared distance from row rows[m] of the row-major x (D()
// columns) to centre j, for every m < len(rows) and j < KP() (the padding centres' distances
// are those to the origin and are meant to be ignored). out must hold len(rows)·KP() values.
func (ct *Centres) Rows(out, x []float64, rows []int32) {
	n := len(rows)
	if len(out) < n*ct.kp {
		panic("sqdist: output too short")
	}
	if n == 0 {
		return
	}
	lo, hi := rows[0], rows[0]
	for _, r := range rows {
		lo, hi = min(lo, r), max(hi, r)
	}
	if lo < 0 || (int(hi)+1)*ct.d > len(x) {
		panic("sqdist: row index out of range")
	}
	dists(out, x, ct.d, rows, n, ct.cT, ct.kp)
}

// Block sets out[m·KP() + j] to the squared distance from row m of the row-major x (D()
// columns, len(x)/D() rows) to centre j, for every j < KP(). out must hold
// len(x)/D() · KP() values.
func (ct *Centres) Block(out, x []float64) {
	n := len(x) / ct.d
	if len(out) < n*ct.kp {
		panic("sqdist: output too short")
	}
	if n == 0 {
		return
	}
	dists(out, x, ct.d, nil, n, ct.cT, ct.kp)
}

// Nearest sets, for every m < len(best), best[m] to the index of the nearest centre given
// the distances dist[m·KP() : m·KP()+K()] that Rows or Block computed (ties to the lowest
// index), near[m] to its squared distance and second[m] to the runner-up's (+Inf when
// K() = 1).
// near and second must be as long as best, dist at least len(best)·KP().
func (ct *Centres) Nearest(best []int32, near, second, dist []float64) {
	n := len(best)
	if len(near) != n || len(second) != n || len(dist) < n*ct.kp {
		panic("sqdist: Nearest: lengths do not match")
	}
	if n == 0 {
		return
	}
	nearest(dist, ct.kp, ct.k, best, near, second)
}

// nearestGeneric is the pure-Go Nearest. Its comparisons are unpredictable, so it keeps
// the runner-up with min and max rather than branches: if v < near, the old nearest becomes
// the runner-up, otherwise v competes for it.
func nearestGeneric(dist []float64, kp, k int, best []int32, near, second []float64) {
	for m := range best {
		v := dist[m*kp : m*kp+k]
		b, d2, d2nd := 0, v[0], math.Inf(1)
		for j := 1; j < k; j++ {
			d2nd = min(d2nd, max(d2, v[j]))
			if v[j] < d2 {
				b = j
			}
			d2 = min(d2, v[j])
		}
		best[m], near[m], second[m] = int32(b), d2, d2nd
	}
}

// Sqrt replaces every value of v by its square root, with SIMD instructions where
// available; every result is bit-identical to math.Sqrt's (both are correctly rounded).
func Sqrt(v []float64) {
	if len(v) > 0 {
		sqrt(v)
	}
}

// sqrtGeneric is the pure-Go Sqrt.
func sqrtGeneric(v []float64) {
	for i, x := range v {
		v[i] = math.Sqrt(x)
	}
}

// distsGeneric is the pure-Go kernel: the distances of n rows (rows[m], or row m when rows
// is nil) to the kp transposed centres cT, four centres at a time.
func distsGeneric(out, x []float64, d int, rows []int32, n int, cT []float64, kp int) {
	for m := range n {
		i := m
		if rows != nil {
			i = int(rows[m])
		}
		xi := x[i*d : (i+1)*d]
		o := out[m*kp : (m+1)*kp]
		for j := 0; j < kp; j += 4 {
			var s0, s1, s2, s3 float64
			for t, v := range xi {
				c := cT[t*kp+j : t*kp+j+4]
				d0, d1, d2, d3 := v-c[0], v-c[1], v-c[2], v-c[3]
				s0 += float64(d0 * d0)
				s1 += float64(d1 * d1)
				s2 += float64(d2 * d2)
				s3 += float64(d3 * d3)
			}
			o[j], o[j+1], o[j+2], o[j+3] = s0, s1, s2, s3
		}
	}
}

// forceGeneric makes dists use distsGeneric even where SIMD is available.
var forceGeneric bool

// ForceGeneric makes every later call use the pure-Go kernel (on = true) or the fastest one
// the processor supports (on = false), and returns the previous setting. It exists for tests
// that check that both give bit-identical results; it must not be called while distances are
// being computed.
func ForceGeneric(on bool) (was bool) {
	was, forceGeneric = forceGeneric, on
	return was
}
