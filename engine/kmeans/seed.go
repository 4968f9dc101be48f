package kmeans

import (
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"
)

// restartRNG returns the generator of restart r: a ChaCha8 stream keyed by (seed, r), so that
// restarts are independent of each other and of scheduling.
func restartRNG(seed uint64, r int) *rand.Rand {
	var key [32]byte
	binary.LittleEndian.PutUint64(key[0:], seed)
	binary.LittleEndian.PutUint64(key[8:], uint64(r))
	return rand.New(rand.NewChaCha8(key))
}

// seed chooses initial centres for restart r with greedy k-means++ (scikit-learn's
// _kmeans_plusplus): the first centre is a uniformly drawn row; every further centre is the
// best of f.trials rows drawn with probability proportional to D² (the squared distance to
// the nearest centre chosen so far), "best" meaning the lowest resulting potential Σ D².
// It returns that potential, i.e. the inertia of the seeds, and leaves in f.labels and
// f.closest every row's nearest centre (lowest index on ties) and its squared distance.
//
// Each step is one parallel pass over the data, computing each row's distances to all
// candidates and to the centre chosen in the previous step at once with the SIMD kernel:
// that centre is folded into D² lazily, in the next pass (or when a draw lands in that
// chunk first), so the candidates' distances need not be kept.
func (f *fitter) seed(ctx context.Context, seed uint64, r int) (float64, error) {
	rng := restartRNG(seed, r)
	d, ch := f.d, f.ch
	copy(f.centres[:d], f.row(rng.IntN(f.n)))
	first := f.centres[:d]
	f.pending = 0 // folded by the pass below
	ch.each(func(c int) {
		lo, hi := ch.bounds(c)
		var pot float64
		for i := lo; i < hi; i++ {
			d2 := sqDist(f.x[i*d:(i+1)*d], first)
			f.closest[i] = d2
			f.labels[i] = 0
			pot += d2
		}
		f.chunkPot[c] = pot
		f.dirty[c] = false
	})
	var pot float64
	for _, p := range f.chunkPot {
		pot += p
	}
	if math.IsInf(pot, 0) {
		return 0, errOverflow
	}
	t := f.trials
	totals := make([]float64, t)
	for step := 1; step < f.k; step++ {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		if !(pot > 0) {
			return 0, fmt.Errorf("%w: the data have only %d distinct rows, but %d clusters were requested", ErrTooFewDistinct, step, f.k)
		}
		for j := range t {
			copy(f.cand[j*d:(j+1)*d], f.row(f.draw(rng.Float64()*pot)))
		}
		copy(f.cand[t*d:(t+1)*d], f.centres[f.pending*d:])
		f.candT.Set(f.cand)
		ch.each(f.scoreCandidates)
		clear(totals)
		for c := range ch.chunks {
			for j, v := range f.chunkAcc[c*t : (c+1)*t] {
				totals[j] += v
			}
		}
		best := 0
		for j := 1; j < t; j++ {
			if totals[j] < totals[best] {
				best = j
			}
		}
		pot = totals[best]
		copy(f.centres[step*d:(step+1)*d], f.cand[best*d:(best+1)*d])
		f.pending = step
		for c := range ch.chunks {
			f.chunkPot[c] = f.chunkAcc[c*t+best]
			f.dirty[c] = true
		}
	}
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	ch.each(func(c int) {
		if f.dirty[c] {
			f.foldPending(c)
		}
	})
	return pot, nil
}

// scoreCandidates folds the pending centre (the last row of f.cand) into D² for the rows of
// chunk c, then adds, for every candidate j, Σ min(D², ‖x − candidate j‖²) over them to the
// chunk's accumulators.
func (f *fitter) scoreCandidates(c int) {
	d, t, kp := f.d, f.trials, f.candT.KP()
	lo, hi := f.ch.bounds(c)
	acc := f.chunkAcc[c*t : (c+1)*t]
	clear(acc)
	p := int32(f.pending)
	dist := f.chunkDist[c*batchRows*f.distWidth:][:batchRows*kp]
	for b0 := lo; b0 < hi; b0 += batchRows {
		b1 := min(b0+batchRows, hi)
		f.candT.Block(dist, f.x[b0*d:b1*d])
		for i := b0; i < b1; i++ {
			di := dist[(i-b0)*kp:][:t+1]
			// The fold: a no-op where it was done already (the distance is the same bits).
			cl, lab := f.closest[i], f.labels[i]
			if di[t] < cl {
				lab = p
			}
			cl = min(cl, di[t])
			f.closest[i], f.labels[i] = cl, lab
			for j, dj := range di[:t] {
				acc[j] += min(dj, cl)
			}
		}
	}
	f.dirty[c] = false
}

// foldPending brings D² and the nearest-centre labels of chunk c up to date with the pending
// centre. A tie keeps the older, lower-numbered centre.
func (f *fitter) foldPending(c int) {
	d := f.d
	lo, hi := f.ch.bounds(c)
	p := f.centres[f.pending*d : (f.pending+1)*d]
	for i := lo; i < hi; i++ {
		if dp := sqDist(f.x[i*d:(i+1)*d], p); dp < f.closest[i] {
			f.closest[i] = dp
			f.labels[i] = int32(f.pending)
		}
	}
	f.dirty[c] = false
}

// draw returns the first row at which the running sum of D² (in row order) exceeds r, for
// 0 ≤ r < Σ D². The chosen row always has D² > 0; if rounding lets r reach the total, the
// last row with D² > 0 is returned.
func (f *fitter) draw(r float64) int {
	var prefix float64
	last := -1 // last chunk with a positive potential
	for c, p := range f.chunkPot {
		if p > 0 {
			last = c
		}
		if prefix+p > r {
			return f.drawIn(c, r, prefix)
		}
		prefix += p
	}
	return f.drawIn(last, math.Inf(1), 0)
}

// drawIn returns the first row of chunk c at which prefix plus the running sum of D² exceeds
// r, or the chunk's last row with D² > 0.
func (f *fitter) drawIn(c int, r, prefix float64) int {
	if f.dirty[c] {
		f.foldPending(c)
	}
	lo, hi := f.ch.bounds(c)
	last := lo
	acc := prefix
	for i := lo; i < hi; i++ {
		w := f.closest[i]
		if w > 0 {
			last = i
		}
		acc += w
		if acc > r {
			return i
		}
	}
	return last
}
