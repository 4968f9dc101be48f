// Package sweep fits k-means for a range of k and measures each fit, so that the analyst can
// choose the number of segments: silhouette, Calinski–Harabasz, Davies–Bouldin, segment
// sizes and shares, and stability under resampling, with a recommended k and the rule that
// picked it.
//
// # Stability
//
// For each k, B refits (Options.Bootstraps) are made, refit b on a bootstrap sample (drawn
// with replacement) of min(n, Options.BootstrapRows) rows, with Options.BootstrapNInit
// restarts. Every refit assigns the same evaluation rows — a seeded uniform sample without
// replacement of min(n, Options.EvalRows) rows — to its nearest centroid, and the stability
// of k is the mean adjusted Rand index over the B(B−1)/2 pairs of refits. 1 means every refit
// partitions the evaluation rows alike; values near 0 mean the segments are an accident of
// the sample. Bootstrap sample b is the same for every k.
//
// # Determinism
//
// The result depends only on the data and the options, not on the number of processors or
// on how many k are fitted at once: every fit is deterministic (see package kmeans) and has
// its own seed.
package sweep

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/seglab/seglab/engine/kmeans"
	"github.com/seglab/seglab/engine/metrics"
)

// Defaults used when the corresponding Options field is zero.
const (
	DefaultKMin           = 2
	DefaultKMax           = 7 // the domain's rule of thumb: no more than 7 segments
	DefaultBootstraps     = 5
	DefaultBootstrapRows  = 50000
	DefaultBootstrapNInit = 2
	DefaultEvalRows       = 50000
	DefaultMinShare       = 0.05
	DefaultMaxShare       = 0.50
)

// Options configures Run. Zero values select the defaults.
type Options struct {
	KMin, KMax int // the range of k, inclusive (0 = 2 and 7)
	// NInit, MaxIter, Tol and Seed are passed to every main fit (see kmeans.Options).
	NInit   int
	MaxIter int
	Tol     float64
	Seed    uint64
	// Silhouette says when the silhouette is exact and how it is sampled otherwise.
	Silhouette metrics.SilhouetteOptions
	// Bootstraps is the number B of refits for stability (0 = 5; negative = no stability).
	Bootstraps int
	// BootstrapRows caps the rows of each bootstrap sample (0 = 50,000).
	BootstrapRows int
	// BootstrapNInit is the number of restarts of each refit (0 = 2).
	BootstrapNInit int
	// EvalRows caps the evaluation rows that every refit assigns (0 = 50,000).
	EvalRows int
	// MinShare and MaxShare bound the segment shares of a k that qualifies for the
	// recommendation (0 = 5 % and 50 %).
	MinShare, MaxShare float64
	// Progress, if not nil, receives progress reports. Calls never overlap, but they come
	// from the goroutines doing the work.
	Progress func(Progress)
}

// Stage names what a Progress report is about.
type Stage string

// Stages of a sweep.
const (
	StageFit        Stage = "fit"        // a main fit of K
	StageBootstrap  Stage = "bootstrap"  // refit Bootstrap of K for stability
	StageSilhouette Stage = "silhouette" // the silhouettes of all k
	StageDone       Stage = "done"       // the sweep has finished
)

// Progress reports on a running sweep.
type Progress struct {
	Stage     Stage
	K         int // the k being fitted; 0 for the silhouette and done stages
	Bootstrap int // 0-based refit index in the bootstrap stage
	// Restart, Restarts and Iteration are those of the fit's kmeans.Progress.
	Restart, Restarts, Iteration int
	FitsDone, FitsTotal          int // fits (main and refits) finished and planned
}

// KResult holds the fit of one k and its measures.
type KResult struct {
	K       int
	Fit     *kmeans.Result
	FitTime time.Duration   // wall time of the main fit alone (all restarts), without metrics
	Quality metrics.Quality // sizes, shares, inertia, Calinski–Harabasz, Davies–Bouldin
	// Silhouette is the mean silhouette on the rows of Result.SilhouetteRows.
	Silhouette float64
	// Stability is the mean pairwise adjusted Rand index of the refits (NaN without refits),
	// and RefitARIs the individual pairs in order (0,1), (0,2), …, (1,2), ….
	Stability float64
	RefitARIs []float64
	// Qualifies says whether every share lies within [MinShare, MaxShare].
	Qualifies bool
}

// Result is a whole sweep.
type Result struct {
	Ks []KResult // in increasing k
	// SilhouetteExact says whether the silhouette used every row; otherwise
	// SilhouetteRows rows of a stratified sample were used.
	SilhouetteExact bool
	SilhouetteRows  int
	EvalRows        int    // rows each refit assigned for stability
	Recommended     int    // the recommended k
	Votes           []Vote // each quality index's choice of k (see recommend)
	Structure       Structure
	Rule            string // how Recommended was chosen, and what its silhouette means, in words
}

func (o Options) withDefaults(n int) (Options, error) {
	if o.KMin == 0 {
		o.KMin = DefaultKMin
	}
	if o.KMax == 0 {
		o.KMax = DefaultKMax
	}
	if o.Bootstraps == 0 {
		o.Bootstraps = DefaultBootstraps
	}
	if o.BootstrapRows == 0 {
		o.BootstrapRows = DefaultBootstrapRows
	}
	if o.BootstrapNInit == 0 {
		o.BootstrapNInit = DefaultBootstrapNInit
	}
	if o.EvalRows == 0 {
		o.EvalRows = DefaultEvalRows
	}
	if o.MinShare == 0 {
		o.MinShare = DefaultMinShare
	}
	if o.MaxShare == 0 {
		o.MaxShare = DefaultMaxShare
	}
	switch {
	case o.KMin < 2 || o.KMax < o.KMin:
		return o, fmt.Errorf("sweep: k range %d..%d must have 2 ≤ from ≤ to", o.KMin, o.KMax)
	case o.KMax > n:
		return o, fmt.Errorf("sweep: k up to %d needs at least %d rows, there are %d", o.KMax, o.KMax, n)
	case o.BootstrapRows < 0 || o.EvalRows < 0:
		return o, fmt.Errorf("sweep: bootstrap and evaluation rows must not be negative")
	case !(o.MinShare >= 0 && o.MinShare < o.MaxShare && o.MaxShare <= 1):
		return o, fmt.Errorf("sweep: shares %v..%v must satisfy 0 ≤ min < max ≤ 1", o.MinShare, o.MaxShare)
	}
	if o.Bootstraps == 1 {
		return o, fmt.Errorf("sweep: stability needs at least 2 bootstrap refits (or a negative number for none)")
	}
	return o, nil
}

// seedFor derives an independent seed for refit b from the sweep's seed.
func seedFor(seed uint64, b int) uint64 {
	return seed ^ (uint64(b+1) * 0x9e3779b97f4a7c15)
}

// Run fits k-means to the n×d row-major matrix x for every k in opt.KMin..opt.KMax and
// measures each fit (see KResult and the package documentation). Main fits run one after
// the other, each on all processors; the small refits run side by side, one processor each.
// A cancelled ctx stops the sweep and returns ctx.Err(). Errors of k-means (bad shape,
// non-finite values, fewer distinct rows than k) are returned naming k.
func Run(ctx context.Context, x []float64, n, d int, opt Options) (*Result, error) {
	opt, err := opt.withDefaults(n)
	if err != nil {
		return nil, err
	}
	ks := make([]int, 0, opt.KMax-opt.KMin+1)
	for k := opt.KMin; k <= opt.KMax; k++ {
		ks = append(ks, k)
	}
	refits := max(opt.Bootstraps, 0)
	prog := &progress{fn: opt.Progress, total: len(ks) * (1 + refits)}

	res := &Result{Ks: make([]KResult, len(ks))}
	labels := make([][]int, len(ks))
	for t, k := range ks {
		fitStart := time.Now()
		fit, err := kmeans.Fit(ctx, x, n, d, kmeans.Options{
			K: k, NInit: opt.NInit, MaxIter: opt.MaxIter, Tol: opt.Tol, Seed: opt.Seed,
			Progress: func(p kmeans.Progress) {
				prog.report(Progress{Stage: StageFit, K: k, Restart: p.Restart, Restarts: p.Restarts, Iteration: p.Iteration}, false)
			},
		})
		if err != nil {
			return nil, fitErr(ctx, k, err)
		}
		fitTime := time.Since(fitStart)
		prog.report(Progress{Stage: StageFit, K: k}, true)
		labels[t] = toInt(fit.Labels)
		q := metrics.Evaluate(x, d, labels[t], k)
		res.Ks[t] = KResult{K: k, Fit: fit, FitTime: fitTime, Quality: q,
			Qualifies: q.SmallestShare >= opt.MinShare && q.LargestShare <= opt.MaxShare}
	}

	if refits > 0 {
		if err := stability(ctx, x, n, d, ks, opt, prog, res); err != nil {
			return nil, err
		}
	} else {
		for t := range res.Ks {
			res.Ks[t].Stability = math.NaN()
		}
	}

	prog.report(Progress{Stage: StageSilhouette}, true)
	sil, err := metrics.Silhouettes(ctx, x, d, labels, ks, opt.Silhouette)
	if err != nil {
		return nil, err
	}
	res.SilhouetteExact, res.SilhouetteRows = sil.Exact, len(sil.Rows)
	for t := range res.Ks {
		res.Ks[t].Silhouette = sil.Values[t]
	}
	res.Recommended, res.Votes, res.Rule = recommend(res.Ks, opt.MinShare, opt.MaxShare)
	for _, r := range res.Ks {
		if r.K == res.Recommended {
			res.Structure = GradeStructure(r.Silhouette)
		}
	}
	prog.report(Progress{Stage: StageDone}, true)
	return res, nil
}

func fitErr(ctx context.Context, k int, err error) error {
	if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
		return err
	}
	return fmt.Errorf("sweep: k = %d: %w", k, err)
}

func toInt(l []int32) []int {
	out := make([]int, len(l))
	for i, v := range l {
		out[i] = int(v)
	}
	return out
}

// stability runs the refits of every k side by side and fills in Stability and RefitARIs.
func stability(ctx context.Context, x []float64, n, d int, ks []int, opt Options, prog *progress, res *Result) error {
	B := opt.Bootstraps
	m := min(n, opt.BootstrapRows)
	samples := make([][]float64, B)
	for b := range B {
		rng := rand.New(rand.NewPCG(seedFor(opt.Seed, b), 0xb007))
		s := make([]float64, m*d)
		for r := range m {
			i := rng.IntN(n)
			copy(s[r*d:r*d+d], x[i*d:i*d+d])
		}
		samples[b] = s
	}
	evalRows := uniformRows(n, opt.EvalRows, opt.Seed^0xe7a1e7a1e7a1e7a1)
	res.EvalRows = len(evalRows)
	ev := make([]float64, len(evalRows)*d)
	for r, i := range evalRows {
		copy(ev[r*d:r*d+d], x[i*d:i*d+d])
	}

	type task struct{ t, b int }
	tasks := make(chan task, len(ks)*B)
	for t := range ks {
		for b := range B {
			tasks <- task{t, b}
		}
	}
	close(tasks)
	assigned := make([][][]int, len(ks))
	for t := range assigned {
		assigned[t] = make([][]int, B)
	}
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for tk := range tasks {
				if cctx.Err() != nil {
					return
				}
				k := ks[tk.t]
				fit, err := kmeans.Fit(cctx, samples[tk.b], m, d, kmeans.Options{
					K: k, NInit: opt.BootstrapNInit, MaxIter: opt.MaxIter, Tol: opt.Tol,
					Seed: seedFor(opt.Seed, tk.b), Workers: 1,
					Progress: func(p kmeans.Progress) {
						prog.report(Progress{Stage: StageBootstrap, K: k, Bootstrap: tk.b, Restart: p.Restart, Restarts: p.Restarts, Iteration: p.Iteration}, false)
					},
				})
				var lab []int32
				if err == nil {
					lab, err = kmeans.Assign(ev, len(evalRows), d, fit.Centroids, k, nil)
				}
				if err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = fmt.Errorf("sweep: refit %d of k = %d: %w", tk.b+1, k, err)
					}
					mu.Unlock()
					cancel()
					return
				}
				assigned[tk.t][tk.b] = toInt(lab)
				prog.report(Progress{Stage: StageBootstrap, K: k, Bootstrap: tk.b}, true)
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	if firstErr != nil {
		return firstErr
	}
	for t := range ks {
		var sum float64
		var aris []float64
		for a := range B {
			for b := a + 1; b < B; b++ {
				v := metrics.AdjustedRand(assigned[t][a], assigned[t][b])
				aris = append(aris, v)
				sum += v
			}
		}
		res.Ks[t].Stability, res.Ks[t].RefitARIs = sum/float64(len(aris)), aris
	}
	return nil
}

// uniformRows draws min(n, size) distinct rows uniformly with a generator seeded by seed and
// returns them ascending (all rows when size ≥ n).
func uniformRows(n, size int, seed uint64) []int {
	all := make([]int, n)
	for i := range all {
		all[i] = i
	}
	if size >= n {
		return all
	}
	rng := rand.New(rand.NewPCG(seed, 0xe7a1))
	for r := range size {
		j := r + rng.IntN(n-r)
		all[r], all[j] = all[j], all[r]
	}
	out := all[:size]
	slices.Sort(out)
	return out
}

func pct(v float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", v*100), "0"), ".") + " %"
}

// progress serialises reports to the callback and counts finished fits.
type progress struct {
	fn    func(Progress)
	mu    sync.Mutex
	done  int
	total int
}

// report forwards p; a finishing report counts one more finished fit.
func (pr *progress) report(p Progress, finished bool) {
	if pr.fn == nil {
		return
	}
	pr.mu.Lock()
	defer pr.mu.Unlock()
	if finished && (p.Stage == StageFit || p.Stage == StageBootstrap) {
		pr.done++
	}
	p.FitsDone, p.FitsTotal = pr.done, pr.total
	pr.fn(p)
}
