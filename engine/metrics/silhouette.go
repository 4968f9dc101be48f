package metrics

import (
	"context"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sort"
	"sync"

	"github.com/seglab/seglab/engine/internal/sqdist"
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
	x, col, offs := gather(x, d, labellings, ks, rows)
	nl, K := len(labellings), offs[len(labellings)]
	m := len(col) / nl
	sums, err := pairSums(ctx, x, d, col, nl, K)
	if err != nil {
		return nil, err
	}
	out := make([]float64, nl)
	counts := make([]int, K)
	for _, c := range col {
		counts[c]++
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
			total += rowSilhouette(sums[r*K:r*K+K], col[L*m+r], counts, offs[L], offs[L+1])
		}
		out[L] = total / float64(m)
	}
	return out, nil
}

// gather returns the given rows of x (all when rows is nil) contiguously, and col with
// col[L·m + r] the sum column of gathered row r's cluster in labelling L: the clusters of
// labelling L are the columns offs[L] ≤ c < offs[L+1], for m rows.
func gather(x []float64, d int, labellings [][]int, ks []int, rows []int) (sub []float64, col, offs []int) {
	m := len(labellings[0])
	if rows != nil {
		m = len(rows)
		sub = make([]float64, m*d)
		for r, i := range rows {
			copy(sub[r*d:r*d+d], x[i*d:i*d+d])
		}
		x = sub
	}
	nl := len(labellings)
	offs = make([]int, nl+1)
	for L, k := range ks {
		offs[L+1] = offs[L] + k
	}
	col = make([]int, m*nl)
	for L, lab := range labellings {
		for r := range m {
			i := r
			if rows != nil {
				i = rows[r]
			}
			col[L*m+r] = offs[L] + lab[i]
		}
	}
	return x, col, offs
}

// rowSilhouette returns s_i for a row of cluster own given its distance sums s[c] to the rows
// of every cluster c and the cluster sizes counts, over the clusters lo ≤ c < hi of one
// labelling (own among them, and at least two of them non-empty): 0 in a singleton cluster
// or when a_i = b_i = 0.
func rowSilhouette(s []float64, own int, counts []int, lo, hi int) float64 {
	if counts[own] == 1 {
		return 0
	}
	a := s[own] / float64(counts[own]-1)
	b := math.Inf(1)
	for c := lo; c < hi; c++ {
		if c != own && counts[c] > 0 {
			b = min(b, s[c]/float64(counts[c]))
		}
	}
	if den := max(a, b); den > 0 {
		return (b - a) / den
	}
	return 0
}

// pairSums returns sums with sums[r·K + c] the sum of the distances from row r of the
// row-major x (d columns, len(col)/nl rows) to the other rows whose cluster column (see
// gather) is c in some labelling. Every pair's distance is computed once, in tiles of row
// pairs split among silhouetteShards buffers merged in a fixed order, so that the sums do
// not depend on the number of processors. It stops early with ctx's error when ctx is
// cancelled.
func pairSums(ctx context.Context, x []float64, d int, col []int, nl, K int) ([]float64, error) {
	m := len(col) / nl
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
			sc := newTileScratch(d, K)
			for s := range next {
				if ctx.Err() != nil {
					return
				}
				buf := make([]float64, m*K)
				for _, tl := range shardTiles[s] {
					pairTile(x, d, col, nl, K, buf, sc, tl.bi*silhouetteBlock, min(m, (tl.bi+1)*silhouetteBlock),
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
	return sums, nil
}

// tileScratch is a worker's scratch for pairTile.
type tileScratch struct {
	ct   *sqdist.Centres // the rows j of a full tile, transposed
	dist []float64       // the tile's distances, KP() per row i
	acc  []float64       // four lanes of K sums
}

func newTileScratch(d, K int) *tileScratch {
	ct := sqdist.NewCentres(silhouetteBlock, d)
	return &tileScratch{ct: ct, dist: make([]float64, silhouetteBlock*ct.KP()), acc: make([]float64, 4*K)}
}

// pairTile adds, for every pair i < j with i in [i0, i1) and j in [j0, j1), the distance
// ‖x_i − x_j‖ to row i's sum for j's cluster and to row j's sum for i's cluster, in every
// labelling.
//
// The distances of the whole tile come first from the kernel of sqdist (each squared
// distance summed over the coordinates in increasing order, as kmeans.SqDist4 sums them),
// then their square roots. For each row i, the rows j are taken four at a time from
// max(j0, i+1), and row i's sums gather in four lanes of sc.acc (one per j of the four) that
// are added to buf once per row i: consecutive additions to the same cluster's sum then do
// not wait on each other. The order of the additions depends only on the tile, never on the
// processors.
func pairTile(x []float64, d int, col []int, nl, K int, buf []float64, sc *tileScratch, i0, i1, j0, j1 int) {
	ct := sc.ct
	if j1-j0 != silhouetteBlock {
		ct = sqdist.NewCentres(j1-j0, d)
	}
	ct.Set(x[j0*d : j1*d])
	kp := ct.KP()
	dist := sc.dist[:(i1-i0)*kp]
	ct.Block(dist, x[i0*d:i1*d])
	for r := range i1 - i0 {
		row := dist[r*kp : r*kp+j1-j0]
		if i := i0 + r; i >= j0 {
			row = row[i+1-j0:] // the diagonal tile: only j > i
		}
		sqdist.Sqrt(row)
	}
	m := len(col) / nl
	acc := sc.acc[:4*K]
	a0, a1, a2, a3 := acc[:K], acc[K:2*K], acc[2*K:3*K], acc[3*K:]
	for i := i0; i < i1; i++ {
		js := max(j0, i+1)
		dr := dist[(i-i0)*kp+js-j0 : (i-i0)*kp+j1-j0]
		bj := buf[js*K : j1*K]
		clear(acc)
		for L := range nl {
			// Every sum column belongs to one labelling: taking the labellings one after
			// the other leaves the order of the additions to each sum as it was.
			cl := col[L*m+js : L*m+j1][:len(dr)]
			c := col[L*m+i]
			j := 0
			for ; j+4 <= len(dr); j += 4 {
				e, q := dr[j:j+4], cl[j:j+4]
				a0[q[0]] += e[0]
				a1[q[1]] += e[1]
				a2[q[2]] += e[2]
				a3[q[3]] += e[3]
				b := bj[j*K : j*K+4*K]
				b[c] += e[0]
				b[K+c] += e[1]
				b[2*K+c] += e[2]
				b[3*K+c] += e[3]
			}
			for ; j < len(dr); j++ {
				a0[cl[j]] += dr[j]
				bj[j*K+c] += dr[j]
			}
		}
		bi := buf[i*K : i*K+K]
		for c := range bi {
			bi[c] += (a0[c] + a1[c]) + (a2[c] + a3[c])
		}
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
