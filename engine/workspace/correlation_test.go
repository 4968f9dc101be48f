package workspace

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"

	"github.com/seglab/seglab/engine/prep"
	"github.com/seglab/seglab/internal/peer"
)

func TestTransformedWinsorisesAtQuantiles(t *testing.T) {
	x := []float64{math.NaN()}
	for i := 1; i <= 100; i++ {
		x = append(x, float64(i))
	}
	got := Transformed(x, prep.DimSpec{Transform: prep.Winsorize, WinsorLow: 0.05, WinsorHigh: 0.95})
	// NumPy's linear quantiles of 1..100: h = 99p, so 5.95 and 95.05.
	if !math.IsNaN(got[0]) || got[1] != 5.95 || got[6] != 6 || got[95] != 95 || got[96] != 95.05 || got[100] != 95.05 {
		t.Errorf("winsorised %v … %v", got[:8], got[94:])
	}
	if !math.IsNaN(x[0]) || x[1] != 1 {
		t.Error("Transformed changed its input")
	}
	l := Transformed([]float64{-2, -1, 0, math.E - 1}, prep.DimSpec{Transform: prep.Log1p})
	if !math.IsNaN(l[0]) || !math.IsInf(l[1], -1) || l[2] != 0 || math.Abs(l[3]-1) > 1e-15 {
		t.Errorf("log1p %v", l)
	}
	if r := Pearson([][]float64{{1, 2, 3, math.NaN()}, {2, 4, 6, 1}, {5, 5, 5, 5}}); r[0][1] != 1 || !math.IsNaN(r[0][2]) || r[2][2] != 1 {
		t.Errorf("pearson %v", r)
	}
}

// TestCorrelationMatchesPandas correlates skewed columns with missing values, log1p and
// winsorised, and compares with pandas (pairwise deletion) over NumPy's winsorising.
func TestCorrelationMatchesPandas(t *testing.T) {
	peer.Require(t, "pandas", "numpy")
	rng := rand.New(rand.NewPCG(1, 2))
	const n = 3000
	cols := make([][]float64, 3)
	for i := range cols {
		cols[i] = make([]float64, n)
	}
	for k := range n {
		z := rng.NormFloat64()
		cols[0][k] = math.Exp(2 + z + 0.5*rng.NormFloat64())
		cols[1][k] = math.Exp(z*0.5+rng.NormFloat64()) * 10
		cols[2][k] = z + rng.NormFloat64()
		for i := range cols {
			if rng.Float64() < 0.05 {
				cols[i][k] = math.NaN()
			}
		}
	}
	dims := []prep.DimSpec{{Transform: prep.Log1p}, {Transform: prep.Winsorize, WinsorLow: 0.01, WinsorHigh: 0.99}, {}}
	vals := make([][]float64, len(cols))
	for i := range cols {
		vals[i] = Transformed(cols[i], dims[i])
	}
	got := Pearson(vals)

	var b strings.Builder
	b.WriteString("a,b,c\n")
	for k := range n {
		for i := range cols {
			if i > 0 {
				b.WriteString(",")
			}
			if !math.IsNaN(cols[i][k]) {
				b.WriteString(fmt.Sprintf("%.17g", cols[i][k]))
			}
		}
		b.WriteString("\n")
	}
	csv := filepath.Join(t.TempDir(), "x.csv")
	if err := os.WriteFile(csv, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	script := `
import sys, json, numpy as np, pandas as pd
d = pd.read_csv(sys.argv[1])
d["a"] = np.log1p(d["a"])
lo, hi = np.nanquantile(d["b"], [0.01, 0.99])
d["b"] = d["b"].clip(lo, hi)
print(json.dumps(d.corr(method="pearson").values.tolist()))
`
	out, err := exec.Command(peer.Python, "-c", script, csv).Output()
	if err != nil {
		t.Fatal(err)
	}
	var want [][]float64
	if err := json.Unmarshal(out, &want); err != nil {
		t.Fatal(err)
	}
	for i := range want {
		for j := range want[i] {
			if !scalar.EqualWithinAbsOrRel(got[i][j], want[i][j], 1e-12, 1e-12) {
				t.Errorf("r[%d][%d] = %.15g, pandas %.15g", i, j, got[i][j], want[i][j])
			}
		}
	}
}

// TestCorrelationOnTheSample reads the residential customers of the sample and correlates
// three dimensions; the matrix is symmetric with a unit diagonal, and a categorical column
// is refused.
func TestCorrelationOnTheSample(t *testing.T) {
	w := openSample(t, Options{})
	pop, _ := w.Population(Residential)
	r, err := w.Correlation(context.Background(), []prep.DimSpec{kwh, outages, {Column: "peak_share", Transform: prep.Winsorize, WinsorLow: 0.01, WinsorHigh: 0.99}}, pop)
	if err != nil {
		t.Fatal(err)
	}
	for i := range r {
		for j := range r {
			if r[i][j] != r[j][i] || math.IsNaN(r[i][j]) || (i == j && r[i][j] != 1) {
				t.Fatalf("matrix %v", r)
			}
		}
	}
	if _, err := w.Correlation(context.Background(), []prep.DimSpec{{Column: "region"}}, pop); err == nil {
		t.Error("a categorical column should be refused")
	}
}

// BenchmarkCorrelationWide opens a wide table of 296,201 customers with eight numeric
// columns and correlates them over everyone: the whole call the Dimensions screen makes
// (read with the matrix reader, transform, correlate).
func BenchmarkCorrelationWide(b *testing.B) {
	rng := rand.New(rand.NewPCG(5, 6))
	const n, d = 296201, 8
	var sb strings.Builder
	sb.WriteString("customer_id")
	for j := range d {
		fmt.Fprintf(&sb, ",x%d", j)
	}
	sb.WriteString("\n")
	for k := range n {
		fmt.Fprintf(&sb, "%d", k+1)
		for range d {
			fmt.Fprintf(&sb, ",%.6g", math.Exp(rng.NormFloat64()))
		}
		sb.WriteString("\n")
	}
	path := filepath.Join(b.TempDir(), "wide.csv")
	if err := os.WriteFile(path, []byte(sb.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	w, err := Open(context.Background(), []string{path}, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	dims := make([]prep.DimSpec, d)
	for j := range dims {
		dims[j] = prep.DimSpec{Column: fmt.Sprintf("x%d", j), Kind: prep.Numeric}
	}
	dims[0].Transform = prep.Log1p
	dims[1].Transform, dims[1].WinsorLow, dims[1].WinsorHigh = prep.Winsorize, 0.01, 0.99
	b.ResetTimer()
	for range b.N {
		if _, err := w.Correlation(context.Background(), dims, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCorrelation correlates eight dimensions (one log1p, one winsorised) of 296,201
// customers, the size of a district's residential customers, once read into memory.
func BenchmarkCorrelation(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	const n, d = 296201, 8
	cols := make([][]float64, d)
	for i := range cols {
		cols[i] = make([]float64, n)
		for k := range cols[i] {
			cols[i][k] = math.Exp(rng.NormFloat64())
		}
	}
	dims := make([]prep.DimSpec, d)
	dims[0] = prep.DimSpec{Transform: prep.Log1p}
	dims[1] = prep.DimSpec{Transform: prep.Winsorize, WinsorLow: 0.01, WinsorHigh: 0.99}
	b.ResetTimer()
	for range b.N {
		vals := make([][]float64, d)
		for i := range cols {
			vals[i] = Transformed(cols[i], dims[i])
		}
		Pearson(vals)
	}
}
