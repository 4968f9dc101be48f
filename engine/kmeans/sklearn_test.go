package kmeans

import (
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/seglab/seglab/engine/benchdata"
)

// benchmarkSets are the clustering benchmarks of ../../../shared/data/clustering-benchmarks
// with the adjusted Rand index scikit-learn 1.2.1 reaches on them (the README's figure, the
// lower end where it gives a range).
var benchmarkSets = []struct {
	name   string
	k      int
	minARI float64
}{
	{"s1", 15, 0.9868},
	{"s2", 15, 0.9371},
	{"a1", 20, 0.9972},
	{"dim032", 16, 1.0},
}

func loadBenchmark(t *testing.T, name string) (x []float64, n, d int, truth []int) {
	t.Helper()
	dir := filepath.Join(sharedDir(), "data", "clustering-benchmarks")
	x, n, d = readMatrix(t, filepath.Join(dir, name+".txt"))
	gt, gn, gd := readMatrix(t, filepath.Join(dir, name+"-gt.txt"))
	if gn != n || gd != 1 {
		t.Fatalf("%s: %d×%d ground truth for %d rows", name, gn, gd, n)
	}
	truth = make([]int, n)
	for i, v := range gt {
		truth[i] = int(v)
	}
	return x, n, d, truth
}

func TestARIOnBenchmarksAtLeastScikitLearn(t *testing.T) {
	for _, set := range benchmarkSets {
		t.Run(set.name, func(t *testing.T) {
			x, n, d, truth := loadBenchmark(t, set.name)
			res := fit(t, x, n, d, Options{K: set.k, Seed: 0})
			labels := make([]int, n)
			for i, l := range res.Labels {
				labels[i] = int(l)
			}
			got := ari(labels, truth)
			t.Logf("%s: ARI %.4f (scikit-learn ≥ %.4f), inertia %.6g", set.name, got, set.minARI, res.Inertia)
			if got < set.minARI-1e-3 {
				t.Errorf("%s: ARI %.4f below scikit-learn's %.4f", set.name, got, set.minARI)
			}
		})
	}
}

// peerFit runs the scikit-learn peer on x (written to a CSV in dir) and returns its answer.
func peerFit(t *testing.T, dir string, x []float64, n, d, k int) (inertia float64, nIter int) {
	t.Helper()
	peer := peerPath(t)
	csv := filepath.Join(dir, "x.csv")
	dims := writeCSV(t, csv, x, n, d)
	out, err := exec.Command("/usr/bin/python3", peer, "fit", csv, "--dims", dims, "--k", fmt.Sprint(k),
		"--scale", "none", "--n-init", "10", "--seed", "0", "--no-quality").Output()
	if err != nil {
		t.Fatalf("peer: %v\n%s", err, out)
	}
	var ans struct {
		Inertia float64 `json:"inertia"`
		NIter   int     `json:"n_iter"`
	}
	if err := json.Unmarshal(out, &ans); err != nil {
		t.Fatalf("peer output %q: %v", out, err)
	}
	return ans.Inertia, ans.NIter
}

func TestInertiaAtMostScikitLearn(t *testing.T) {
	type data struct {
		name    string
		x       []float64
		n, d, k int
	}
	var sets []data
	for _, set := range benchmarkSets {
		x, n, d, _ := loadBenchmark(t, set.name)
		sets = append(sets, data{set.name, x, n, d, set.k})
	}
	const n, d = 20000, 6
	mx := benchdata.Blobs(n, d, 7, 8)
	benchdata.ZScore(mx, n, d)
	sets = append(sets, data{"mixture z-scored", mx, n, d, 6})
	for _, s := range sets {
		t.Run(s.name, func(t *testing.T) {
			want, peerIter := peerFit(t, t.TempDir(), s.x, s.n, s.d, s.k)
			res := fit(t, s.x, s.n, s.d, Options{K: s.k, Seed: 0})
			t.Logf("%s: inertia %.10g (%d iterations), scikit-learn %.10g (%d iterations)", s.name, res.Inertia, res.Iterations, want, peerIter)
			if res.Inertia > want*(1+1e-3) {
				t.Errorf("%s: inertia %.10g exceeds scikit-learn's %.10g by more than 0.1%%", s.name, res.Inertia, want)
			}
		})
	}
}
