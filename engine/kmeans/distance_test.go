package kmeans

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/seglab/seglab/engine/internal/sqdist"
)

// nearest is the reference nearest-centre scan of the tests: the index of the row of c (k
// rows, len(xi) wide) nearest to xi, ties to the lowest index, and the squared distance.
func nearest(xi, c []float64, k int) (best int, bestD2 float64) {
	d := len(xi)
	best, bestD2 = 0, sqDist(xi, c[:d])
	for j := 1; j < k; j++ {
		if d2 := sqDist(xi, c[j*d:(j+1)*d]); d2 < bestD2 {
			best, bestD2 = j, d2
		}
	}
	return best, bestD2
}

// TestScalarMatchesKernel checks that sqDist and SqDist4 agree bit for bit with the SIMD
// kernel and its pure-Go fallback, including on two terms whose fused multiply-add sum
// differs from the rounded one in the last bit: it fails if a float64(dv * dv) conversion
// is dropped and the build fuses the product (GOAMD64=v3).
func TestScalarMatchesKernel(t *testing.T) {
	defer sqdist.ForceGeneric(sqdist.ForceGeneric(false))
	rng := rand.New(rand.NewPCG(3, 4))
	for _, d := range []int{1, 2, 3, 9, 10, 17} {
		const k = 4
		a := make([]float64, d)
		c := make([]float64, k*d)
		for i := range a {
			a[i] = rng.NormFloat64() * math.Exp(5*rng.NormFloat64())
		}
		for i := range c {
			c[i] = rng.NormFloat64() * math.Exp(5*rng.NormFloat64())
		}
		if d == 2 { // fused: 0x1.003c85d4c1ba5p+1, rounded: …a4p+1
			a[0], a[1] = 0x1.003c728c00000p+0, 0x1.00000c25cf000p+0
			c[0], c[1] = 0, 0
		}
		var s [k]float64
		s[0], s[1], s[2], s[3] = SqDist4(a, c, c[d:], c[2*d:], c[3*d:])
		ct := sqdist.NewCentres(k, d)
		ct.Set(c)
		out := make([]float64, ct.KP())
		for _, generic := range []bool{false, true} {
			sqdist.ForceGeneric(generic)
			ct.Block(out, a)
			for j := range k {
				one := sqDist(a, c[j*d:])
				if math.Float64bits(one) != math.Float64bits(out[j]) || math.Float64bits(s[j]) != math.Float64bits(out[j]) {
					t.Errorf("d=%d centre %d generic=%v: sqDist %v, SqDist4 %v, kernel %v", d, j, generic, one, s[j], out[j])
				}
			}
		}
		if d == 2 && s[0] != 0x1.003c85d4c1ba4p+1 {
			t.Errorf("SqDist4 = %x, want the unfused sum 0x1.003c85d4c1ba4p+1", s[0])
		}
	}
}
