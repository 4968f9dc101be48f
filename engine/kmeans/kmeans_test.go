package kmeans

import (
	"context"
	"errors"
	"math"
	"runtime"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"

	"github.com/seglab/seglab/engine/benchdata"
)

func fit(t *testing.T, x []float64, n, d int, opt Options) *Result {
	t.Helper()
	res, err := Fit(context.Background(), x, n, d, opt)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestTwoObviousClusters(t *testing.T) {
	x := []float64{
		10, 10, 0, 0, 10, 11, 0, 1,
		11, 10, 1, 0, 11, 11,
	}
	res := fit(t, x, 7, 2, Options{K: 2, Seed: 3})
	// The four points around (10.5, 10.5) form the larger cluster, so they get id 0.
	wantLabels := []int32{0, 1, 0, 1, 0, 1, 0}
	if !slices.Equal(res.Labels, wantLabels) {
		t.Errorf("labels = %v, want %v", res.Labels, wantLabels)
	}
	wantCentroids := []float64{10.5, 10.5, 1.0 / 3, 1.0 / 3}
	for i, want := range wantCentroids {
		if !scalar.EqualWithinAbsOrRel(res.Centroids[i], want, 1e-15, 1e-15) {
			t.Errorf("centroid value %d = %v, want %v", i, res.Centroids[i], want)
		}
	}
	// Inertia: 4 × ½ around (10.5, 10.5) plus 2/9 + 5/9 + 5/9 around (⅓, ⅓).
	if want := 2 + 4.0/3; !scalar.EqualWithinAbsOrRel(res.Inertia, want, 1e-14, 1e-14) {
		t.Errorf("inertia = %v, want %v", res.Inertia, want)
	}
	if !slices.Equal(res.Sizes, []int{4, 3}) {
		t.Errorf("sizes = %v, want [4 3]", res.Sizes)
	}
	if !res.Converged || len(res.RestartInertias) != DefaultNInit {
		t.Errorf("converged = %v, %d restart inertias; want true, %d", res.Converged, len(res.RestartInertias), DefaultNInit)
	}
}

// checkLloydFixedPoint verifies that every label names a nearest centroid (lowest id on ties)
// and every centroid is the mean of its rows, and that Sizes and Inertia agree with them.
func checkLloydFixedPoint(t *testing.T, x []float64, n, d int, res *Result) {
	t.Helper()
	k := res.K
	sums := make([]float64, k*d)
	sizes := make([]int, k)
	var inertia float64
	for i := range n {
		xi := x[i*d : (i+1)*d]
		l := int(res.Labels[i])
		best, bestD2 := -1, math.Inf(1)
		for j := range k {
			var d2 float64
			for c, v := range xi {
				diff := v - res.Centroids[j*d+c]
				d2 += diff * diff
			}
			if d2 < bestD2 {
				best, bestD2 = j, d2
			}
		}
		if best != l {
			t.Fatalf("row %d is labelled %d but its nearest centroid is %d", i, l, best)
		}
		inertia += bestD2
		sizes[l]++
		for c, v := range xi {
			sums[l*d+c] += v
		}
	}
	if !slices.Equal(sizes, res.Sizes) {
		t.Errorf("sizes = %v, counted %v", res.Sizes, sizes)
	}
	for j := range k {
		for c := range d {
			mean := sums[j*d+c] / float64(sizes[j])
			if got := res.Centroids[j*d+c]; !scalar.EqualWithinAbsOrRel(got, mean, 1e-12, 1e-12) {
				t.Errorf("centroid %d coordinate %d = %v, mean of its rows = %v", j, c, got, mean)
			}
		}
	}
	if !scalar.EqualWithinAbsOrRel(res.Inertia, inertia, 1e-12, 1e-12) {
		t.Errorf("inertia = %v, recomputed %v", res.Inertia, inertia)
	}
	for j := 1; j < k; j++ {
		if res.Sizes[j] > res.Sizes[j-1] {
			t.Errorf("sizes %v are not in decreasing order", res.Sizes)
		}
	}
}

func TestLloydFixedPoint(t *testing.T) {
	const n, d = 20000, 5
	x := benchdata.Blobs(n, d, 8, 11)
	benchdata.ZScore(x, n, d)
	// A positive Tol this small only stops at a fixed point of Lloyd's iteration.
	res := fit(t, x, n, d, Options{K: 7, NInit: 3, MaxIter: 1000, Tol: 1e-300, Seed: 5})
	if !res.Converged {
		t.Fatalf("no convergence in %d iterations", res.Iterations)
	}
	checkLloydFixedPoint(t, x, n, d, res)
	if res.Inertia != slices.Min(res.RestartInertias) {
		t.Errorf("inertia %v is not the lowest of the restarts %v", res.Inertia, res.RestartInertias)
	}
}

// On overlapping data most rows are rescanned near the boundaries and the bounds are
// tight; the fixed point shows that no pruning skipped a nearer centre.
func TestLloydFixedPointOnCustomers(t *testing.T) {
	const n = 40000
	d := len(benchdata.CustomerColumns)
	x := benchdata.Customers(n, 9)
	res := fit(t, x, n, d, Options{K: 6, NInit: 2, MaxIter: 2000, Tol: 1e-300, Seed: 1})
	if !res.Converged {
		t.Fatalf("no convergence in %d iterations", res.Iterations)
	}
	t.Logf("%d iterations", res.Iterations)
	checkLloydFixedPoint(t, x, n, d, res)
}

func TestReproducibleAcrossCores(t *testing.T) {
	const n = 30000 // 8 chunks
	for _, data := range []struct {
		name string
		x    []float64
		d    int
	}{
		{"blobs", benchdata.Blobs(n, 4, 6, 2), 4},
		// Skewed, overlapping, z-scored: many rows near boundaries, many rescans.
		{"customers", benchdata.Customers(n, 3), len(benchdata.CustomerColumns)},
	} {
		t.Run(data.name, func(t *testing.T) { testReproducibleAcrossCores(t, data.x, n, data.d) })
	}
}

func testReproducibleAcrossCores(t *testing.T, x []float64, n, d int) {
	opt := Options{K: 5, NInit: 4, Seed: 42}
	ref := fit(t, x, n, d, Options{K: 5, NInit: 4, Seed: 42, Workers: 1})
	same := func(name string, got *Result) {
		t.Helper()
		if !slices.Equal(got.Labels, ref.Labels) {
			t.Errorf("%s: labels differ from Workers=1", name)
		}
		if !slices.Equal(got.Centroids, ref.Centroids) { // bit-identical: == on every value
			t.Errorf("%s: centroids %v differ from Workers=1 %v", name, got.Centroids, ref.Centroids)
		}
		if got.Inertia != ref.Inertia || !slices.Equal(got.RestartInertias, ref.RestartInertias) {
			t.Errorf("%s: inertias %v differ from Workers=1 %v", name, got.RestartInertias, ref.RestartInertias)
		}
	}
	for _, w := range []int{2, 3, 7} {
		opt.Workers = w
		same("Workers="+string(rune('0'+w)), fit(t, x, n, d, opt))
	}
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	opt.Workers = 0
	same("GOMAXPROCS=1", fit(t, x, n, d, opt))
	runtime.GOMAXPROCS(2)
	same("GOMAXPROCS=2", fit(t, x, n, d, opt))

	// A different seed is a different run: the test above would notice a seed being ignored.
	opt.Seed = 43
	if other := fit(t, x, n, d, opt); slices.Equal(other.RestartInertias, ref.RestartInertias) {
		t.Errorf("seeds 42 and 43 gave the same restart inertias %v", other.RestartInertias)
	}
}

func TestCanonicalIDsIndependentOfSeed(t *testing.T) {
	// Four well separated blobs of different sizes: every seed finds the same partition, and
	// canonical ids make the labels identical too.
	const d = 2
	var x []float64
	var want []int32
	for id, blob := range []struct {
		size   int
		cx, cy float64
	}{{40, 0, 0}, {30, 50, 0}, {20, 0, 50}, {10, 50, 50}} {
		for i := range blob.size {
			x = append(x, blob.cx+float64(i%5), blob.cy+float64(i/5%5))
			want = append(want, int32(id))
		}
	}
	n := len(x) / d
	for seed := range uint64(5) {
		res := fit(t, x, n, d, Options{K: 4, NInit: 1, Seed: seed})
		if !slices.Equal(res.Labels, want) {
			t.Errorf("seed %d: labels %v, want %v", seed, res.Labels, want)
		}
	}
}

func TestEmptyClusterIsRelocatedToFarthestPoint(t *testing.T) {
	// 1-D points 0 1 2 | 10 11 12 with starting centres 0, 11, 100: centre 100 gets no
	// points, so it takes the point farthest from its centre — 2, at distance² 4 from 0.
	// Then the fixed point is centres 0.5, 11, 2 with inertia ¼ + ¼ + 0 + 1 + 0 + 1.
	x := []float64{0, 1, 2, 10, 11, 12}
	f := newFitter(x, 6, 1, 3, newChunking(6, 1))
	copy(f.centres, []float64{0, 11, 100})
	for i := range 6 { // the state seeding leaves: nearest centres and squared distances
		a, d2 := nearest(x[i:i+1], f.centres, 3)
		f.labels[i], f.closest[i] = int32(a), d2
	}
	var firstMoved int
	run, err := f.lloyd(context.Background(), 100, 0, func(it, moved int, _ float64) {
		if it == 1 {
			firstMoved = moved
		}
		if it == 1 && !slices.Equal(f.centres, []float64{0.5, 11, 2}) {
			t.Errorf("centres after the first iteration = %v, want [0.5 11 2]", f.centres)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if firstMoved != 7 { // six first assignments and one relocation
		t.Errorf("first iteration moved %d points, want 7", firstMoved)
	}
	if !slices.Equal(f.labels, []int32{0, 0, 2, 1, 1, 1}) || !slices.Equal(f.centres, []float64{0.5, 11, 2}) {
		t.Errorf("labels %v centres %v, want [0 0 2 1 1 1] [0.5 11 2]", f.labels, f.centres)
	}
	if run.inertia != 2.5 || !run.converged {
		t.Errorf("inertia %v converged %v, want 2.5 true", run.inertia, run.converged)
	}
}

func TestFitErrors(t *testing.T) {
	ok := []float64{0, 0, 1, 1, 2, 2, 3, 3}
	dup := []float64{1, 1, 1, 1, 2, 2, 1, 1, 2, 2}
	for _, tc := range []struct {
		name string
		x    []float64
		n, d int
		opt  Options
		want string
	}{
		{"k zero", ok, 4, 2, Options{K: 0}, "at least 1"},
		{"k above n", ok, 4, 2, Options{K: 5}, "only 4 rows"},
		{"too few distinct rows", dup, 5, 2, Options{K: 3}, "only 2 distinct rows"},
		{"NaN", []float64{0, 0, 1, math.NaN(), 2, 2}, 3, 2, Options{K: 2}, "row 2, column 2 holds NaN"},
		{"infinity", []float64{0, 0, 1, 1, math.Inf(-1), 2}, 3, 2, Options{K: 2}, "row 3, column 1 holds -Inf"},
		{"length mismatch", ok, 3, 2, Options{K: 2}, "8 values, but n×d = 3×2 = 6"},
		{"overflowing variance", []float64{-1e200, 0, 1e200, 0}, 2, 2, Options{K: 1}, "too large"},
		{"overflowing squared deviations", []float64{1e200, 0, 1e200, 0, 1e200, 1, 1e200 * (1 + 1e-15), 1}, 4, 2, Options{K: 2}, "too large"},
		{"no rows", nil, 0, 2, Options{K: 1}, "at least one row"},
		{"no columns", nil, 3, 0, Options{K: 1}, "at least one column"},
		{"negative NInit", ok, 4, 2, Options{K: 2, NInit: -1}, "NInit"},
		{"negative MaxIter", ok, 4, 2, Options{K: 2, MaxIter: -3}, "MaxIter"},
		{"NaN Tol", ok, 4, 2, Options{K: 2, Tol: math.NaN()}, "Tol"},
		{"negative Workers", ok, 4, 2, Options{K: 2, Workers: -1}, "Workers"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Fit(context.Background(), tc.x, tc.n, tc.d, tc.opt)
			if err == nil {
				t.Fatalf("no error; result %+v", res)
			}
			if !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "kmeans: ") {
				t.Errorf("error %q does not say %q", err, tc.want)
			}
		})
	}
	_, err := Fit(context.Background(), dup, 5, 2, Options{K: 3})
	if !errors.Is(err, ErrTooFewDistinct) {
		t.Errorf("error %v does not wrap ErrTooFewDistinct", err)
	}
	// As many clusters as distinct rows is fine: every distinct row becomes a centroid.
	res, err := Fit(context.Background(), dup, 5, 2, Options{K: 2})
	if err != nil || res.Inertia != 0 || !slices.Equal(res.Sizes, []int{3, 2}) {
		t.Errorf("K = distinct rows: err %v, result %+v", err, res)
	}
}

func TestCancelBeforeStart(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	x := benchdata.Blobs(1000, 3, 3, 1)
	if _, err := Fit(ctx, x, 1000, 3, Options{K: 3}); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestCancelStopsWithinOneIteration(t *testing.T) {
	const n, d = 20000, 6
	x := benchdata.Blobs(n, d, 10, 4)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var calls []Progress
	_, err := Fit(ctx, x, n, d, Options{K: 9, NInit: 5, Tol: 1e-300, MaxIter: 1000, ProgressInterval: -1,
		Progress: func(p Progress) {
			calls = append(calls, p)
			if p.Iteration == 2 {
				cancel()
			}
		}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if last := calls[len(calls)-1]; last.Iteration != 2 || last.Restart != 0 {
		t.Errorf("last progress %+v, want the report that cancelled (restart 0, iteration 2)", last)
	}
}

func TestCancelDuringSeeding(t *testing.T) {
	const n, d = 20000, 3
	x := benchdata.Blobs(n, d, 10, 4)
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	_, err := Fit(ctx, x, n, d, Options{K: 8, NInit: 3, ProgressInterval: -1, Progress: func(p Progress) {
		calls++
		cancel() // the first report comes after restart 0's seeding; restart 1 never starts
	}})
	if !errors.Is(err, context.Canceled) || calls != 1 {
		t.Errorf("err = %v after %d progress calls, want context.Canceled after 1", err, calls)
	}
}

func TestProgressReports(t *testing.T) {
	const n, d = 20000, 4
	x := benchdata.Blobs(n, d, 6, 9)
	var calls []Progress
	res := fit(t, x, n, d, Options{K: 6, NInit: 3, Seed: 1, ProgressInterval: -1,
		Progress: func(p Progress) { calls = append(calls, p) }})
	next := Progress{Restarts: 3}
	for _, p := range calls {
		if p.Restart != next.Restart || p.Restarts != 3 {
			t.Fatalf("report %+v out of order: expected restart %d of 3", p, next.Restart)
		}
		if p.Done {
			if p.Iteration != next.Iteration-1 || p.Inertia != res.RestartInertias[p.Restart] {
				t.Fatalf("final report %+v: want iteration %d and inertia %v", p, next.Iteration-1, res.RestartInertias[p.Restart])
			}
			next = Progress{Restart: p.Restart + 1}
			continue
		}
		if p.Iteration != next.Iteration || !(p.Inertia > 0) {
			t.Fatalf("report %+v: want iteration %d with a positive inertia", p, next.Iteration)
		}
		next.Iteration++
	}
	if next.Restart != 3 {
		t.Errorf("reports cover %d restarts, want 3", next.Restart)
	}
	if len(calls) < 3*4 {
		t.Errorf("only %d reports for 3 restarts", len(calls))
	}
}

func TestAssignMatchesFitAndBreaksTiesLow(t *testing.T) {
	const n, d = 9000, 3
	x := benchdata.Blobs(n, d, 5, 6)
	res := fit(t, x, n, d, Options{K: 5, NInit: 2, Tol: 1e-300})
	got, err := Assign(x, n, d, res.Centroids, res.K, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, res.Labels) {
		t.Error("Assign disagrees with the labels of a converged Fit")
	}
	// The point 1 is equidistant from centroids 0 and 2 and lies between them.
	dst := make([]int32, 0, 3)
	got, err = Assign([]float64{1, 0, 2}, 3, 1, []float64{2, 0}, 2, dst)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, []int32{0, 1, 0}) || &got[0] != &dst[:1][0] {
		t.Errorf("Assign = %v (into dst: %v), want [0 1 0] written into dst", got, &got[0] == &dst[:1][0])
	}
	for _, tc := range []struct {
		name      string
		x         []float64
		centroids []float64
		k         int
		want      string
	}{
		{"NaN row", []float64{0, math.NaN()}, []float64{0, 1}, 2, "row 2, column 1 holds NaN"},
		{"short centroids", []float64{0, 1}, []float64{0}, 2, "do not form"},
		{"infinite centroid", []float64{0, 1}, []float64{0, math.Inf(1)}, 2, "cluster 1"},
	} {
		if _, err := Assign(tc.x, 2, 1, tc.centroids, tc.k, nil); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one saying %q", tc.name, err, tc.want)
		}
	}
}
