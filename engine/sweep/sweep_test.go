package sweep

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"

	"github.com/seglab/seglab/engine/benchdata"
	"github.com/seglab/seglab/engine/metrics"
)

// planted draws n rows in d dimensions around centres spread far apart, cluster c getting
// a share proportional to weights[c].
func planted(n, d int, weights []float64, spread float64, seed uint64) ([]float64, []int) {
	rng := rand.New(rand.NewPCG(seed, 4))
	k := len(weights)
	cen := make([]float64, k*d)
	for i := range cen {
		cen[i] = rng.Float64() * 20
	}
	var tot float64
	for _, w := range weights {
		tot += w
	}
	x := make([]float64, n*d)
	lab := make([]int, n)
	for i := range n {
		u, c := rng.Float64()*tot, 0
		for c < k-1 && u >= weights[c] {
			u -= weights[c]
			c++
		}
		lab[i] = c
		for j := range d {
			x[i*d+j] = cen[c*d+j] + rng.NormFloat64()*spread
		}
	}
	return x, lab
}

func TestRecommendsThePlantedK(t *testing.T) {
	x, truth := planted(3000, 3, []float64{1, 1, 1, 1}, 0.6, 1)
	res, err := Run(context.Background(), x, 3000, 3, Options{NInit: 3, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Ks) != 6 || res.Ks[0].K != 2 || res.Ks[5].K != 7 {
		t.Fatalf("ks %+v", res.Ks)
	}
	if res.Recommended != 4 || !strings.Contains(res.Rule, "k = 4 has 3 of 4 votes") || res.Structure != StructureStrong {
		t.Fatalf("recommended %d: %s", res.Recommended, res.Rule)
	}
	k4 := res.Ks[2]
	if !res.SilhouetteExact || res.SilhouetteRows != 3000 || res.EvalRows != 3000 {
		t.Fatalf("silhouette exact %v on %d rows, eval rows %d", res.SilhouetteExact, res.SilhouetteRows, res.EvalRows)
	}
	if k4.Stability < 0.99 || len(k4.RefitARIs) != 10 {
		t.Fatalf("k=4 stability %v from %d pairs, want ≈1 from 10", k4.Stability, len(k4.RefitARIs))
	}
	if ari := metrics.AdjustedRand(toInt(k4.Fit.Labels), truth); ari < 0.99 {
		t.Fatalf("k=4 ARI with the planted segments %v", ari)
	}
	// The measures are those of the fit's labels.
	lab := toInt(k4.Fit.Labels)
	if got := metrics.Silhouette(x, 3, lab, 4); got != k4.Silhouette {
		t.Errorf("silhouette %v, recomputed %v", k4.Silhouette, got)
	}
	if !scalar.EqualWithinAbsOrRel(k4.Quality.Inertia, k4.Fit.Inertia, 1e-9, 1e-9) {
		t.Errorf("inertia %v, k-means says %v", k4.Quality.Inertia, k4.Fit.Inertia)
	}
}

func TestSharesRuleAndFallback(t *testing.T) {
	// Three large segments and a far, tiny one (about 2 %).
	x, _ := planted(4000, 2, []float64{0.33, 0.33, 0.32, 0.02}, 0.5, 3)
	res, err := Run(context.Background(), x, 4000, 2, Options{NInit: 3, Seed: 1, Bootstraps: -1})
	if err != nil {
		t.Fatal(err)
	}
	rec := res.Ks[res.Recommended-2]
	if !rec.Qualifies || rec.Quality.SmallestShare < 0.05 || rec.Quality.LargestShare > 0.5 {
		t.Fatalf("recommended k = %d does not qualify: %+v", rec.K, rec.Quality)
	}
	if len(res.Votes) != 3 {
		t.Errorf("votes %v: without refits, stability does not vote", res.Votes)
	}
	for _, v := range res.Votes {
		if !res.Ks[v.K-2].Qualifies {
			t.Errorf("%s voted for k = %d, which does not qualify", v.Index, v.K)
		}
	}
	for _, r := range res.Ks {
		if !math.IsNaN(r.Stability) || r.RefitARIs != nil {
			t.Errorf("k = %d: stability %v without refits", r.K, r.Stability)
		}
	}
	// Shares no k can meet: every k is a candidate, and the rule says so.
	res, err = Run(context.Background(), x, 4000, 2, Options{NInit: 3, Seed: 1, Bootstraps: -1, MinShare: 0.45, MaxShare: 0.46})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(res.Rule, "no k from 2 to 7 has smallest segment share at least 45 % and largest at most 46 %; among all k") {
		t.Fatalf("fallback: recommended %d: %s", res.Recommended, res.Rule)
	}
}

func TestIndependentOfProcessors(t *testing.T) {
	x, _ := planted(2500, 4, []float64{3, 2, 2, 1, 1}, 1.5, 7)
	opt := Options{NInit: 2, Seed: 9, Silhouette: metrics.SilhouetteOptions{ExactLimit: 1000, SampleSize: 800, Seed: 2}, EvalRows: 1500, BootstrapRows: 2000}
	a, err := Run(context.Background(), x, 2500, 4, opt)
	if err != nil {
		t.Fatal(err)
	}
	prev := runtime.GOMAXPROCS(1)
	b, err := Run(context.Background(), x, 2500, 4, opt)
	runtime.GOMAXPROCS(prev)
	if err != nil {
		t.Fatal(err)
	}
	if a.SilhouetteExact || a.SilhouetteRows != 800 || a.EvalRows != 1500 {
		t.Fatalf("sampled silhouette: exact %v, %d rows; eval rows %d", a.SilhouetteExact, a.SilhouetteRows, a.EvalRows)
	}
	for t2 := range a.Ks {
		ra, rb := a.Ks[t2], b.Ks[t2]
		if ra.Silhouette != rb.Silhouette || ra.Stability != rb.Stability || ra.Quality.DaviesBouldin != rb.Quality.DaviesBouldin || ra.Fit.Inertia != rb.Fit.Inertia {
			t.Errorf("k = %d differs with one processor: %v/%v %v/%v", ra.K, ra.Silhouette, rb.Silhouette, ra.Stability, rb.Stability)
		}
	}
}

func TestProgressAndCancel(t *testing.T) {
	x, _ := planted(2000, 2, []float64{1, 1, 1}, 1, 2)
	stages := map[Stage]int{}
	var last Progress
	_, err := Run(context.Background(), x, 2000, 2, Options{NInit: 2, KMax: 4, Bootstraps: 3, Progress: func(p Progress) {
		stages[p.Stage]++
		last = p
	}})
	if err != nil {
		t.Fatal(err)
	}
	if stages[StageFit] < 3 || stages[StageBootstrap] < 9 || stages[StageSilhouette] != 3 || stages[StageDone] != 1 {
		t.Fatalf("stages reported %v", stages)
	}
	if last.Stage != StageDone || last.FitsDone != 12 || last.FitsTotal != 12 {
		t.Fatalf("last report %+v, want done with 12 of 12 fits", last)
	}
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	_, err = Run(ctx, x, 2000, 2, Options{NInit: 2, Progress: func(p Progress) {
		if n++; n == 3 {
			cancel()
		}
	}})
	if err != context.Canceled {
		t.Fatalf("cancelled sweep returned %v", err)
	}
}

func TestBadOptions(t *testing.T) {
	x, _ := planted(10, 2, []float64{1, 1}, 1, 1)
	for _, o := range []Options{{KMin: 1}, {KMin: 5, KMax: 3}, {KMax: 11}, {Bootstraps: 1}, {MinShare: 0.6, MaxShare: 0.5}} {
		if _, err := Run(context.Background(), x, 10, 2, o); err == nil || !strings.HasPrefix(err.Error(), "sweep: ") {
			t.Errorf("%+v: error %v", o, err)
		}
	}
	x[3] = math.NaN()
	if _, err := Run(context.Background(), x, 10, 2, Options{KMax: 3}); err == nil || !strings.Contains(err.Error(), "k = 2") {
		t.Errorf("non-finite data: %v", err)
	}
}

// TestAgreesWithScikitLearn compares the k = 5 fit with scikit-learn's KMeans on the same
// data: same partition and inertia, and the same silhouette, CH and DB for our labels.
func TestAgreesWithScikitLearn(t *testing.T) {
	const script = "/work/shared/peers/sklearn_kmeans.py"
	if err := exec.Command("/usr/bin/python3", "-c", "import sklearn, scipy, pandas").Run(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("scikit-learn peer missing under CI: %v", err)
		}
		t.Skipf("scikit-learn peer missing: %v", err)
	}
	x, _ := planted(2000, 3, []float64{2, 1, 1, 1, 1}, 1, 11)
	res, err := Run(context.Background(), x, 2000, 3, Options{KMin: 5, KMax: 5, NInit: 10, Bootstraps: -1})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("a,b,c\n")
	for i := range 2000 {
		fmt.Fprintf(&b, "%s,%s,%s\n", strconv.FormatFloat(x[i*3], 'g', -1, 64), strconv.FormatFloat(x[i*3+1], 'g', -1, 64), strconv.FormatFloat(x[i*3+2], 'g', -1, 64))
	}
	table := filepath.Join(dir, "t.csv")
	labOut := filepath.Join(dir, "sk.txt")
	if err := os.WriteFile(table, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("/usr/bin/python3", script, "fit", table, "--dims", "a,b,c", "--k", "5", "--scale", "none", "--labels-out", labOut).Output()
	if err != nil {
		t.Fatal(err)
	}
	var sk struct {
		Inertia, Silhouette float64
		CH                  float64 `json:"calinski_harabasz"`
		DB                  float64 `json:"davies_bouldin"`
	}
	if err := json.Unmarshal(out, &sk); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(labOut)
	var skLab []int
	for _, f := range strings.Fields(string(raw)) {
		v, _ := strconv.Atoi(f)
		skLab = append(skLab, v)
	}
	r := res.Ks[0]
	if ari := metrics.AdjustedRand(toInt(r.Fit.Labels), skLab); ari != 1 {
		t.Fatalf("partition differs from scikit-learn's: ARI %v", ari)
	}
	for _, c := range []struct {
		what      string
		got, want float64
	}{{"inertia", r.Quality.Inertia, sk.Inertia}, {"silhouette", r.Silhouette, sk.Silhouette},
		{"CH", r.Quality.CalinskiHarabasz, sk.CH}, {"DB", r.Quality.DaviesBouldin, sk.DB}} {
		if !scalar.EqualWithinAbsOrRel(c.got, c.want, 1e-9, 1e-9) {
			t.Errorf("%s %v, scikit-learn %v", c.what, c.got, c.want)
		}
	}
}

// BenchmarkSweep is the whole sweep k = 2..7 with every measure (silhouette on a 10,000-row
// sample, 5 refits on 50,000 rows for stability) on 1,000,000 rows, with `seglab sweep`'s
// n_init 10: realistic customers (9 skewed, z-scored columns, see package benchdata) and
// blobs (10 columns, six planted overlapping segments). "sample" sweeps the default
// stratified sample, "fit6" is the step after it — FitChosen of k = 6 (the planted number,
// which the sweep recommends) on every row — and "all" sweeps every row. Only the data of
// the sub-benchmark run are generated, so that the process's peak memory is that of one
// data set and one step.
func BenchmarkSweep(b *testing.B) {
	const n = 1000000
	customers := func() ([]float64, int) { return benchdata.Customers(n, 2024), len(benchdata.CustomerColumns) }
	blobs := func() ([]float64, int) { x, _ := planted(n, 10, []float64{3, 2, 2, 1, 1, 1}, 4, 12); return x, 10 }
	opt := Options{NInit: 10, Seed: 1}
	sample := func(b *testing.B, x []float64, d int) {
		o := opt
		o.SampleRows = DefaultSampleRows
		if _, err := Run(context.Background(), x, n, d, o); err != nil {
			b.Fatal(err)
		}
	}
	fit6 := func(b *testing.B, x []float64, d int) {
		if _, err := FitChosen(context.Background(), x, n, d, 6, opt); err != nil {
			b.Fatal(err)
		}
	}
	all := func(b *testing.B, x []float64, d int) {
		if _, err := Run(context.Background(), x, n, d, opt); err != nil {
			b.Fatal(err)
		}
	}
	for _, c := range []struct {
		name string
		data func() ([]float64, int)
		step func(*testing.B, []float64, int)
	}{
		{"customers-1Mx9/sample", customers, sample},
		{"customers-1Mx9/fit6", customers, fit6},
		{"customers-1Mx9/all", customers, all},
		{"blobs-1Mx10/sample", blobs, sample},
		{"blobs-1Mx10/fit6", blobs, fit6},
	} {
		b.Run(c.name, func(b *testing.B) {
			x, d := c.data()
			for b.Loop() {
				c.step(b, x, d)
			}
		})
	}
}

// outlying returns n rows in 3 dimensions: three overlapping groups and, for the last 1 % of
// the rows, a small group far away from the others.
func outlying(n int) []float64 {
	x, lab := planted(n, 3, []float64{40, 30, 29, 1}, 2.5, 21)
	for i, l := range lab {
		if l == 3 {
			for j := range 3 {
				x[i*3+j] += 60
			}
		}
	}
	return x
}

func TestSampleIsStratifiedAndReported(t *testing.T) {
	const n, m = 40000, 3000
	x := outlying(n)
	far := 0
	for i := range n {
		if x[i*3] > 45 {
			far++
		}
	}
	res, err := Run(context.Background(), x, n, 3, Options{KMax: 4, NInit: 2, Seed: 3, SampleRows: m, Bootstraps: 3})
	if err != nil {
		t.Fatal(err)
	}
	if res.Rows != n || res.SampleRows != m || len(res.Sample) != m || len(res.Ks[0].Fit.Labels) != m {
		t.Fatalf("rows %d, sample %d (%d listed), %d labels", res.Rows, res.SampleRows, len(res.Sample), len(res.Ks[0].Fit.Labels))
	}
	if !res.SilhouetteExact || res.SilhouetteRows != m || res.EvalRows != m {
		t.Errorf("silhouette exact %v on %d rows, eval rows %d; want every sampled row", res.SilhouetteExact, res.SilhouetteRows, res.EvalRows)
	}
	inSample := 0
	for r, i := range res.Sample {
		if r > 0 && i <= res.Sample[r-1] {
			t.Fatalf("sample rows not ascending at %d", r)
		}
		if x[i*3] > 45 {
			inSample++
		}
	}
	// Proportional allocation to the strata keeps the small group's share up to rounding.
	want := float64(far) * m / n
	if math.Abs(float64(inSample)-want) > 1 {
		t.Errorf("the sample holds %d rows of the far group, want %.1f", inSample, want)
	}

	// The sweep of a sample is the sweep of those rows.
	sub := make([]float64, 0, m*3)
	for _, i := range res.Sample {
		sub = append(sub, x[i*3:i*3+3]...)
	}
	direct, err := Run(context.Background(), sub, m, 3, Options{KMax: 4, NInit: 2, Seed: 3, Bootstraps: 3})
	if err != nil {
		t.Fatal(err)
	}
	for t2, kr := range res.Ks {
		dk := direct.Ks[t2]
		if kr.Fit.Inertia != dk.Fit.Inertia || kr.Silhouette != dk.Silhouette || kr.Stability != dk.Stability || kr.Quality.CalinskiHarabasz != dk.Quality.CalinskiHarabasz {
			t.Errorf("k = %d: sampled sweep %v/%v/%v, sweep of the sample rows %v/%v/%v",
				kr.K, kr.Fit.Inertia, kr.Silhouette, kr.Stability, dk.Fit.Inertia, dk.Silhouette, dk.Stability)
		}
	}
	if res.Recommended != direct.Recommended {
		t.Errorf("recommended %d, on the sample rows %d", res.Recommended, direct.Recommended)
	}

	// And it does not depend on the number of processors.
	prev := runtime.GOMAXPROCS(1)
	one, err := Run(context.Background(), x, n, 3, Options{KMax: 4, NInit: 2, Seed: 3, SampleRows: m, Bootstraps: 3})
	runtime.GOMAXPROCS(prev)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(one.Sample, res.Sample) || one.Ks[2].Fit.Inertia != res.Ks[2].Fit.Inertia || one.Ks[2].Stability != res.Ks[2].Stability {
		t.Error("the sampled sweep differs with one processor")
	}
}

func TestSampledSilhouetteRowsAreStratifiedOnce(t *testing.T) {
	const n = 30000
	x := outlying(n)
	opt := Options{KMax: 3, NInit: 1, Seed: 2, Bootstraps: -1, Silhouette: metrics.SilhouetteOptions{ExactLimit: 5000, SampleSize: 2000, Seed: 4}}
	res, err := Run(context.Background(), x, n, 3, opt)
	if err != nil {
		t.Fatal(err)
	}
	if res.SilhouetteExact || res.SilhouetteRows != 2000 || res.SampleRows != n || res.Sample != nil {
		t.Fatalf("silhouette exact %v on %d rows; swept %d rows", res.SilhouetteExact, res.SilhouetteRows, res.SampleRows)
	}
	for _, kr := range res.Ks {
		// The sampled silhouette estimates the exact one.
		exact := metrics.Silhouette(x[:15000*3], 3, toInt(kr.Fit.Labels[:15000]), kr.K)
		if math.Abs(kr.Silhouette-exact) > 0.02 {
			t.Errorf("k = %d: sampled silhouette %.4f, exact on half the rows %.4f", kr.K, kr.Silhouette, exact)
		}
	}
}

func TestOnKStreamsEachKAndStops(t *testing.T) {
	x, _ := planted(3000, 2, []float64{1, 1, 1}, 1, 5)
	var got []KResult
	res, err := Run(context.Background(), x, 3000, 2, Options{KMax: 5, NInit: 2, Bootstraps: 3, OnK: func(kr KResult) { got = append(got, kr) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 8 {
		t.Fatalf("OnK called %d times, want 8 (each of 4 k fitted, then done)", len(got))
	}
	for i, kr := range got {
		want := res.Ks[i/2]
		if kr.K != want.K || kr.Fit == nil || kr.Fit.Inertia != want.Fit.Inertia || kr.Quality.DaviesBouldin != want.Quality.DaviesBouldin ||
			kr.Qualifies != want.Qualifies {
			t.Errorf("call %d: k = %d, inertia %v; the result has k = %d, inertia %v", i, kr.K, kr.Fit.Inertia, want.K, want.Fit.Inertia)
		}
		if pending := i%2 == 0; kr.Pending != pending {
			t.Errorf("call %d (k = %d): pending %v, want %v", i, kr.K, kr.Pending, pending)
		} else if pending && !(math.IsNaN(kr.Silhouette) && math.IsNaN(kr.Stability)) {
			t.Errorf("k = %d: the fitted call has silhouette %v and stability %v already", kr.K, kr.Silhouette, kr.Stability)
		} else if !pending && (kr.Silhouette != want.Silhouette || kr.Stability != want.Stability || math.IsNaN(kr.Stability)) {
			t.Errorf("k = %d streamed silhouette %v, stability %v; the result %v, %v", kr.K, kr.Silhouette, kr.Stability, want.Silhouette, want.Stability)
		}
	}
	for _, kr := range res.Ks {
		if kr.Pending {
			t.Errorf("k = %d is pending in the result", kr.K)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	_, err = Run(ctx, x, 3000, 2, Options{KMax: 5, NInit: 2, OnK: func(KResult) { calls++; cancel() }})
	if err != context.Canceled || calls != 1 {
		t.Fatalf("cancelled after the first k: error %v, %d calls", err, calls)
	}
}

func TestFitChosenIsTheFullSweepFit(t *testing.T) {
	x, _ := planted(5000, 3, []float64{2, 1, 1}, 1.5, 8)
	full, err := Run(context.Background(), x, 5000, 3, Options{KMin: 3, KMax: 3, NInit: 3, Seed: 4, Bootstraps: -1})
	if err != nil {
		t.Fatal(err)
	}
	got, err := FitChosen(context.Background(), x, 5000, 3, 3, Options{NInit: 3, Seed: 4, SampleRows: 500})
	if err != nil {
		t.Fatal(err)
	}
	want := full.Ks[0]
	if !slices.Equal(got.Fit.Labels, want.Fit.Labels) || got.Fit.Inertia != want.Fit.Inertia || got.Silhouette != want.Silhouette ||
		got.Quality.DaviesBouldin != want.Quality.DaviesBouldin || !math.IsNaN(got.Stability) {
		t.Errorf("FitChosen %v/%v/%v, sweep of every row %v/%v/%v", got.Fit.Inertia, got.Silhouette, got.Stability, want.Fit.Inertia, want.Silhouette, want.Stability)
	}
	if _, err := FitChosen(context.Background(), x, 5000, 3, 1, Options{}); err == nil {
		t.Error("k = 1 accepted")
	}
}
