// Package kmeans clusters the rows of a dense matrix with k-means (Lloyd's method with
// greedy k-means++ seeding), with the same semantics as scikit-learn's
// KMeans(algorithm="lloyd"), computed with Hamerly's bounds so that most distance computations
// are skipped after the first iterations.
//
// Results are exactly reproducible: the same data, options and seed give bit-identical
// labels and centroids on any number of cores, because work is split into fixed chunks of
// rows whose partial results are merged in chunk order, and every restart draws its random
// numbers from a generator keyed by (seed, restart index). A row's distances to all centres
// are computed at once by engine/internal/sqdist (AVX2 where the processor has it), whose
// per-lane arithmetic is that of the scalar sums here: the results are also the same with
// or without SIMD and under any GOAMD64 level.
package kmeans

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"time"
)

// Defaults used when the corresponding Options field is zero.
const (
	DefaultNInit            = 10
	DefaultMaxIter          = 300
	DefaultTol              = 1e-4
	DefaultProgressInterval = 100 * time.Millisecond
)

// Options configures Fit. Zero values select the defaults.
type Options struct {
	K       int     // number of clusters, 1 ≤ K ≤ number of distinct rows
	NInit   int     // restarts with different seeds; the lowest inertia wins (0 = 10)
	MaxIter int     // maximum Lloyd iterations per restart (0 = 300)
	Tol     float64 // relative tolerance, scaled by the mean per-column variance (0 = 1e-4)
	Seed    uint64  // restart r draws from a generator keyed by (Seed, r)
	Workers int     // goroutines used (0 = GOMAXPROCS); does not change the result

	// Progress, if not nil, is called from the goroutine running Fit — never concurrently —
	// after the seeding of every restart, after Lloyd iterations at most once per
	// ProgressInterval, and at the end of every restart.
	Progress func(Progress)
	// ProgressInterval is the minimum time between two iteration reports
	// (0 = 100 ms, negative = report every iteration).
	ProgressInterval time.Duration
}

// Progress describes the state of a running Fit.
type Progress struct {
	Restart   int // 0-based index of the current restart
	Restarts  int // total number of restarts
	Iteration int // Lloyd iterations done in this restart; 0 right after seeding
	// Inertia is the k-means++ potential right after seeding and the exact inertia when Done;
	// during iterations it is an upper bound on the inertia of the current assignment
	// (the sum of the squared Hamerly upper bounds).
	Inertia float64
	Moved   int  // points that changed cluster in this iteration
	Done    bool // the restart has finished; Inertia is its final inertia
}

// Result is a fitted clustering. Cluster ids are canonical: 0-based and ordered by size,
// largest first (ties ordered by centroid coordinates, lexicographically ascending).
type Result struct {
	K, D       int
	Centroids  []float64 // K×D row-major; row j is the mean of the rows labelled j
	Labels     []int32   // one 0-based cluster id per input row
	Sizes      []int     // rows per cluster; Sizes[0] ≥ Sizes[1] ≥ …
	Inertia    float64   // Σᵢ ‖xᵢ − centroid(labelᵢ)‖² of the best restart
	Iterations int       // Lloyd iterations of the best restart
	Converged  bool      // the best restart stopped before MaxIter
	Restart    int       // index of the best restart
	// RestartInertias holds the final inertia of every restart, in restart order.
	RestartInertias []float64
}

// ErrTooFewDistinct is wrapped by the error Fit returns when the data have fewer distinct
// rows than the requested number of clusters.
var ErrTooFewDistinct = errors.New("kmeans: fewer distinct rows than clusters")

// errOverflow reports data whose squared distances exceed the float64 range.
var errOverflow = errors.New("kmeans: the values are too large: squared distances overflow float64; scale the data first")

// Fit clusters the n rows of the n×d row-major matrix x into opt.K clusters.
//
// Every restart seeds with greedy k-means++ (2 + ⌊ln K⌋ candidates per step, the one that
// lowers the potential most is kept) and then runs Lloyd iterations until the assignment no
// longer changes, or until the total squared centre shift Σⱼ‖cⱼ′ − cⱼ‖² is at most
// Tol × mean over columns of the population variance of x, or until MaxIter iterations;
// a final assignment step makes the labels match the returned centroids. An empty cluster
// is re-seeded with the point farthest from its centre (ties to the lowest row index).
// The restart with the lowest inertia is kept (the earliest on ties) and its clusters are
// renumbered canonically (see Result).
//
// x must hold finite values; bad shapes, non-finite values, K outside [1, n] and data with
// fewer than K distinct rows are reported as errors. A cancelled ctx stops Fit within one
// pass over the data and returns ctx.Err().
func Fit(ctx context.Context, x []float64, n, d int, opt Options) (*Result, error) {
	if err := checkShape(x, n, d); err != nil {
		return nil, err
	}
	opt, err := withDefaults(opt, n)
	if err != nil {
		return nil, err
	}
	ch := newChunking(n, opt.Workers)
	colVar, err := columnVariances(x, n, d, ch)
	if err != nil {
		return nil, err
	}
	var meanVar float64
	for _, v := range colVar {
		meanVar += v
	}
	meanVar /= float64(d)
	if math.IsInf(meanVar, 0) {
		return nil, errOverflow
	}

	f := newFitter(x, n, d, opt.K, ch)
	rep := newReporter(opt)
	res := &Result{K: opt.K, D: d, RestartInertias: make([]float64, 0, opt.NInit)}
	best := math.Inf(1)
	for r := range opt.NInit {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		pot, err := f.seed(ctx, opt.Seed, r)
		if err != nil {
			return nil, err
		}
		rep.report(Progress{Restart: r, Restarts: opt.NInit, Inertia: pot}, true)
		run, err := f.lloyd(ctx, opt.MaxIter, opt.Tol*meanVar, func(it, moved int, bound float64) {
			rep.report(Progress{Restart: r, Restarts: opt.NInit, Iteration: it, Inertia: bound, Moved: moved}, false)
		})
		if err != nil {
			return nil, err
		}
		rep.report(Progress{Restart: r, Restarts: opt.NInit, Iteration: run.iterations, Inertia: run.inertia, Done: true}, true)
		res.RestartInertias = append(res.RestartInertias, run.inertia)
		if run.inertia < best {
			best = run.inertia
			res.Inertia, res.Iterations, res.Converged, res.Restart = run.inertia, run.iterations, run.converged, r
			res.Centroids = append(res.Centroids[:0], f.centres...)
			res.Labels = append(res.Labels[:0], f.labels...)
		}
	}
	res.canonicalise(ch)
	return res, nil
}

// checkShape reports a shape that does not describe x.
func checkShape(x []float64, n, d int) error {
	switch {
	case n < 1:
		return fmt.Errorf("kmeans: need at least one row, got n = %d", n)
	case d < 1:
		return fmt.Errorf("kmeans: need at least one column, got d = %d", d)
	case n > math.MaxInt32:
		return fmt.Errorf("kmeans: %d rows exceed the limit of %d", n, math.MaxInt32)
	case len(x) != n*d:
		return fmt.Errorf("kmeans: data hold %d values, but n×d = %d×%d = %d", len(x), n, d, n*d)
	}
	return nil
}

// withDefaults validates opt against n rows and fills in zero fields.
func withDefaults(opt Options, n int) (Options, error) {
	switch {
	case opt.K < 1:
		return opt, fmt.Errorf("kmeans: the number of clusters must be at least 1, got %d", opt.K)
	case opt.K > n:
		return opt, fmt.Errorf("kmeans: %d clusters requested but there are only %d rows", opt.K, n)
	case opt.K > math.MaxInt32:
		return opt, fmt.Errorf("kmeans: %d clusters exceed the limit of %d", opt.K, math.MaxInt32)
	case opt.NInit < 0:
		return opt, fmt.Errorf("kmeans: NInit must not be negative, got %d", opt.NInit)
	case opt.MaxIter < 0:
		return opt, fmt.Errorf("kmeans: MaxIter must not be negative, got %d", opt.MaxIter)
	case opt.Tol < 0 || math.IsNaN(opt.Tol) || math.IsInf(opt.Tol, 0):
		return opt, fmt.Errorf("kmeans: Tol must be a finite number ≥ 0, got %v", opt.Tol)
	case opt.Workers < 0:
		return opt, fmt.Errorf("kmeans: Workers must not be negative, got %d", opt.Workers)
	}
	if opt.NInit == 0 {
		opt.NInit = DefaultNInit
	}
	if opt.MaxIter == 0 {
		opt.MaxIter = DefaultMaxIter
	}
	if opt.Tol == 0 {
		opt.Tol = DefaultTol
	}
	if opt.Workers == 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	if opt.ProgressInterval == 0 {
		opt.ProgressInterval = DefaultProgressInterval
	}
	return opt, nil
}

// columnVariances returns the population variance (ddof = 0) of every column of x, computed
// in two passes, or an error naming the first non-finite value.
func columnVariances(x []float64, n, d int, ch chunking) ([]float64, error) {
	part := make([]float64, ch.chunks*d)
	bad := make([]int, ch.chunks)
	ch.each(func(c int) {
		lo, hi := ch.bounds(c)
		s := part[c*d : (c+1)*d]
		bad[c] = -1
		for i := lo; i < hi; i++ {
			for j, v := range x[i*d : (i+1)*d] {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					bad[c] = i*d + j
					return
				}
				s[j] += v
			}
		}
	})
	for _, b := range bad {
		if b >= 0 {
			return nil, fmt.Errorf("kmeans: row %d, column %d holds %v; the data must be finite (impute or drop missing values first)", b/d+1, b%d+1, x[b])
		}
	}
	mean := mergeColumns(part, d, ch.chunks)
	for j := range mean {
		mean[j] /= float64(n)
	}
	clear(part)
	ch.each(func(c int) {
		lo, hi := ch.bounds(c)
		s := part[c*d : (c+1)*d]
		for i := lo; i < hi; i++ {
			for j, v := range x[i*d : (i+1)*d] {
				dv := v - mean[j]
				s[j] += float64(dv * dv) // unfused under any GOAMD64, see distance.go
			}
		}
	})
	variance := mergeColumns(part, d, ch.chunks)
	for j := range variance {
		variance[j] /= float64(n)
	}
	return variance, nil
}

// mergeColumns sums the per-chunk rows of part (chunks×d) in chunk order.
func mergeColumns(part []float64, d, chunks int) []float64 {
	sum := make([]float64, d)
	for c := range chunks {
		for j, v := range part[c*d : (c+1)*d] {
			sum[j] += v
		}
	}
	return sum
}

// canonicalise renumbers the clusters of res by size, largest first, ties ordered by centroid
// coordinates lexicographically, and fills in Sizes.
func (res *Result) canonicalise(ch chunking) {
	k, d := res.K, res.D
	sizes := make([]int, k)
	for _, l := range res.Labels {
		sizes[l]++
	}
	order := make([]int, k) // order[new] = old
	for j := range order {
		order[j] = j
	}
	slices.SortStableFunc(order, func(a, b int) int {
		if sizes[a] != sizes[b] {
			return sizes[b] - sizes[a]
		}
		return slices.Compare(res.Centroids[a*d:(a+1)*d], res.Centroids[b*d:(b+1)*d])
	})
	rename := make([]int32, k) // rename[old] = new
	centroids := make([]float64, k*d)
	res.Sizes = make([]int, k)
	for nw, old := range order {
		rename[old] = int32(nw)
		copy(centroids[nw*d:(nw+1)*d], res.Centroids[old*d:(old+1)*d])
		res.Sizes[nw] = sizes[old]
	}
	res.Centroids = centroids
	ch.each(func(c int) {
		lo, hi := ch.bounds(c)
		for i := lo; i < hi; i++ {
			res.Labels[i] = rename[res.Labels[i]]
		}
	})
}

// reporter throttles and forwards progress reports.
type reporter struct {
	fn       func(Progress)
	interval time.Duration
	last     time.Time
}

func newReporter(opt Options) *reporter {
	return &reporter{fn: opt.Progress, interval: opt.ProgressInterval}
}

// report forwards p if forced or if the interval has passed since the last report.
func (r *reporter) report(p Progress, force bool) {
	if r.fn == nil {
		return
	}
	now := time.Now()
	if !force && r.interval > 0 && now.Sub(r.last) < r.interval {
		return
	}
	r.last = now
	r.fn(p)
}
