// Package sweep fits k-means for a range of k and measures each fit, so that the analyst can
// choose the number of segments: silhouette, Calinski–Harabasz, Davies–Bouldin, segment
// sizes and shares, and stability under resampling, with a recommended k and the rule that
// picked it.
//
// # Sample, then everyone
//
// With Options.SampleRows set, a table larger than that is swept on a stratified sample of
// SampleRows rows (Result.SampleRows says how many): the strata are the regions of the data
// space nearest to each of 16 reference points (a k-means fit on a uniform pre-sample), so
// that a small, outlying group of customers keeps its share. Every measure of the sweep,
// stability included, is then taken on that sample. FitChosen fits the chosen k on every row.
//
// # Streaming
//
// Each k is fitted and measured completely — fit, measures, silhouette, stability — before
// the next one starts, and Options.OnK receives it twice: as soon as its fit and the
// measures of its labels are done (KResult.Pending, the silhouette and stability still to
// come), and when it is done, so that a caller can show the first k while the others are
// still running (and cancel them through ctx).
//
// # Stability
//
// For each k, B refits (Options.Bootstraps) are made, refit b on a bootstrap sample (drawn
// with replacement from the swept rows) of min(m, Options.BootstrapRows) rows, with Options.BootstrapNInit
// restarts. Every refit assigns the same evaluation rows — a seeded uniform sample without
// replacement of min(m, Options.EvalRows) of the m swept rows — to its nearest centroid, and the stability
// of k is the mean adjusted Rand index over the B(B−1)/2 pairs of refits. 1 means every refit
// partitions the evaluation rows alike; values near 0 mean the segments are an accident of
// the sample. Bootstrap sample b is the same for every k.
//
// # The statistical budget on a sample
//
// The silhouette rows (metrics.DefaultSampleSize, 10,000) and the main fits' restarts
// (NInit, 10 in both front ends) are kept at those sizes on purpose. Measured on the
// 100,000-row sample of 1,000,000 realistic customers (engine/benchdata) and of the 281,823
// fitted customers of the worked case (13 default dimensions): the silhouette's standard
// deviation over 8 draws of its rows is 0.0011–0.0023 at 10,000 rows and up to 0.0039 at
// 5,000, while the two best k of the 1M customers differ by 0.0025 (0.1360 and 0.1385);
// and restarts end in different local optima — on the worked case only 4 of 10 restarts of
// k = 3 reach inertia 848,660 (the others 859,777, 1.3 % worse), on the 1M customers only
// the last 4 of k = 6 reach 549,534 (the others 0.6–1.4 % worse) — so fewer rows or
// restarts would change the measures the recommendation votes on.
//
// # Determinism
//
// The result depends only on the data and the options, not on the number of processors or
// on how many k are fitted at once: every fit is deterministic (see package kmeans) and has
// its own seed.
package sweep

import (
	"cmp"
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
	// SampleRows, if positive and smaller than the number of rows, makes the sweep run on a
	// stratified sample of that many rows (see the package documentation); 0 sweeps every
	// row. DefaultSampleRows suits a live workshop.
	SampleRows int
	// Progress, if not nil, receives progress reports. Calls never overlap, but they come
	// from the goroutines doing the work.
	Progress func(Progress)
	// OnK, if not nil, receives every k twice, in increasing k: first with Pending set as
	// soon as its main fit and the measures of its labels are done, then whole. It is
	// called from the goroutine running Run; the sweep waits while it runs.
	OnK func(KResult)
}

// DefaultSampleRows is the sample size suggested for interactive sweeps: on 1,000,000 rows ×
// 9 a full sweep with every measure then takes a few seconds on two cores, and the measures
// of k = 2..7 differ from those on every row by much less than they differ between k.
const DefaultSampleRows = 100000

// strataCells is the number of regions of the data space that stratify the samples.
const strataCells = 16

// Stage names what a Progress report is about.
type Stage string

// Stages of a sweep.
const (
	StageFit        Stage = "fit"        // a main fit of K
	StageBootstrap  Stage = "bootstrap"  // refit Bootstrap of K for stability
	StageSample     Stage = "sample"     // drawing the stratified sample
	StageSilhouette Stage = "silhouette" // the silhouette of K
	StageDone       Stage = "done"       // the sweep has finished
)

// Progress reports on a running sweep.
type Progress struct {
	Stage     Stage
	K         int // the k being fitted or measured; 0 for the sample and done stages
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
	// Silhouette is the mean silhouette on Result.SilhouetteRows rows (the same rows for
	// every k of a sweep).
	Silhouette float64
	// Stability is the mean pairwise adjusted Rand index of the refits (NaN without refits),
	// and RefitARIs the individual pairs in order (0,1), (0,2), …, (1,2), ….
	Stability float64
	RefitARIs []float64
	// Qualifies says whether every share lies within [MinShare, MaxShare].
	Qualifies bool
	// Pending is set in the first of OnK's two calls for a k: the fit, Quality and
	// Qualifies are final, Silhouette and Stability are NaN until the second call.
	Pending bool
}

// Result is a whole sweep.
type Result struct {
	Ks []KResult // in increasing k
	// Rows is the number of rows of the table; SampleRows the number swept (Rows when the
	// sweep ran on every row). Fits, measures and labels are those of the swept rows.
	Rows, SampleRows int
	// Sample lists the swept rows of the table, ascending; nil when every row was swept.
	Sample []int
	// SilhouetteExact says whether the silhouette used every swept row; otherwise
	// SilhouetteRows rows of a stratified sample of them were used.
	SilhouetteExact bool
	SilhouetteRows  int
	EvalRows        int // rows each refit assigned for stability
	// MinShare and MaxShare are the share bounds the recommendation applied.
	MinShare, MaxShare float64
	Recommended        int    // the recommended k
	Votes              []Vote // each quality index's choice of k (see recommend)
	Structure          Structure
	Rule               string // how Recommended was chosen, and what its silhouette means, in words
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
	case o.BootstrapRows < 0 || o.EvalRows < 0 || o.SampleRows < 0:
		return o, fmt.Errorf("sweep: sample, bootstrap and evaluation rows must not be negative")
	case o.SampleRows > 0 && o.SampleRows < o.KMax:
		return o, fmt.Errorf("sweep: a sample of %d rows cannot hold %d clusters", o.SampleRows, o.KMax)
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

// Run fits k-means to the n×d row-major matrix x — or to a stratified sample of
// opt.SampleRows of its rows — for every k in opt.KMin..opt.KMax and measures each fit (see
// KResult and the package documentation). Each k is finished, and passed to opt.OnK, before
// the next starts; its main fit runs on all processors, its refits side by side, one
// processor each. A cancelled ctx stops the sweep and returns ctx.Err(). Errors of k-means
// (bad shape, non-finite values, fewer distinct rows than k) are returned naming k.
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
	sw, err := newSweeper(ctx, x, n, d, opt, prog)
	if err != nil {
		return nil, err
	}
	res := &Result{Ks: make([]KResult, 0, len(ks)), Rows: n, SampleRows: sw.m, Sample: sw.sample, MinShare: opt.MinShare, MaxShare: opt.MaxShare,
		SilhouetteExact: sw.silCount == sw.m, SilhouetteRows: sw.silCount, EvalRows: len(sw.evalRows)}
	for _, k := range ks {
		var fitted func(KResult)
		if opt.OnK != nil {
			fitted = func(kr KResult) {
				kr.Pending = true
				opt.OnK(kr)
			}
		}
		kr, err := sw.measure(ctx, k, fitted)
		if err != nil {
			return nil, err
		}
		res.Ks = append(res.Ks, kr)
		if opt.OnK != nil {
			opt.OnK(kr)
		}
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

// FitChosen fits k clusters to every one of the n rows of x with opt's NInit, MaxIter, Tol
// and Seed — the same fit as Run's for k when Run sweeps every row — and measures it on
// every row: the step after a sweep on a sample. The silhouette is sampled as
// opt.Silhouette says; Stability is NaN (the sweep's stability speaks for k). opt.SampleRows
// and the bootstrap options are ignored.
func FitChosen(ctx context.Context, x []float64, n, d, k int, opt Options) (KResult, error) {
	opt.KMin, opt.KMax, opt.SampleRows, opt.Bootstraps = k, k, 0, -1
	opt, err := opt.withDefaults(n)
	if err != nil {
		return KResult{}, err
	}
	prog := &progress{fn: opt.Progress, total: 1}
	sw, err := newSweeper(ctx, x, n, d, opt, prog)
	if err != nil {
		return KResult{}, err
	}
	return sw.measure(ctx, k, nil)
}

// sweeper holds the rows a sweep runs on and everything its k share: the silhouette rows
// and the evaluation rows of the stability refits (opt.Bootstraps of them; none when not
// positive).
type sweeper struct {
	opt      Options
	prog     *progress
	x        []float64 // m×d, the swept rows (x itself when every row is swept)
	m, d     int
	sample   []int     // the swept rows of the table, ascending; nil = every row
	silRows  []int     // rows of x for the silhouette of every k, ascending, or nil
	silX     []float64 // those rows, gathered
	silCount int       // rows each silhouette is taken on
	ev       []float64 // the evaluation rows, gathered
	evalRows []int
}

func newSweeper(ctx context.Context, x []float64, n, d int, opt Options, prog *progress) (*sweeper, error) {
	if len(x) != n*d {
		return nil, fmt.Errorf("sweep: data hold %d values, but n×d = %d×%d", len(x), n, d)
	}
	sw := &sweeper{opt: opt, prog: prog, x: x, m: n, d: d}
	sampled := opt.SampleRows > 0 && opt.SampleRows < n
	silSize := opt.Silhouette.SampleSize
	if silSize <= 0 {
		silSize = metrics.DefaultSampleSize
	}
	limit := opt.Silhouette.ExactLimit
	if limit <= 0 {
		limit = metrics.DefaultExactLimit
	}
	// The silhouettes of several k are taken on the same rows, stratified by region of the
	// data space; a single k's on a sample stratified by its own clusters (as
	// metrics.Silhouettes draws it), which needs no strata of the data.
	sw.silCount = min(n, silSize)
	if n <= limit {
		sw.silCount = n
	}
	if sampled || (n > limit && silSize < n && opt.KMax > opt.KMin) {
		prog.report(Progress{Stage: StageSample}, false)
		strata, err := dataStrata(ctx, x, n, d, opt.Seed)
		if err != nil {
			return nil, err
		}
		if sampled {
			rows := metrics.StratifiedSample(strata, opt.SampleRows, opt.Seed^0x5a3b1e5a3b1e)
			sw.x, sw.m, sw.sample = gather(x, d, rows), len(rows), rows
			sw.silCount = len(rows)
			for r, i := range rows {
				strata[r] = strata[i]
			}
			strata = strata[:len(rows)]
		}
		if sw.m > limit && silSize < sw.m {
			sw.silRows = metrics.StratifiedSample(strata, silSize, opt.Silhouette.Seed)
			sw.silX = gather(sw.x, d, sw.silRows)
			sw.silCount = silSize
		}
	}
	if opt.Bootstraps > 0 {
		sw.bootstrap()
	}
	return sw, nil
}

// dataStrata numbers every row of x by the nearest of strataCells reference points: the
// centroids of a k-means fit (one restart) on a seeded uniform sample of up to 20,000 rows.
// Rows are numbered alike however many processors run.
func dataStrata(ctx context.Context, x []float64, n, d int, seed uint64) ([]int32, error) {
	pre := uniformRows(n, 20000, seed^0x57a7a57a7a)
	cells := min(strataCells, len(pre))
	ref, err := kmeans.Fit(ctx, gather(x, d, pre), len(pre), d, kmeans.Options{K: cells, NInit: 1, MaxIter: 20, Seed: seed})
	if err != nil {
		if errors.Is(err, kmeans.ErrTooFewDistinct) {
			return make([]int32, n), nil // too few distinct rows to stratify: one stratum
		}
		return nil, fmt.Errorf("sweep: stratifying the rows: %w", err)
	}
	lab, err := kmeans.Assign(x, n, d, ref.Centroids, cells, nil)
	if err != nil {
		return nil, fmt.Errorf("sweep: stratifying the rows: %w", err)
	}
	return lab, nil
}

// gather returns the given rows of the row-major matrix x (d columns), in order.
func gather(x []float64, d int, rows []int) []float64 {
	out := make([]float64, len(rows)*d)
	for r, i := range rows {
		copy(out[r*d:(r+1)*d], x[i*d:(i+1)*d])
	}
	return out
}

// bootstrap draws the stability refits' evaluation rows from the swept rows.
func (sw *sweeper) bootstrap() {
	sw.evalRows = uniformRows(sw.m, sw.opt.EvalRows, sw.opt.Seed^0xe7a1e7a1e7a1e7a1)
	sw.ev = gather(sw.x, sw.d, sw.evalRows)
}

// bootSample returns bootstrap sample b: min(m, BootstrapRows) rows drawn with replacement
// from the swept rows by a generator keyed by the seed and b, so the same for every k. It is
// drawn again for each k rather than kept: B samples of 50,000 rows would stay in memory for
// the whole sweep, and drawing one takes about a millisecond.
func (sw *sweeper) bootSample(b int) ([]float64, int) {
	m, d := sw.m, sw.d
	size := min(m, sw.opt.BootstrapRows)
	rng := rand.New(rand.NewPCG(seedFor(sw.opt.Seed, b), 0xb007))
	s := make([]float64, size*d)
	for r := range size {
		i := rng.IntN(m)
		copy(s[r*d:r*d+d], sw.x[i*d:i*d+d])
	}
	return s, size
}

// measure fits k to the swept rows and takes every measure of the fit; fitted, if not nil,
// receives the result as soon as the fit and the measures of its labels are done.
func (sw *sweeper) measure(ctx context.Context, k int, fitted func(KResult)) (KResult, error) {
	opt, prog := sw.opt, sw.prog
	fitStart := time.Now()
	fit, err := kmeans.Fit(ctx, sw.x, sw.m, sw.d, kmeans.Options{
		K: k, NInit: opt.NInit, MaxIter: opt.MaxIter, Tol: opt.Tol, Seed: opt.Seed,
		Progress: func(p kmeans.Progress) {
			prog.report(Progress{Stage: StageFit, K: k, Restart: p.Restart, Restarts: p.Restarts, Iteration: p.Iteration}, false)
		},
	})
	if err != nil {
		return KResult{}, fitErr(ctx, k, err)
	}
	fitTime := time.Since(fitStart)
	prog.report(Progress{Stage: StageFit, K: k}, true)
	labels := toInt(fit.Labels)
	q := metrics.Evaluate(sw.x, sw.d, labels, k)
	kr := KResult{K: k, Fit: fit, FitTime: fitTime, Quality: q, Silhouette: math.NaN(), Stability: math.NaN(),
		Qualifies: q.SmallestShare >= opt.MinShare && q.LargestShare <= opt.MaxShare}
	if fitted != nil {
		fitted(kr)
	}

	// The silhouette and the stability refits run side by side: the refits, one processor
	// each, leave processors idle when there are fewer of them left than processors, and
	// the silhouette's pairs fill that time. Each is deterministic on its own.
	prog.report(Progress{Stage: StageSilhouette, K: k}, false)
	silX, silLab, silOpt := sw.x, labels, opt.Silhouette
	if sw.silRows != nil {
		silX, silLab = sw.silX, make([]int, len(sw.silRows))
		for r, i := range sw.silRows {
			silLab[r] = labels[i]
		}
		silOpt = metrics.SilhouetteOptions{ExactLimit: len(silLab)}
	}
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var sil metrics.SilhouetteResult
	var silErr error
	var wg sync.WaitGroup
	wg.Go(func() {
		if sil, silErr = metrics.Silhouettes(cctx, silX, sw.d, [][]int{silLab}, []int{k}, silOpt); silErr != nil {
			cancel()
		}
	})
	var stabErr error
	if opt.Bootstraps > 0 {
		if kr.Stability, kr.RefitARIs, stabErr = sw.stability(cctx, k); stabErr != nil {
			cancel()
		}
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return KResult{}, err
	}
	// A failure of one cancels the other: report the failure, not the cancellation.
	if err := cmp.Or(firstFailure(silErr, stabErr), silErr, stabErr); err != nil {
		return KResult{}, err
	}
	kr.Silhouette = sil.Values[0]
	return kr, nil
}

// firstFailure returns the first of errs that is not a cancellation, or nil.
func firstFailure(errs ...error) error {
	for _, err := range errs {
		if err != nil && !errors.Is(err, context.Canceled) {
			return err
		}
	}
	return nil
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

// stability runs the refits of k side by side and returns the mean pairwise adjusted Rand
// index of their assignments of the evaluation rows, and the pairs.
func (sw *sweeper) stability(ctx context.Context, k int) (float64, []float64, error) {
	opt, prog, d := sw.opt, sw.prog, sw.d
	B := opt.Bootstraps
	assigned := make([][]int, B)
	errs := make([]error, B)
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	next := make(chan int, B)
	for b := range B {
		next <- b
	}
	close(next)
	var wg sync.WaitGroup
	for range min(B, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for b := range next {
				if cctx.Err() != nil {
					return
				}
				sample, m := sw.bootSample(b)
				fit, err := kmeans.Fit(cctx, sample, m, d, kmeans.Options{
					K: k, NInit: opt.BootstrapNInit, MaxIter: opt.MaxIter, Tol: opt.Tol,
					Seed: seedFor(opt.Seed, b), Workers: 1,
					Progress: func(p kmeans.Progress) {
						prog.report(Progress{Stage: StageBootstrap, K: k, Bootstrap: b, Restart: p.Restart, Restarts: p.Restarts, Iteration: p.Iteration}, false)
					},
				})
				var lab []int32
				if err == nil {
					lab, err = kmeans.Assign(sw.ev, len(sw.evalRows), d, fit.Centroids, k, nil)
				}
				if err != nil {
					errs[b] = fmt.Errorf("sweep: refit %d of k = %d: %w", b+1, k, err)
					cancel()
					return
				}
				assigned[b] = toInt(lab)
				prog.report(Progress{Stage: StageBootstrap, K: k, Bootstrap: b}, true)
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return 0, nil, err
	}
	for _, err := range errs {
		if err != nil {
			return 0, nil, err
		}
	}
	var sum float64
	var aris []float64
	for a := range B {
		for b := a + 1; b < B; b++ {
			v := metrics.AdjustedRand(assigned[a], assigned[b])
			aris = append(aris, v)
			sum += v
		}
	}
	return sum / float64(len(aris)), aris, nil
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
