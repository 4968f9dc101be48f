package sqdist

import (
	"math"
	"math/rand/v2"
	"testing"
)

// scalar is the reference: one accumulator, increasing t, every product rounded before it
// is added.
func scalar(a, b []float64) float64 {
	var s float64
	for t, v := range a {
		dv := v - b[t]
		s += float64(dv * dv)
	}
	return s
}

// randomRows returns n×d values drawn from a few distributions, with duplicate rows and
// values repeated exactly, so that distances tie.
func randomRows(rng *rand.Rand, n, d int) []float64 {
	x := make([]float64, n*d)
	for i := range n {
		row := x[i*d : (i+1)*d]
		switch rng.IntN(4) {
		case 0: // small integers: many exact ties
			for t := range row {
				row[t] = float64(rng.IntN(3))
			}
		case 1: // a copy of an earlier row
			if i > 0 {
				copy(row, x[rng.IntN(i)*d:])
				continue
			}
			fallthrough
		case 2:
			for t := range row {
				row[t] = rng.NormFloat64()
			}
		default: // wide dynamic range
			for t := range row {
				row[t] = rng.NormFloat64() * math.Exp(10*rng.NormFloat64())
			}
		}
	}
	return x
}

// TestKernelsBitEqualScalar checks the SIMD kernel (where the processor has one) and the
// pure-Go kernel against the scalar loop, bit for bit, for Rows and Block.
func TestKernelsBitEqualScalar(t *testing.T) {
	defer ForceGeneric(ForceGeneric(false))
	rng := rand.New(rand.NewPCG(14, 1))
	for k := 1; k <= 20; k++ {
		for d := 1; d <= 25; d++ {
			n := 1 + rng.IntN(37)
			x := randomRows(rng, n, d)
			c := randomRows(rng, k, d)
			if rng.IntN(2) == 0 { // some centres are data rows: zero distances
				copy(c, x[rng.IntN(n)*d:][:d])
			}
			ct := NewCentres(k, d)
			ct.Set(c)
			rows := make([]int32, 1+rng.IntN(2*n))
			for m := range rows {
				rows[m] = int32(rng.IntN(n))
			}
			for _, generic := range []bool{false, true} {
				ForceGeneric(generic)
				block := make([]float64, n*ct.KP())
				ct.Block(block, x)
				byRow := make([]float64, len(rows)*ct.KP())
				ct.Rows(byRow, x, rows)
				checkNearest(t, ct, byRow, len(rows), generic)
				for j := range k {
					cj := c[j*d : (j+1)*d]
					for i := range n {
						want := scalar(x[i*d:(i+1)*d], cj)
						if got := block[i*ct.KP()+j]; math.Float64bits(got) != math.Float64bits(want) {
							t.Fatalf("k=%d d=%d generic=%v: Block row %d centre %d = %v, want %v", k, d, generic, i, j, got, want)
						}
					}
					for m, i := range rows {
						want := scalar(x[int(i)*d:(int(i)+1)*d], cj)
						if got := byRow[m*ct.KP()+j]; math.Float64bits(got) != math.Float64bits(want) {
							t.Fatalf("k=%d d=%d generic=%v: Rows[%d] (row %d) centre %d = %v, want %v", k, d, generic, m, i, j, got, want)
						}
					}
				}
			}
		}
	}
}

// checkNearest compares Nearest on the n rows of distances dist with a plain scan.
func checkNearest(t *testing.T, ct *Centres, dist []float64, n int, generic bool) {
	t.Helper()
	best, near, second := make([]int32, n), make([]float64, n), make([]float64, n)
	ct.Nearest(best, near, second, dist)
	for m := range n {
		v := dist[m*ct.KP() : m*ct.KP()+ct.K()]
		wantBest := 0
		for j, vj := range v {
			if vj < v[wantBest] {
				wantBest = j
			}
		}
		wantSecond := math.Inf(1)
		for j, vj := range v {
			if j != wantBest {
				wantSecond = min(wantSecond, vj)
			}
		}
		if int(best[m]) != wantBest || near[m] != v[wantBest] || second[m] != wantSecond {
			t.Fatalf("k=%d d=%d generic=%v row %d: Nearest = (%d, %v, %v), want (%d, %v, %v) from %v",
				ct.K(), ct.D(), generic, m, best[m], near[m], second[m], wantBest, v[wantBest], wantSecond, v)
		}
	}
}

// TestNoFusedMultiplyAdd fails if distances are computed with a fused multiply-add (as the
// compiler may do for s += dv*dv under GOAMD64=v3): for these two terms, rounding the second
// product before adding it and fusing it give results one unit in the last place apart.
func TestNoFusedMultiplyAdd(t *testing.T) {
	defer ForceGeneric(ForceGeneric(false))
	a, b := 0x1.003c728c00000p+0, 0x1.00000c25cf000p+0
	x, c := []float64{a, b}, []float64{0, 0}
	unfused, fused := 0x1.003c85d4c1ba4p+1, 0x1.003c85d4c1ba5p+1
	if got := float64(a*a) + float64(b*b); got != unfused {
		t.Fatalf("unfused sum %v, want %v", got, unfused)
	}
	if got := math.FMA(b, b, float64(a*a)); got != fused {
		t.Fatalf("fused sum %v, want %v", got, fused)
	}
	for _, generic := range []bool{false, true} {
		ForceGeneric(generic)
		ct := NewCentres(1, 2)
		ct.Set(c)
		out := make([]float64, ct.KP())
		ct.Block(out, x)
		if out[0] != unfused {
			t.Errorf("generic=%v: distance %v, want %v (fused: %v)", generic, out[0], unfused, fused)
		}
	}
	if got := scalar(x, c); got != unfused {
		t.Errorf("scalar reference %v, want %v (fused: %v)", got, unfused, fused)
	}
}

func TestAcceleratedOnAVX2(t *testing.T) {
	t.Logf("SIMD kernel in use: %v", Accelerated())
}

// TestSqrtBitEqualMathSqrt checks Sqrt, SIMD and pure Go, against math.Sqrt bit for bit on
// every length up to 40 (the SIMD loop's blocks and its tail) and on special values:
// zeros, subnormals, huge values, +Inf, negative values and NaN.
func TestSqrtBitEqualMathSqrt(t *testing.T) {
	defer ForceGeneric(ForceGeneric(false))
	rng := rand.New(rand.NewPCG(14, 2))
	special := []float64{0, math.Copysign(0, -1), 5e-324, 2.2250738585072014e-308, 1, 2, math.MaxFloat64, math.Inf(1), -1, math.NaN()}
	for _, generic := range []bool{false, true} {
		ForceGeneric(generic)
		for n := 0; n <= 40; n++ {
			v := make([]float64, n)
			for i := range v {
				switch rng.IntN(3) {
				case 0:
					v[i] = special[rng.IntN(len(special))]
				case 1:
					v[i] = rng.Float64() * math.Exp(40*rng.NormFloat64())
				default:
					v[i] = float64(rng.IntN(100))
				}
			}
			got := append([]float64(nil), v...)
			Sqrt(got)
			for i, x := range v {
				if want := math.Sqrt(x); math.Float64bits(got[i]) != math.Float64bits(want) && !(math.IsNaN(got[i]) && math.IsNaN(want)) {
					t.Fatalf("generic=%v n=%d: Sqrt(%v) = %v, math.Sqrt %v", generic, n, x, got[i], want)
				}
			}
		}
	}
}
