package sample

import (
	"math"
	"math/rand/v2"
)

// mix is the SplitMix64 finaliser: it turns nearby inputs (seed, customer index) into
// unrelated 64-bit values, so that neighbouring customers get independent random streams.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// streamSeeds returns the PCG seeds of random stream number stream under seed.
func streamSeeds(seed int64, stream uint64) (uint64, uint64) {
	a := mix(uint64(seed) ^ mix(stream))
	return a, mix(a ^ 0x5851f42d4c957f2d)
}

// dist is a discrete distribution over 0..n-1, stored as cumulative weights.
type dist []float64

// weights builds a dist from non-negative weights (they need not sum to 1).
func weights(w ...float64) dist {
	c := make(dist, len(w))
	var s float64
	for i, v := range w {
		s += v
		c[i] = s
	}
	for i := range c {
		c[i] /= s
	}
	return c
}

// pick draws an index from d.
func (d dist) pick(r *rand.Rand) int {
	u := r.Float64()
	for i, c := range d {
		if u < c {
			return i
		}
	}
	return len(d) - 1
}

// logNormal draws exp(N(log median, sigma²)).
func logNormal(r *rand.Rand, median, sigma float64) float64 {
	return median * math.Exp(sigma*r.NormFloat64())
}

// poisson draws a Poisson(lambda) count by Knuth's product method; lambda is small here
// (under 30), where that method is exact and fast.
func poisson(r *rand.Rand, lambda float64) int {
	if lambda <= 0 {
		return 0
	}
	l := math.Exp(-lambda)
	k := 0
	p := r.Float64()
	for p > l {
		k++
		p *= r.Float64()
	}
	return k
}

func clamp(x, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, x)) }
