package segmap

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
)

// TestProjectMatchesScikitLearnPCA compares the explained shares, the loadings (up to sign)
// and the projected points with scikit-learn's PCA on the same rows.
func TestProjectMatchesScikitLearnPCA(t *testing.T) {
	if err := exec.Command("/usr/bin/python3", "-c", "import sklearn").Run(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("scikit-learn missing under CI: %v", err)
		}
		t.Skip("scikit-learn missing")
	}
	rng := rand.New(rand.NewPCG(5, 6))
	const n, d = 500, 4
	x := make([]float64, n*d)
	labels := make([]int, n)
	for i := range n {
		labels[i] = 1 + i%3
		base := rng.NormFloat64()
		for j := range d {
			x[i*d+j] = base*float64(j+1) + float64(labels[i]*j) + rng.NormFloat64()*0.5
		}
	}
	m, err := Project(x, n, d, labels, nil)
	if err != nil {
		t.Fatal(err)
	}
	rows := make([][]float64, n)
	for i := range n {
		rows[i] = x[i*d : i*d+d]
	}
	in, _ := json.Marshal(rows)
	cmd := exec.Command("/usr/bin/python3", "-c", `
import json, sys
import numpy as np
from sklearn.decomposition import PCA
x = np.array(json.load(sys.stdin))
p = PCA(n_components=2).fit(x)
print(json.dumps({"ratio": p.explained_variance_ratio_.tolist(), "comp": p.components_.tolist(), "proj": p.transform(x).tolist()}))
`)
	cmd.Stdin = strings.NewReader(string(in))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("scikit-learn: %v", err)
	}
	var want struct {
		Ratio []float64
		Comp  [][]float64
		Proj  [][]float64
	}
	if err := json.Unmarshal(out, &want); err != nil {
		t.Fatal(err)
	}
	for ax := range 2 {
		if !scalar.EqualWithinAbsOrRel(m.Explained[ax], want.Ratio[ax], 1e-9, 1e-9) {
			t.Errorf("axis %d explains %.12g, scikit-learn %.12g", ax, m.Explained[ax], want.Ratio[ax])
		}
		sign := 1.0
		if m.Loadings[ax][0]*want.Comp[ax][0] < 0 {
			sign = -1
		}
		for j := range d {
			if !scalar.EqualWithinAbsOrRel(m.Loadings[ax][j], sign*want.Comp[ax][j], 1e-9, 1e-9) {
				t.Errorf("axis %d loading %d: %.12g, scikit-learn %.12g", ax, j, m.Loadings[ax][j], sign*want.Comp[ax][j])
			}
		}
		for i := 0; i < n; i += 37 {
			got := m.Points[i].X
			if ax == 1 {
				got = m.Points[i].Y
			}
			if !scalar.EqualWithinAbsOrRel(got, sign*want.Proj[i][ax], 1e-9, 1e-9) {
				t.Errorf("row %d axis %d: %.12g, scikit-learn %.12g", i, ax, got, sign*want.Proj[i][ax])
			}
		}
	}
	// Each centre is the mean of its segment's points (the projection is linear).
	for _, c := range m.Centres {
		var sx, sy float64
		for _, p := range m.Points {
			if p.Segment == c.Segment {
				sx += p.X
				sy += p.Y
			}
		}
		if math.Abs(sx/float64(c.Size)-c.X) > 1e-9 || math.Abs(sy/float64(c.Size)-c.Y) > 1e-9 {
			t.Errorf("segment %d centre (%g, %g), mean of its points (%g, %g)", c.Segment, c.X, c.Y, sx/float64(c.Size), sy/float64(c.Size))
		}
	}
	if len(m.Centres) != 3 {
		t.Errorf("%d centres, want 3", len(m.Centres))
	}
}

func TestProjectRefusesDegenerateInput(t *testing.T) {
	if _, err := Project([]float64{1, 2, 3}, 3, 1, []int{1, 1, 1}, nil); err == nil {
		t.Error("one dimension: no error")
	}
	if _, err := Project(make([]float64, 8), 4, 2, []int{1, 1, 2, 2}, nil); err == nil {
		t.Error("constant rows: no error")
	}
}
