package sqdist

import (
	"math/rand/v2"
	"testing"
)

// benchKernel measures the distances of 1,000,000 rows × 9 columns to 6 centres: every row
// (Block) or 40 % of them picked at random in every 4096-row chunk (Rows), 128 at a time,
// as k-means's assignment step does.
func benchKernel(b *testing.B, sparse, generic bool) {
	defer ForceGeneric(ForceGeneric(generic))
	const n, d, k, chunk, batch = 1_000_000, 9, 6, 4096, 128
	rng := rand.New(rand.NewPCG(1, 2))
	x := make([]float64, n*d)
	for i := range x {
		x[i] = rng.NormFloat64()
	}
	ct := NewCentres(k, d)
	ct.Set(x[:k*d])
	out := make([]float64, batch*ct.KP())
	var todo []int32
	if sparse {
		for r := range chunk {
			if rng.Float64() < 0.4 {
				todo = append(todo, int32(r))
			}
		}
	}
	b.SetBytes(int64(8 * n * d))
	for b.Loop() {
		for lo := 0; lo < n; lo += chunk {
			xc := x[lo*d : min(lo+chunk, n)*d]
			if !sparse {
				for b0 := 0; b0 < len(xc)/d; b0 += batch {
					ct.Block(out, xc[b0*d:min(b0+batch, len(xc)/d)*d])
				}
				continue
			}
			for b0 := 0; b0 < len(todo); b0 += batch {
				rows := todo[b0:min(b0+batch, len(todo))]
				if lo+chunk > n {
					rows = rows[:0]
				}
				ct.Rows(out, xc, rows)
			}
		}
	}
}

func BenchmarkBlock(b *testing.B)        { benchKernel(b, false, false) }
func BenchmarkBlockGeneric(b *testing.B) { benchKernel(b, false, true) }
func BenchmarkRows(b *testing.B)         { benchKernel(b, true, false) }
func BenchmarkRowsGeneric(b *testing.B)  { benchKernel(b, true, true) }
