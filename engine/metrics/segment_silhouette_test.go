package metrics

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os/exec"
	"runtime"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
)

// TestSegmentSilhouettesMatchScikitLearn compares the per-cluster means with scikit-learn's
// silhouette_samples averaged by label, on all rows and on a subset, and checks that their
// size-weighted mean is the overall silhouette.
func TestSegmentSilhouettesMatchScikitLearn(t *testing.T) {
	requirePeer(t)
	rng := rand.New(rand.NewPCG(3, 4))
	const n, d, k = 600, 3, 4
	x := make([]float64, n*d)
	labels := make([]int, n)
	for i := range n {
		labels[i] = rng.IntN(k)
		for j := range d {
			x[i*d+j] = float64(labels[i]%2)*1.5 + float64(labels[i]/2)*float64(j) + rng.NormFloat64()
		}
	}
	var sub []int
	for i := 0; i < n; i += 3 {
		sub = append(sub, i)
	}
	for _, rows := range [][]int{nil, sub} {
		got, err := SegmentSilhouettes(context.Background(), x, d, labels, k, rows)
		if err != nil {
			t.Fatal(err)
		}
		want := sklearnSegmentSilhouettes(t, x, d, labels, k, rows)
		for c := range k {
			if !scalar.EqualWithinAbsOrRel(got[c], want[c], 1e-9, 1e-9) {
				t.Errorf("rows %d: cluster %d silhouette %.12g, scikit-learn %.12g", len(rows), c, got[c], want[c])
			}
		}
		if rows == nil {
			mean, sizes := 0.0, make([]int, k)
			for _, l := range labels {
				sizes[l]++
			}
			for c := range k {
				mean += got[c] * float64(sizes[c]) / n
			}
			if all := Silhouette(x, d, labels, k); !scalar.EqualWithinAbsOrRel(mean, all, 1e-9, 1e-9) {
				t.Errorf("size-weighted mean %.12g, overall silhouette %.12g", mean, all)
			}
		}
	}
	// A cluster with no rows is NaN.
	got, err := SegmentSilhouettes(context.Background(), x, d, labels, k+1, nil)
	if err != nil || !math.IsNaN(got[k]) {
		t.Errorf("empty cluster: %v %v", got, err)
	}
}

// sklearnSegmentSilhouettes runs scikit-learn's silhouette_samples on the rows (all when nil).
func sklearnSegmentSilhouettes(t *testing.T, x []float64, d int, labels []int, k int, rows []int) []float64 {
	t.Helper()
	if rows == nil {
		for i := range labels {
			rows = append(rows, i)
		}
	}
	var xs [][]float64
	var ls []int
	for _, r := range rows {
		xs = append(xs, x[r*d:r*d+d])
		ls = append(ls, labels[r])
	}
	in, _ := json.Marshal(map[string]any{"x": xs, "labels": ls, "k": k})
	cmd := exec.Command("/usr/bin/python3", "-c", `
import json, sys
import numpy as np
from sklearn.metrics import silhouette_samples
a = json.load(sys.stdin)
x, l = np.array(a["x"]), np.array(a["labels"])
s = silhouette_samples(x, l)
print(json.dumps([float(s[l == c].mean()) for c in range(a["k"])]))
`)
	cmd.Stdin = strings.NewReader(string(in))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("scikit-learn: %v", err)
	}
	var v []float64
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatal(fmt.Errorf("%w: %s", err, out))
	}
	return v
}

// TestSegmentSilhouettesDeterministic checks that the result does not depend on the number
// of processors, over several tiles of rows, on all rows and on a sample.
func TestSegmentSilhouettesDeterministic(t *testing.T) {
	x, lab := blobs(1000, 4, 5, 11)
	sample := StratifiedSample(lab, 700, 3)
	for _, rows := range [][]int{nil, sample} {
		two, err := SegmentSilhouettes(context.Background(), x, 4, lab, 5, rows)
		if err != nil {
			t.Fatal(err)
		}
		prev := runtime.GOMAXPROCS(1)
		one, err := SegmentSilhouettes(context.Background(), x, 4, lab, 5, rows)
		runtime.GOMAXPROCS(prev)
		if err != nil {
			t.Fatal(err)
		}
		for c := range one {
			if math.Float64bits(one[c]) != math.Float64bits(two[c]) {
				t.Errorf("rows %d, cluster %d: %v with one processor, %v with %d", len(rows), c, one[c], two[c], prev)
			}
		}
	}
}

func TestSegmentSilhouettesCancelled(t *testing.T) {
	x, lab := blobs(3000, 3, 3, 7)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := SegmentSilhouettes(ctx, x, 3, lab, 3, nil); err != context.Canceled {
		t.Fatalf("error %v, want context.Canceled", err)
	}
}

// BenchmarkSegmentSilhouettes4000x13 is the segment views' silhouette: a 4,000-row
// sample of 13 dimensions, 7 segments.
func BenchmarkSegmentSilhouettes4000x13(b *testing.B) {
	x, lab := blobs(50000, 13, 7, 12)
	sample := StratifiedSample(lab, 4000, 1)
	for b.Loop() {
		if _, err := SegmentSilhouettes(context.Background(), x, 13, lab, 7, sample); err != nil {
			b.Fatal(err)
		}
	}
}
