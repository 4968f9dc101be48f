package kmeans

import (
	"cmp"
	"context"
	"math"
	"slices"

	"github.com/seglab/seglab/engine/internal/sqdist"
)

var inf = math.Inf(1)

// Hamerly's bounds are kept conservative against rounding: a point keeps its label without a
// full scan only if upper·(1+slack) < max(half, lower), and every bound is nudged outwards by
// one unit in the last place whenever it is updated. With that margin a skipped point is one
// for which a full scan would certainly return the same label, so the bounds change the work
// done but never the result.
const (
	slack  = 1e-10
	grow   = 1 + 0x1p-52
	shrink = 1 - 0x1p-52
)

// runResult summarises one restart.
type runResult struct {
	inertia    float64
	iterations int
	converged  bool
}

// lloyd runs Lloyd iterations from f.centres, whose nearest centres and squared distances
// f.labels and f.closest must hold (as seed leaves them), until the labels stop changing,
// the total squared centre shift is ≤ tol, or maxIter iterations; then it runs a final
// assignment step (as scikit-learn does), leaving labels, centres and the inertia of the
// pair in f. onIter is called after every iteration with the iteration count, the number of
// points that changed cluster and an upper bound on the inertia.
//
// The cluster sums behind the centres are updated incrementally as points move; they differ
// from sums recomputed from scratch only by rounding, about one unit in the last place of a
// chunk's sum per move.
func (f *fitter) lloyd(ctx context.Context, maxIter int, tol float64, onIter func(it, moved int, bound float64)) (runResult, error) {
	var run runResult
	for it := range maxIter {
		if err := ctx.Err(); err != nil {
			return run, err
		}
		var moved int
		var bound float64
		if it == 0 {
			bound = f.assignFromSeeds()
			moved = f.n
		} else {
			moved, bound = f.assignHamerly()
		}
		moved += f.relocateEmpty()
		f.mergeSums()
		shiftTot := f.moveCentres()
		run.iterations = it + 1
		onIter(run.iterations, moved, bound)
		if it > 0 && moved == 0 || shiftTot <= tol {
			run.converged = true
			break
		}
	}
	if err := ctx.Err(); err != nil {
		return run, err
	}
	run.inertia = f.assignFinal()
	return run, nil
}

// assignFromSeeds takes the labels and squared distances that seeding left (every row's
// nearest centre) as the first assignment: it initialises the upper bounds, sets the lower
// bounds to 0 (unknown), rebuilds the per-chunk sums and returns the inertia.
func (f *fitter) assignFromSeeds() float64 {
	d, k := f.d, f.k
	f.ch.each(func(c int) {
		lo, hi := f.ch.bounds(c)
		sums := f.chunkSums[c*k*d : (c+1)*k*d]
		counts := f.chunkCounts[c*k : (c+1)*k]
		clear(sums)
		clear(counts)
		var inertia float64
		for i := lo; i < hi; i++ {
			a := int(f.labels[i])
			f.upper[i] = math.Sqrt(f.closest[i])
			f.lower[i] = 0
			inertia += f.closest[i]
			counts[a]++
			s := sums[a*d : (a+1)*d]
			for t, v := range f.x[i*d : (i+1)*d] {
				s[t] += v
			}
		}
		f.chunkAcc[c] = inertia
	})
	return f.sumChunkAcc()
}

// assignHamerly is one assignment step with Hamerly's bounds: a point is rescanned only if
// its bounds cannot prove that its label stays. Changed labels update the per-chunk sums.
// It returns the number of changed labels and Σ upper², an upper bound on the inertia, taken
// with the bounds before any point is measured.
//
// Each chunk is processed in two passes. The first loosens every row's bounds by the centre
// shifts and lists the rows they cannot settle, without a data-dependent branch (the list
// grows by 0 or 1). The second takes those rows batchRows at a time, computes their
// distances to every centre with the SIMD kernel and their nearest and runner-up centres,
// and sets exact bounds. (Testing the own centre's distance first, as Hamerly does, saves
// nothing when all k distances cost what one does: each costs a fetch of the row.)
func (f *fitter) assignHamerly() (moved int, bound float64) {
	d, k := f.d, f.k
	f.ch.each(func(c int) {
		lo, hi := f.ch.bounds(c)
		sums := f.chunkSums[c*k*d : (c+1)*k*d]
		counts := f.chunkCounts[c*k : (c+1)*k]
		todo := f.todo[lo:hi]
		labels, upper, lower := f.labels[lo:hi], f.upper[lo:hi], f.lower[lo:hi]
		var ub float64
		nt := 0
		for r, a := range labels {
			u := (upper[r] + f.shift[a]) * grow
			l := (lower[r] - f.otherShift[a]) * shrink
			upper[r], lower[r] = u, l
			ub += float64(u * u)
			todo[nt] = int32(r)
			// Rescan unless u·(1+slack) < max(half, l); two comparisons, as Go's max
			// would also handle NaN (bounds are never NaN) and cost more than the test.
			us := u * (1 + slack)
			nt += b2i(us >= f.half[a]) & b2i(us >= l)
		}
		// Start fetching all those rows now: their fetches overlap, and the kernel finds
		// them in the cache.
		sqdist.Prefetch(f.x[lo*d:hi*d], d, todo[:nt])
		var mv int
		kp := f.ct.KP()
		dist := f.chunkDist[c*batchRows*f.distWidth:][:batchRows*kp]
		best := f.chunkBest[c*batchRows : (c+1)*batchRows]
		near := f.chunkNear[c*2*batchRows : (c*2+1)*batchRows]
		second := f.chunkNear[(c*2+1)*batchRows : (c+1)*2*batchRows]
		xc := f.x[lo*d : hi*d]
		for b0 := 0; b0 < nt; b0 += batchRows {
			rows := todo[b0:min(b0+batchRows, nt)]
			nb := len(rows)
			f.ct.Rows(dist, xc, rows)
			f.ct.Nearest(best[:nb], near[:nb], second[:nb], dist)
			for m, r := range rows {
				upper[r], lower[r] = math.Sqrt(near[m]), math.Sqrt(second[m])
				a, b := int(labels[r]), int(best[m])
				if b != a {
					labels[r] = int32(b)
					mv++
					counts[a]--
					counts[b]++
					sa, sb := sums[a*d:(a+1)*d], sums[b*d:(b+1)*d]
					for t, v := range xc[int(r)*d : (int(r)+1)*d] {
						sa[t] -= v
						sb[t] += v
					}
				}
			}
		}
		f.chunkMoved[c] = mv
		f.chunkAcc[c] = ub
	})
	for _, mv := range f.chunkMoved {
		moved += mv
	}
	return moved, f.sumChunkAcc()
}

// b2i returns 1 for true and 0 for false, without a branch.
func b2i(b bool) int {
	var i int
	if b {
		i = 1
	}
	return i
}

// assignFinal labels every point with its nearest centre (ties to the lowest index) and
// returns the inertia Σᵢ ‖xᵢ − c(labelᵢ)‖². The per-chunk sums are not maintained.
//
// Every row's distances are computed: the inertia needs the own-centre distance of every
// row anyway, and the SIMD kernel gives all k of them for little more.
func (f *fitter) assignFinal() float64 {
	d := f.d
	f.ch.each(func(c int) {
		lo, hi := f.ch.bounds(c)
		kp := f.ct.KP()
		s := nearestScratch{
			dist:   f.chunkDist[c*batchRows*f.distWidth:][:batchRows*kp],
			near:   f.chunkNear[c*2*batchRows:][:batchRows],
			second: f.chunkNear[(c*2+1)*batchRows:][:batchRows],
		}
		f.chunkAcc[c] = nearestRows(f.ct, f.x[lo*d:hi*d], f.labels[lo:hi], s)
	})
	return f.sumChunkAcc()
}

// sumChunkAcc returns Σ over chunks, in chunk order, of the first per-chunk accumulator.
func (f *fitter) sumChunkAcc() float64 {
	var s float64
	for c := range f.ch.chunks {
		s += f.chunkAcc[c]
	}
	return s
}

// mergeSums adds the per-chunk sums and counts in chunk order into f.sums and f.counts.
func (f *fitter) mergeSums() {
	kd := f.k * f.d
	clear(f.sums)
	clear(f.counts)
	for c := range f.ch.chunks {
		for j, v := range f.chunkSums[c*kd : (c+1)*kd] {
			f.sums[j] += v
		}
		for j, v := range f.chunkCounts[c*f.k : (c+1)*f.k] {
			f.counts[j] += v
		}
	}
}

// moveCentres sets every non-empty cluster's centre to the mean of its rows (an empty one
// keeps its centre), updates the shifts and half-distances the bounds need, and returns the
// total squared shift Σⱼ ‖cⱼ′ − cⱼ‖².
func (f *fitter) moveCentres() (shiftTot float64) {
	d, k := f.d, f.k
	copy(f.prev, f.centres)
	first, second := 0.0, 0.0 // the two largest shifts
	for j := range k {
		c := f.centres[j*d : (j+1)*d]
		if cnt := f.counts[j]; cnt > 0 {
			for t, s := range f.sums[j*d : (j+1)*d] {
				c[t] = s / float64(cnt)
			}
		}
		sh := sqDist(f.prev[j*d:(j+1)*d], c)
		shiftTot += sh
		f.shift[j] = math.Sqrt(sh) * (1 + slack)
		if f.shift[j] > first {
			first, second = f.shift[j], first
		} else if f.shift[j] > second {
			second = f.shift[j]
		}
	}
	for j := range k {
		f.otherShift[j] = first
		if f.shift[j] == first {
			f.otherShift[j] = second
		}
		f.half[j] = inf
		for o := range k {
			if o != j {
				h := 0.5 * math.Sqrt(sqDist(f.centres[j*d:(j+1)*d], f.centres[o*d:(o+1)*d])) * (1 - slack)
				f.half[j] = min(f.half[j], h)
			}
		}
	}
	f.ct.Set(f.centres)
	return shiftTot
}

// relocateEmpty gives every empty cluster, in increasing id order, one of the points
// farthest from their current centre (farthest first, ties to the lowest row), as
// scikit-learn does; the point moves out of its old cluster's sums into the empty one.
// It returns the number of points moved.
func (f *fitter) relocateEmpty() int {
	k := f.k
	clear(f.counts)
	for c := range f.ch.chunks {
		for j, v := range f.chunkCounts[c*k : (c+1)*k] {
			f.counts[j] += v
		}
	}
	var empty []int
	for j, cnt := range f.counts {
		if cnt == 0 {
			empty = append(empty, j)
		}
	}
	if len(empty) == 0 {
		return 0
	}
	d, m := f.d, len(empty)
	type far struct {
		d2  float64
		row int
	}
	farther := func(a, b far) int {
		if c := cmp.Compare(b.d2, a.d2); c != 0 {
			return c
		}
		return cmp.Compare(a.row, b.row)
	}
	perChunk := make([][]far, f.ch.chunks)
	f.ch.each(func(c int) {
		lo, hi := f.ch.bounds(c)
		top := make([]far, 0, m+1)
		for i := lo; i < hi; i++ {
			a := int(f.labels[i])
			p := far{sqDist(f.x[i*d:(i+1)*d], f.centres[a*d:(a+1)*d]), i}
			if len(top) == m && farther(p, top[m-1]) >= 0 {
				continue
			}
			at, _ := slices.BinarySearchFunc(top, p, farther)
			top = slices.Insert(top, at, p)[:min(len(top)+1, m)]
		}
		perChunk[c] = top
	})
	all := slices.Concat(perChunk...)
	slices.SortFunc(all, farther)
	for idx, j := range empty {
		i := all[idx].row
		a := int(f.labels[i])
		c := i / chunkRows
		sa := f.chunkSums[(c*k+a)*d : (c*k+a+1)*d]
		sj := f.chunkSums[(c*k+j)*d : (c*k+j+1)*d]
		for t, v := range f.x[i*d : (i+1)*d] {
			sa[t] -= v
			sj[t] += v
		}
		f.chunkCounts[c*k+a]--
		f.chunkCounts[c*k+j]++
		f.labels[i] = int32(j)
		f.upper[i], f.lower[i] = inf, 0 // no knowledge: rescan next time
	}
	return m
}
