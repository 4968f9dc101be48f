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
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"

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
	if stages[StageFit] < 3 || stages[StageBootstrap] < 9 || stages[StageSilhouette] != 1 || stages[StageDone] != 1 {
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

// BenchmarkSweep1Mx10 is the whole sweep k = 2..7 with every measure on 1,000,000 × 10 rows
// of six planted, overlapping segments (silhouette on a 10,000-row sample, 5 refits on
// 50,000 rows for stability), with NInit as set below.
func BenchmarkSweep1Mx10(b *testing.B) {
	for _, nInit := range []int{1, 3} {
		b.Run(fmt.Sprintf("ninit=%d", nInit), func(b *testing.B) {
			x, _ := planted(1000000, 10, []float64{3, 2, 2, 1, 1, 1}, 4, 12)
			b.ResetTimer()
			for b.Loop() {
				if _, err := Run(context.Background(), x, 1000000, 10, Options{NInit: nInit, Seed: 1}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
