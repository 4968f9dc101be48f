package metrics

import (
	"math/big"
)

// AdjustedRand returns the adjusted Rand index of two labellings of the same rows, as
// scikit-learn's adjusted_rand_score: from the pair confusion counts (tn, fp, fn, tp),
// ARI = 2(tp·tn − fn·fp) / ((tp + fn)(fn + tn) + (tp + fp)(fp + tn)), and 1 when fn = fp = 0
// (identical partitions, including all-in-one and all-singletons). Labels may be any
// integers; the index ignores their names. 1 means identical partitions, about 0 chance
// agreement. The arithmetic is exact (big integers) before the final division. It panics if
// the lengths differ.
func AdjustedRand(a, b []int) float64 {
	if len(a) != len(b) {
		panic("metrics: AdjustedRand needs labellings of equal length")
	}
	type pair struct{ a, b int }
	cells := map[pair]int64{}
	rowSum := map[int]int64{}
	colSum := map[int]int64{}
	for i := range a {
		cells[pair{a[i], b[i]}]++
		rowSum[a[i]]++
		colSum[b[i]]++
	}
	n := int64(len(a))
	// sklearn's pair_confusion_matrix, on counts of ordered pairs.
	var sumSq, viaCol, viaRow big.Int
	for p, c := range cells {
		cc := big.NewInt(c)
		sumSq.Add(&sumSq, new(big.Int).Mul(cc, cc))
		viaCol.Add(&viaCol, new(big.Int).Mul(cc, big.NewInt(colSum[p.b])))
		viaRow.Add(&viaRow, new(big.Int).Mul(cc, big.NewInt(rowSum[p.a])))
	}
	tp := new(big.Int).Sub(&sumSq, big.NewInt(n))
	fp := new(big.Int).Sub(&viaCol, &sumSq)
	fn := new(big.Int).Sub(&viaRow, &sumSq)
	tn := new(big.Int).Mul(big.NewInt(n), big.NewInt(n))
	tn.Sub(tn, fp).Sub(tn, fn).Sub(tn, &sumSq)
	if fn.Sign() == 0 && fp.Sign() == 0 {
		return 1
	}
	num := new(big.Int).Sub(new(big.Int).Mul(tp, tn), new(big.Int).Mul(fn, fp))
	num.Mul(num, big.NewInt(2))
	den := new(big.Int).Mul(new(big.Int).Add(tp, fn), new(big.Int).Add(fn, tn))
	den.Add(den, new(big.Int).Mul(new(big.Int).Add(tp, fp), new(big.Int).Add(fp, tn)))
	f, _ := new(big.Rat).SetFrac(num, den).Float64()
	return f
}
