package metrics

import (
	"context"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sort"
	"sync"

	"github.com/seglab/seglab/engine/kmeans"
)

// Defaults of SilhouetteOptions.
const (
	DefaultExactLimit = 20000
	DefaultSampleSize = 10000
)

// SilhouetteOptions says when the silhouette is computed exactly and how it is sampled
// otherwise.
type SilhouetteOptions struct {
	ExactLimit int    // exact up to this many rows; 0 means DefaultExactLimit
	SampleSize int    // rows in the stratified sample above ExactLimit; 0 means DefaultSampleSize
	Seed       uint64 // seed of the sample
}

// SilhouetteResult is the mean silhouette of one or more labellings of the same rows.
type SilhouetteResult struct {
	Values []float64 // one per labelling; NaN when a labelling has fewer than 2 non-empty clusters
	Exact  bool      // computed on all rows
	Rows   []int     // the rows used, ascending (every row when Exact)
}

// silhouetteShards is the number of partial-sum buffers of the pairwise pass. It is fixed so
// that the result does not depend on the number of processors.
const silhouetteShards = 16

// silhouetteBlock is the side of a tile of row pairs.
const silhouetteBlock = 128

// Silhouette returns the exact mean silhouette of a clustering (scikit-learn's
// silhouette_score with the Euclidean metric): the mean over rows of
// s_i = (b_i − a_i) / max(a_i, b_i), with a_i the mean distance from row i to the other rows
// of its cluster and b_i the smallest mean distance to the rows of another non-empty
// cluster; s_i = 0 in a singleton cluster or when a_i = b_i = 0. It costs O(n²d) time and
// O(nk) memory. NaN when fewer than 2 clusters are non-empty.
func Silhouette(x []float64, d int, labels []int, k int) float64 {
	v, _ := silhouettes(context.Background(), x, d, [][]int{labels}, []int{k}, nil)
	return v[0]
}

// Silhouettes returns the mean silhouette of several labellings of the same rows of x,
// computing each pairwise distance once and adding it to per-cluster sums for every
// labelling. With at most opt.ExactLimit rows it is exact; above, it is the exact silhouette
// of a stratified random sample of opt.SampleSize rows (see StratifiedSample; the strata are
// the combinations of labels over all labellings, so the sample keeps every labelling's
// cluster shares), as scikit-learn's silhouette_score with sample_size. ks[L] is the number of
// clusters of labellings[L]. It stops early with ctx's error when ctx is cancelled.
func Silhouettes(ctx context.Context, x []float64, d int, labellings [][]int, ks []int, opt SilhouetteOptions) (SilhouetteResult, error) {
	if len(labellings) == 0 || len(ks) != len(labellings) {
		panic("metrics: Silhouettes needs one k per labelling")
	}
	n := len(labellings[0])
	for L, lab := range labellings {
		checkLabels(x, d, lab, ks[L])
	}
	limit, size := opt.ExactLimit, opt.SampleSize
	if limit <= 0 {
		limit = DefaultExactLimit
	}
	if size <= 0 {
		size = DefaultSampleSize
	}
	if n <= limit || size >= n {
		v, err := silhouettes(ctx, x, d, labellings, ks, nil)
		rows := make([]int, n)
		for i := range rows {
			rows[i] = i
		}
		return SilhouetteResult{Values: v, Exact: true, Rows: rows}, err
	}
	rows := StratifiedSample(JointStrata(labellings), size, opt.Seed)
	v, err := silhouettes(ctx, x, d, labellings, ks, rows)
	return SilhouetteResult{Values: v, Rows: rows}, err
}

// silhouettes computes the silhouettes over the given rows (all when rows is nil).
func silhouettes(ctx context.Context, x []float64, d int, labellings [][]int, ks []int, rows []int) ([]float64, error) {
	// Gather the rows and their labels contiguously.
	m := len(labellings[0])
	if rows != nil {
		m = len(rows)
		sub := make([]float64, m*d)
		for r, i := range rows {
			copy(sub[r*d:r*d+d], x[i*d:i*d+d])
		}
		x = sub
	}
	nl := len(labellings)
	offs := make([]int, nl+1)
	for L, k := range ks {
		offs[L+1] = offs[L] + k
	}
	K := offs[nl]
	// col[i*nl+L] is the sum-buffer column of row i's cluster in labelling L.
	col := make([]int, m*nl)
	for L, lab := range labellings {
		for r := range m {
			i := r
			if rows != nil {
				i = rows[r]
			}
			col[r*nl+L] = offs[L] + lab[i]
		}
	}

	nb := (m + silhouetteBlock - 1) / silhouetteBlock
	type tile struct{ bi, bj int }
	shardTiles := make([][]tile, silhouetteShards)
	t := 0
	for bi := range nb {
		for bj := bi; bj < nb; bj++ {
			shardTiles[t%silhouetteShards] = append(shardTiles[t%silhouetteShards], tile{bi, bj})
			t++
		}
	}
	bufs := make([][]float64, silhouetteShards)
	next := make(chan int, silhouetteShards)
	for s := range silhouetteShards {
		next <- s
	}
	close(next)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), silhouetteShards) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for s := range next {
				if ctx.Err() != nil {
					return
				}
				buf, acc := make([]float64, m*K), make([]float64, 8*K)
				for _, tl := range shardTiles[s] {
					pairTile(x, d, col, nl, K, buf, acc, tl.bi*silhouetteBlock, min(m, (tl.bi+1)*silhouetteBlock),
						tl.bj*silhouetteBlock, min(m, (tl.bj+1)*silhouetteBlock))
				}
				bufs[s] = buf
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	sums := bufs[0]
	for _, b := range bufs[1:] {
		for i, v := range b {
			sums[i] += v
		}
	}

	out := make([]float64, nl)
	counts := make([]int, K)
	for r := range m {
		for L := range nl {
			counts[col[r*nl+L]]++
		}
	}
	for L := range nl {
		live := 0
		for c := offs[L]; c < offs[L+1]; c++ {
			if counts[c] > 0 {
				live++
			}
		}
		if live < 2 {
			out[L] = math.NaN()
			continue
		}
		var total float64
		for r := range m {
			own := col[r*nl+L]
			if counts[own] == 1 {
				continue // a singleton's silhouette is 0
			}
			s := sums[r*K : r*K+K]
			a := s[own] / float64(counts[own]-1)
			b := math.Inf(1)
			for c := offs[L]; c < offs[L+1]; c++ {
				if c != own && counts[c] > 0 {
					b = min(b, s[c]/float64(counts[c]))
				}
			}
			if den := max(a, b); den > 0 {
				total += (b - a) / den
			}
		}
		out[L] = total / float64(m)
	}
	return out, nil
}

// pairTile adds, for every pair i < j with i in [i0, i1) and j in [j0, j1), the distance
// ‖x_i − x_j‖ to row i's sum for j's cluster and to row j's sum for i's cluster, in every
// labelling. acc is scratch of at least 8·K values.
//
// The rows j are taken four at a time, and row i's sums gather in four lanes of acc (one per
// j of the four) that are added to buf once per row i: consecutive additions to the same
// cluster's sum then do not wait on each other, and the four distances are independent.
// Off the diagonal (every j above every i) the rows i are taken two at a time, so that each
// row j loaded serves two distances; the sums and their order are those of one row at a
// time. The order of the additions depends only on the tile, never on the processors.
func pairTile(x []float64, d int, col []int, nl, K int, buf, acc []float64, i0, i1, j0, j1 int) {
	i := i0
	if j0 >= i1 {
		for ; i+2 <= i1; i += 2 {
			pairRows2(x, d, col, nl, K, buf, acc, i, j0, j1)
		}
	}
	for ; i < i1; i++ {
		pairRow(x, d, col, nl, K, buf, acc, i, max(j0, i+1), j1)
	}
}

// pairRow adds the distances of row i to the rows [j0, j1) (see pairTile).
func pairRow(x []float64, d int, col []int, nl, K int, buf, acc []float64, i, j0, j1 int) {
	acc = acc[:4*K]
	a0, a1, a2, a3 := acc[:K], acc[K:2*K], acc[2*K:3*K], acc[3*K:]
	xi := x[i*d : i*d+d]
	ci := col[i*nl : i*nl+nl]
	clear(acc)
	j := j0
	for ; j+4 <= j1; j += 4 {
		s0, s1, s2, s3 := kmeans.SqDist4(xi, x[j*d:], x[(j+1)*d:], x[(j+2)*d:], x[(j+3)*d:])
		d0, d1, d2, d3 := math.Sqrt(s0), math.Sqrt(s1), math.Sqrt(s2), math.Sqrt(s3)
		c0 := col[j*nl : j*nl+nl][:len(ci)]
		c1 := col[(j+1)*nl : (j+1)*nl+nl][:len(ci)]
		c2 := col[(j+2)*nl : (j+2)*nl+nl][:len(ci)]
		c3 := col[(j+3)*nl : (j+3)*nl+nl][:len(ci)]
		for L, c := range ci {
			a0[c0[L]] += d0
			a1[c1[L]] += d1
			a2[c2[L]] += d2
			a3[c3[L]] += d3
			buf[j*K+c] += d0
			buf[(j+1)*K+c] += d1
			buf[(j+2)*K+c] += d2
			buf[(j+3)*K+c] += d3
		}
	}
	for ; j < j1; j++ {
		xj := x[j*d : j*d+d][:len(xi)]
		var s float64
		for t, v := range xi {
			e := v - xj[t]
			s += e * e
		}
		dist := math.Sqrt(s)
		cj := col[j*nl : j*nl+nl][:len(ci)]
		for L, c := range ci {
			a0[cj[L]] += dist
			buf[j*K+c] += dist
		}
	}
	bi := buf[i*K : i*K+K]
	for c := range bi {
		bi[c] += (a0[c] + a1[c]) + (a2[c] + a3[c])
	}
}

// pairRows2 is pairRow for rows i and i+1 at once over the same rows [j0, j1), all above
// both: the same distances (each summed over t in increasing order, as kmeans.SqDist4 sums
// them) and the same additions in the same order as pairRow(i) followed by pairRow(i+1).
func pairRows2(x []float64, d int, col []int, nl, K int, buf, acc []float64, i, j0, j1 int) {
	acc = acc[:8*K]
	a0, a1, a2, a3 := acc[:K], acc[K:2*K], acc[2*K:3*K], acc[3*K:4*K]
	b0, b1, b2, b3 := acc[4*K:5*K], acc[5*K:6*K], acc[6*K:7*K], acc[7*K:]
	xi, xh := x[i*d:i*d+d], x[(i+1)*d:(i+1)*d+d]
	xh = xh[:len(xi)]
	ci, ch := col[i*nl:i*nl+nl], col[(i+1)*nl:(i+1)*nl+nl]
	ch = ch[:len(ci)]
	clear(acc)
	j := j0
	for ; j+4 <= j1; j += 4 {
		y0, y1, y2, y3 := x[j*d : j*d+d][:len(xi)], x[(j+1)*d : (j+1)*d+d][:len(xi)], x[(j+2)*d : (j+2)*d+d][:len(xi)], x[(j+3)*d : (j+3)*d+d][:len(xi)]
		var s0, s1, s2, s3, t0, t1, t2, t3 float64
		for t, v := range xi {
			w := xh[t]
			e0, e1, e2, e3 := v-y0[t], v-y1[t], v-y2[t], v-y3[t]
			f0, f1, f2, f3 := w-y0[t], w-y1[t], w-y2[t], w-y3[t]
			s0 += float64(e0 * e0)
			s1 += float64(e1 * e1)
			s2 += float64(e2 * e2)
			s3 += float64(e3 * e3)
			t0 += float64(f0 * f0)
			t1 += float64(f1 * f1)
			t2 += float64(f2 * f2)
			t3 += float64(f3 * f3)
		}
		d0, d1, d2, d3 := math.Sqrt(s0), math.Sqrt(s1), math.Sqrt(s2), math.Sqrt(s3)
		g0, g1, g2, g3 := math.Sqrt(t0), math.Sqrt(t1), math.Sqrt(t2), math.Sqrt(t3)
		c0 := col[j*nl : j*nl+nl][:len(ci)]
		c1 := col[(j+1)*nl : (j+1)*nl+nl][:len(ci)]
		c2 := col[(j+2)*nl : (j+2)*nl+nl][:len(ci)]
		c3 := col[(j+3)*nl : (j+3)*nl+nl][:len(ci)]
		for L, c := range ci {
			h := ch[L]
			a0[c0[L]] += d0
			a1[c1[L]] += d1
			a2[c2[L]] += d2
			a3[c3[L]] += d3
			b0[c0[L]] += g0
			b1[c1[L]] += g1
			b2[c2[L]] += g2
			b3[c3[L]] += g3
			buf[j*K+c] += d0
			buf[j*K+h] += g0
			buf[(j+1)*K+c] += d1
			buf[(j+1)*K+h] += g1
			buf[(j+2)*K+c] += d2
			buf[(j+2)*K+h] += g2
			buf[(j+3)*K+c] += d3
			buf[(j+3)*K+h] += g3
		}
	}
	for ; j < j1; j++ {
		xj := x[j*d : j*d+d][:len(xi)]
		var s, u float64
		for t, v := range xi {
			e, f := v-xj[t], xh[t]-xj[t]
			s += float64(e * e)
			u += float64(f * f)
		}
		dist, disth := math.Sqrt(s), math.Sqrt(u)
		cj := col[j*nl : j*nl+nl][:len(ci)]
		for L, c := range ci {
			a0[cj[L]] += dist
			b0[cj[L]] += disth
			buf[j*K+c] += dist
			buf[j*K+ch[L]] += disth
		}
	}
	bi, bh := buf[i*K:i*K+K], buf[(i+1)*K:(i+1)*K+K]
	for c := range bi {
		bi[c] += (a0[c] + a1[c]) + (a2[c] + a3[c])
		bh[c] += (b0[c] + b1[c]) + (b2[c] + b3[c])
	}
}

// JointStrata numbers the combinations of labels of the given labellings of the same rows:
// rows share a stratum exactly when they share a label in every labelling. Labels must fit
// in 32 bits.
func JointStrata(labellings [][]int) []int {
	n := len(labellings[0])
	out := make([]int, n)
	ids := map[string]int{}
	key := make([]byte, 0, 8*len(labellings))
	for i := range n {
		key = key[:0]
		for _, lab := range labellings {
			v := lab[i]
			key = append(key, byte(v), byte(v>>8), byte(v>>16), byte(v>>24))
		}
		id, ok := ids[string(key)]
		if !ok {
			id = len(ids)
			ids[string(key)] = id
		}
		out[i] = id
	}
	return out
}

// StratifiedSample draws size rows without replacement, allocated to the strata in
// proportion to their sizes (largest-remainder rounding, ties to the smaller stratum id) and
// drawn uniformly within each stratum with a generator seeded by seed. It returns the row
// indices in ascending order; all rows when size ≥ len(strata). The same inputs always give
// the same sample.
func StratifiedSample[S ~int | ~int32](strata []S, size int, seed uint64) []int {
	n := len(strata)
	if size >= n {
		all := make([]int, n)
		for i := range all {
			all[i] = i
		}
		return all
	}
	if size < 0 {
		panic("metrics: negative sample size")
	}
	// The rows of every stratum, ascending, stored one stratum after the other in id order.
	count := map[S]int{}
	for _, s := range strata {
		count[s]++
	}
	ids := make([]S, 0, len(count))
	for s := range count {
		ids = append(ids, s)
	}
	slices.Sort(ids)
	index := make(map[S]int, len(ids))
	start := make([]int, len(ids)+1)
	for t, s := range ids {
		index[s] = t
		start[t+1] = start[t] + count[s]
	}
	members := make([]int, n)
	next := slices.Clone(start[:len(ids)])
	for i, s := range strata {
		t := index[s]
		members[next[t]] = i
		next[t]++
	}
	quota := make([]int, len(ids))
	rem := make([]int, len(ids)) // size·n_s mod n, the fractional part times n
	given := 0
	for t, s := range ids {
		ns := count[s]
		quota[t] = size * ns / n
		rem[t] = size * ns % n
		given += quota[t]
	}
	order := make([]int, len(ids))
	for t := range order {
		order[t] = t
	}
	sort.SliceStable(order, func(a, b int) bool { return rem[order[a]] > rem[order[b]] })
	for _, t := range order[:size-given] {
		quota[t]++
	}
	rng := rand.New(rand.NewPCG(seed, 0x5eed5a3b1e))
	out := make([]int, 0, size)
	for t := range ids {
		m := members[start[t]:start[t+1]]
		for r := range quota[t] { // partial Fisher–Yates
			j := r + rng.IntN(len(m)-r)
			m[r], m[j] = m[j], m[r]
		}
		out = append(out, m[:quota[t]]...)
	}
	slices.Sort(out)
	return out
}
