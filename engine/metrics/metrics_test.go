package metrics

import (
	"bufio"
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

	"github.com/seglab/seglab/engine/internal/sqdist"
)

const benchDir = "/work/shared/data/clustering-benchmarks"

func near(a, b, tol float64) bool { return scalar.EqualWithinAbsOrRel(a, b, tol, tol) }

// blobs draws n rows around k random centres in d dimensions; labels are the generating
// centre, so clusters overlap a little.
func blobs(n, d, k int, seed uint64) ([]float64, []int) {
	rng := rand.New(rand.NewPCG(seed, 2))
	cen := make([]float64, k*d)
	for i := range cen {
		cen[i] = rng.Float64() * 10
	}
	x := make([]float64, n*d)
	lab := make([]int, n)
	for i := range n {
		lab[i] = rng.IntN(k)
		for j := range d {
			x[i*d+j] = cen[lab[i]*d+j] + rng.NormFloat64()*1.5
		}
	}
	return x, lab
}

// readMatrix reads a whitespace-separated numeric file.
func readMatrix(t testing.TB, path string) ([]float64, int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var x []float64
	d := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 {
			continue
		}
		d = len(fields)
		for _, s := range fields {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatal(err)
			}
			x = append(x, v)
		}
	}
	return x, d
}

// readLabels reads one integer per line and shifts them to start at 0.
func readLabels(t testing.TB, path string) ([]int, int) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var lab []int
	lo, hi := math.MaxInt, math.MinInt
	for _, s := range strings.Fields(string(b)) {
		v, err := strconv.Atoi(s)
		if err != nil {
			t.Fatal(err)
		}
		lab = append(lab, v)
		lo, hi = min(lo, v), max(hi, v)
	}
	for i := range lab {
		lab[i] -= lo
	}
	return lab, hi - lo + 1
}

type peerScore struct {
	Inertia          float64 `json:"inertia"`
	Sizes            []int   `json:"sizes"`
	Silhouette       float64 `json:"silhouette"`
	SilhouetteExact  bool    `json:"silhouette_exact"`
	CalinskiHarabasz float64 `json:"calinski_harabasz"`
	DaviesBouldin    float64 `json:"davies_bouldin"`
}

// requirePeer returns the scikit-learn peer script, skipping locally and failing under CI
// when it or scikit-learn is missing.
func requirePeer(t testing.TB) string {
	t.Helper()
	const script = "/work/shared/peers/sklearn_kmeans.py"
	_, err := os.Stat(script)
	if err == nil {
		err = exec.Command("/usr/bin/python3", "-c", "import sklearn, scipy, pandas").Run()
	}
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("scikit-learn peer missing under CI: %v", err)
		}
		t.Skipf("scikit-learn peer missing: %v", err)
	}
	return script
}

// sklearnScore runs the peer's score mode on x with the given labels.
func sklearnScore(t *testing.T, x []float64, d int, labels []int) peerScore {
	t.Helper()
	script := requirePeer(t)
	dir := t.TempDir()
	var b strings.Builder
	names := make([]string, d)
	for j := range names {
		names[j] = fmt.Sprintf("c%d", j)
	}
	b.WriteString(strings.Join(names, ",") + "\n")
	for i := range labels {
		for j := range d {
			if j > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.FormatFloat(x[i*d+j], 'g', -1, 64))
		}
		b.WriteByte('\n')
	}
	table := filepath.Join(dir, "table.csv")
	if err := os.WriteFile(table, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	var lb strings.Builder
	for _, l := range labels {
		fmt.Fprintln(&lb, l)
	}
	labFile := filepath.Join(dir, "labels.txt")
	if err := os.WriteFile(labFile, []byte(lb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("/usr/bin/python3", script, "score", table, "--dims", strings.Join(names, ","), "--labels", labFile, "--scale", "none")
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("peer: %v", err)
	}
	var p peerScore
	if err := json.Unmarshal(out, &p); err != nil {
		t.Fatalf("peer output %s: %v", out, err)
	}
	return p
}

type dataset struct {
	name string
	x    []float64
	d    int
	lab  []int
	k    int
}

func datasets(t *testing.T) []dataset {
	var out []dataset
	x, lab := blobs(3000, 4, 5, 1)
	out = append(out, dataset{"blobs", x, 4, lab, 5})
	// A singleton cluster (silhouette 0 for it) and an empty one (ignored) among blobs.
	x, lab = blobs(1500, 3, 4, 2)
	for i := range lab {
		if lab[i] == 3 {
			lab[i] = 0
		}
	}
	lab[17] = 3
	out = append(out, dataset{"singleton and empty cluster", x, 3, lab, 5})
	// Duplicated rows: a = b = 0 for some rows.
	dup := []float64{0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 5, 5}
	out = append(out, dataset{"duplicates", dup, 2, []int{0, 0, 1, 1, 2, 2}, 3})
	for _, name := range []string{"s1", "s3", "a1", "dim032"} {
		x, d := readMatrix(t, filepath.Join(benchDir, name+".txt"))
		lab, k := readLabels(t, filepath.Join(benchDir, name+"-gt.txt"))
		out = append(out, dataset{name, x, d, lab, k})
	}
	return out
}

func TestMetricsMatchScikitLearn(t *testing.T) {
	const tol = 1e-9
	for _, ds := range datasets(t) {
		t.Run(ds.name, func(t *testing.T) {
			want := sklearnScore(t, ds.x, ds.d, ds.lab)
			q := Evaluate(ds.x, ds.d, ds.lab, ds.k)
			sil := Silhouette(ds.x, ds.d, ds.lab, ds.k)
			check := func(what string, got, want float64) {
				if !near(got, want, tol) {
					t.Errorf("%s: got %.15g, scikit-learn %.15g", what, got, want)
				}
			}
			check("inertia", q.Inertia, want.Inertia)
			check("silhouette", sil, want.Silhouette)
			check("Calinski–Harabasz", q.CalinskiHarabasz, want.CalinskiHarabasz)
			check("Davies–Bouldin", q.DaviesBouldin, want.DaviesBouldin)
			var nonEmpty []int
			for _, s := range q.Sizes {
				if s > 0 {
					nonEmpty = append(nonEmpty, s)
				}
			}
			if fmt.Sprint(nonEmpty) != fmt.Sprint(want.Sizes) {
				t.Errorf("sizes %v, scikit-learn %v", nonEmpty, want.Sizes)
			}
		})
	}
}

func TestHandComputed(t *testing.T) {
	// Two clusters on a line: {0, 2} and {10}; centroids 1 and 10.
	x := []float64{0, 2, 10}
	lab := []int{0, 0, 1}
	q := Evaluate(x, 1, lab, 2)
	// Inertia 1 + 1 + 0; between 2·(1 − 4)² + (10 − 4)² = 54; CH = 54·(3−2) / (2·(2−1)) = 27.
	if q.Inertia != 2 || q.CalinskiHarabasz != 27 {
		t.Errorf("inertia %v, CH %v; want 2, 27", q.Inertia, q.CalinskiHarabasz)
	}
	// s = (1, 0), centroid distance 9 → DB = (1/9 + 1/9)/2.
	if !near(q.DaviesBouldin, 1.0/9, 1e-15) {
		t.Errorf("DB %v, want 1/9", q.DaviesBouldin)
	}
	if q.SmallestShare != 1.0/3 || q.LargestShare != 2.0/3 {
		t.Errorf("shares %v, %v", q.SmallestShare, q.LargestShare)
	}
	// Row 0: a = 2, b = 10 → 0.8; row 1: a = 2, b = 8 → 0.75; row 2: singleton → 0.
	if got := Silhouette(x, 1, lab, 2); !near(got, (0.8+0.75)/3, 1e-15) {
		t.Errorf("silhouette %v, want %v", got, (0.8+0.75)/3)
	}
	if got := Inertia(x, 1, lab, []float64{0, 10}); got != 4 {
		t.Errorf("inertia against given centroids %v, want 4", got)
	}
	if !math.IsNaN(Silhouette(x, 1, []int{1, 1, 1}, 2)) || !math.IsNaN(Evaluate(x, 1, []int{0, 0, 0}, 1).CalinskiHarabasz) {
		t.Error("one cluster must give NaN")
	}
}

func TestAdjustedRand(t *testing.T) {
	cases := []struct {
		a, b []int
		want float64
	}{
		{[]int{0, 0, 1, 1}, []int{5, 5, 9, 9}, 1},
		{[]int{0, 0, 1, 1}, []int{0, 1, 0, 1}, -0.5},
		{[]int{0, 0, 0, 1, 1, 1}, []int{0, 0, 1, 1, 2, 2}, 8.0 / 33},
		{[]int{3, 3, 3}, []int{1, 1, 1}, 1},
		{[]int{0, 1, 2}, []int{2, 0, 1}, 1},
	}
	for _, c := range cases {
		if got := AdjustedRand(c.a, c.b); !near(got, c.want, 1e-15) {
			t.Errorf("ARI(%v, %v) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

func TestAdjustedRandMatchesScikitLearn(t *testing.T) {
	requirePeer(t)
	rng := rand.New(rand.NewPCG(3, 3))
	var pairs [][2][]int
	for _, n := range []int{50, 1000, 20000} {
		a, b := make([]int, n), make([]int, n)
		for i := range a {
			a[i] = rng.IntN(6)
			b[i] = a[i]
			if rng.Float64() < 0.3 {
				b[i] = rng.IntN(9)
			}
		}
		pairs = append(pairs, [2][]int{a, b})
	}
	in, _ := json.Marshal(pairs)
	cmd := exec.Command("/usr/bin/python3", "-c", `import sys, json
from sklearn.metrics import adjusted_rand_score
print(json.dumps([adjusted_rand_score(a, b) for a, b in json.load(sys.stdin)]))`)
	cmd.Stdin = strings.NewReader(string(in))
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	var want []float64
	if err := json.Unmarshal(out, &want); err != nil {
		t.Fatal(err)
	}
	for i, p := range pairs {
		if got := AdjustedRand(p[0], p[1]); !near(got, want[i], 1e-12) {
			t.Errorf("pair %d: %v, scikit-learn %v", i, got, want[i])
		}
	}
}

func TestSilhouettesMultiEqualsSingleAndIsDeterministic(t *testing.T) {
	x, _ := blobs(2000, 5, 6, 4)
	rng := rand.New(rand.NewPCG(5, 5))
	var labs [][]int
	var ks []int
	for k := 2; k <= 7; k++ {
		lab := make([]int, 2000)
		for i := range lab {
			lab[i] = int(x[i*5]*float64(k)/10+rng.Float64()) % k
		}
		labs, ks = append(labs, lab), append(ks, k)
	}
	res, err := Silhouettes(context.Background(), x, 5, labs, ks, SilhouetteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Exact || len(res.Rows) != 2000 {
		t.Fatalf("exact %v with %d rows", res.Exact, len(res.Rows))
	}
	prev := runtime.GOMAXPROCS(1)
	one, _ := Silhouettes(context.Background(), x, 5, labs, ks, SilhouetteOptions{})
	runtime.GOMAXPROCS(prev)
	for L := range labs {
		single := Silhouette(x, 5, labs[L], ks[L])
		if res.Values[L] != single || one.Values[L] != single {
			t.Errorf("k=%d: multi %v, single %v, one processor %v", ks[L], res.Values[L], single, one.Values[L])
		}
	}
}

// TestSilhouettesSameWithoutSIMD checks that the SIMD distance kernel and square roots give
// the silhouettes, overall and per segment, bit for bit the same as the pure-Go ones, with
// tiles cut short at the edges (1,000 rows is not a multiple of the tile side).
func TestSilhouettesSameWithoutSIMD(t *testing.T) {
	defer sqdist.ForceGeneric(sqdist.ForceGeneric(false))
	x, lab := blobs(1000, 7, 5, 13)
	_, lab2 := blobs(1000, 1, 3, 14)
	var got [2][]float64
	for g, generic := range []bool{false, true} {
		sqdist.ForceGeneric(generic)
		res, err := Silhouettes(context.Background(), x, 7, [][]int{lab, lab2}, []int{5, 3}, SilhouetteOptions{})
		if err != nil {
			t.Fatal(err)
		}
		seg, err := SegmentSilhouettes(context.Background(), x, 7, lab, 5, nil)
		if err != nil {
			t.Fatal(err)
		}
		got[g] = append(res.Values, seg...)
	}
	for i := range got[0] {
		if math.Float64bits(got[0][i]) != math.Float64bits(got[1][i]) {
			t.Errorf("value %d: %v with SIMD (in use: %v), %v without", i, got[0][i], sqdist.Accelerated(), got[1][i])
		}
	}
}

func TestSampledSilhouette(t *testing.T) {
	x, lab := blobs(30000, 3, 4, 6)
	for i := range 2000 { // make cluster 3 small: 5 %-ish
		if lab[i] == 3 {
			lab[i] = 0
		}
	}
	res, err := Silhouettes(context.Background(), x, 3, [][]int{lab}, []int{4}, SilhouetteOptions{SampleSize: 5000, Seed: 9})
	if err != nil {
		t.Fatal(err)
	}
	if res.Exact || len(res.Rows) != 5000 {
		t.Fatalf("exact %v, %d rows; want a 5000-row sample", res.Exact, len(res.Rows))
	}
	full := Sizes(lab, 4)
	sub := make([]int, 5000)
	for r, i := range res.Rows {
		sub[r] = lab[i]
	}
	got := Sizes(sub, 4)
	for c := range 4 {
		want := 5000 * float64(full[c]) / 30000
		if math.Abs(float64(got[c])-want) >= 1 {
			t.Errorf("cluster %d: %d sampled, proportional share %.2f", c, got[c], want)
		}
	}
	// The value is the exact silhouette of the sample, which scikit-learn confirms.
	xs := make([]float64, 0, 5000*3)
	for _, i := range res.Rows {
		xs = append(xs, x[i*3:i*3+3]...)
	}
	want := sklearnScore(t, xs, 3, sub)
	if !near(res.Values[0], want.Silhouette, 1e-9) {
		t.Errorf("sampled silhouette %v, scikit-learn on the same rows %v", res.Values[0], want.Silhouette)
	}
	again, _ := Silhouettes(context.Background(), x, 3, [][]int{lab}, []int{4}, SilhouetteOptions{SampleSize: 5000, Seed: 9})
	if again.Values[0] != res.Values[0] {
		t.Error("the same seed gave a different sample")
	}
}

func TestSilhouettesCancelled(t *testing.T) {
	x, lab := blobs(3000, 3, 3, 7)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Silhouettes(ctx, x, 3, [][]int{lab}, []int{3}, SilhouetteOptions{}); err != context.Canceled {
		t.Fatalf("error %v, want context.Canceled", err)
	}
}

func TestStratifiedSampleAllocation(t *testing.T) {
	strata := []int{7, 7, 7, 7, 7, 7, 2, 2, 2, 9}
	// Quotas 5·6/10 = 3, 5·3/10 = 1.5, 5·1/10 = 0.5: the spare row goes to the smaller id (2).
	rows := StratifiedSample(strata, 5, 1)
	count := map[int]int{}
	for r, i := range rows {
		if r > 0 && rows[r-1] >= i {
			t.Fatalf("rows not ascending and distinct: %v", rows)
		}
		count[strata[i]]++
	}
	if count[7] != 3 || count[2] != 2 || count[9] != 0 {
		t.Fatalf("allocation %v, want 7:3 2:2 9:0", count)
	}
	if got := StratifiedSample(strata, 20, 1); len(got) != 10 {
		t.Fatalf("oversized sample has %d rows, want all 10", len(got))
	}
}

func BenchmarkSilhouetteExact20000x10(b *testing.B) {
	x, lab := blobs(20000, 10, 6, 8)
	b.ResetTimer()
	for b.Loop() {
		Silhouette(x, 10, lab, 6)
	}
}

func BenchmarkSilhouettes6Labellings10000(b *testing.B) {
	x, _ := blobs(10000, 10, 6, 9)
	var labs [][]int
	var ks []int
	for k := 2; k <= 7; k++ {
		_, lab := blobs(10000, 1, k, uint64(k))
		labs, ks = append(labs, lab), append(ks, k)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := Silhouettes(context.Background(), x, 10, labs, ks, SilhouetteOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSilhouettes6LabellingsSeparately10000(b *testing.B) {
	x, _ := blobs(10000, 10, 6, 9)
	var labs [][]int
	for k := 2; k <= 7; k++ {
		_, lab := blobs(10000, 1, k, uint64(k))
		labs = append(labs, lab)
	}
	b.ResetTimer()
	for b.Loop() {
		for L, lab := range labs {
			Silhouette(x, 10, lab, L+2)
		}
	}
}

func BenchmarkEvaluate1Mx10(b *testing.B) {
	x, lab := blobs(1000000, 10, 6, 10)
	b.ResetTimer()
	for b.Loop() {
		Evaluate(x, 10, lab, 6)
	}
}

func ExampleAdjustedRand() {
	// The same partition under other names, then one row moved.
	fmt.Println(AdjustedRand([]int{0, 0, 1, 1, 2, 2}, []int{5, 5, 3, 3, 9, 9}))
	fmt.Printf("%.4f\n", AdjustedRand([]int{0, 0, 0, 1, 1, 1}, []int{0, 0, 1, 1, 1, 1}))
	// Output:
	// 1
	// 0.3243
}

func ExampleEvaluate() {
	x := []float64{0, 2, 10} // one column, three rows
	q := Evaluate(x, 1, []int{0, 0, 1}, 2)
	fmt.Println(q.Sizes, q.Centroids, q.Inertia, q.CalinskiHarabasz)
	// Output:
	// [2 1] [1 10] 2 27
}
