package stattest

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

// scipy runs a Python snippet with SciPy (the independent reference) and decodes the JSON
// it prints. Under CI the peer must be present; locally the test is skipped without it.
func scipy(t *testing.T, script string, input any, out any) {
	t.Helper()
	py := "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import scipy").Run(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("SciPy peer missing under CI: %v", err)
		}
		t.Skip("SciPy not installed")
	}
	in, _ := json.Marshal(input)
	cmd := exec.Command(py, "-c", script)
	cmd.Stdin = strings.NewReader(string(in))
	b, err := cmd.Output()
	if err != nil {
		t.Fatalf("python: %v", err)
	}
	if err := json.Unmarshal(b, out); err != nil {
		t.Fatalf("decoding %q: %v", b, err)
	}
}

func close9(got, want float64) bool { return scalar.EqualWithinAbsOrRel(got, want, 1e-300, 1e-9) }

func TestOneWayANOVAMatchesSciPy(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var cases [][][]float64
	for c := 0; c < 6; c++ {
		k := 2 + c%5
		groups := make([][]float64, k)
		for g := range groups {
			n := 3 + rng.IntN(400)
			shift := rng.NormFloat64() * float64(c%3) * 0.3
			for i := 0; i < n; i++ {
				groups[g] = append(groups[g], 1e3+50*(rng.NormFloat64()+shift)) // far from zero on purpose
			}
		}
		cases = append(cases, groups)
	}
	// Well-separated groups: p far below 1e-16, where computing 1 − CDF would return 0.
	sep := make([][]float64, 3)
	for g := range sep {
		for i := 0; i < 200; i++ {
			sep[g] = append(sep[g], float64(g)*0.8+rng.NormFloat64())
		}
	}
	cases = append(cases, sep)
	var want []struct{ F, P, Eta2 float64 }
	scipy(t, `
import json, sys
import numpy as np
from scipy import stats
out = []
for groups in json.load(sys.stdin):
    f, p = stats.f_oneway(*groups)
    allv = np.concatenate(groups); grand = allv.mean()
    ssb = sum(len(g) * (np.mean(g) - grand) ** 2 for g in groups)
    out.append({"F": f, "P": p, "Eta2": ssb / ((allv - grand) ** 2).sum()})
print(json.dumps(out))
`, cases, &want)
	for i, groups := range cases {
		summaries := make([]Group, len(groups))
		for g, v := range groups {
			summaries[g] = Summarize(v)
		}
		got := OneWayANOVA(summaries)
		if !close9(got.F, want[i].F) || !close9(got.P, want[i].P) || !close9(got.EtaSquared, want[i].Eta2) {
			t.Errorf("case %d: F %.15g p %.15g η² %.15g; SciPy F %.15g p %.15g η² %.15g",
				i, got.F, got.P, got.EtaSquared, want[i].F, want[i].P, want[i].Eta2)
		}
	}
}

func TestOneWayANOVAByHand(t *testing.T) {
	// Groups {1,2,3} and {5,6,7}: grand mean 4, SSB = 3·4 + 3·4 = 24, SSW = 2 + 2 = 4,
	// F = (24/1)/(4/4) = 24, η² = 24/28.
	got := OneWayANOVA([]Group{Summarize([]float64{1, 2, 3}), Summarize([]float64{5, 6, 7, math.NaN()}), {}})
	if got.F != 24 || got.DFBetween != 1 || got.DFWithin != 4 || !scalar.EqualWithinAbs(got.EtaSquared, 24.0/28, 1e-15) {
		t.Errorf("got %+v", got)
	}
	// t-test equivalence: p for F(1,4)=24 is 0.008050…, the two-sided t test p for t = √24.
	if !scalar.EqualWithinAbs(got.P, 0.00805, 1e-5) {
		t.Errorf("p = %v", got.P)
	}
	if r := OneWayANOVA([]Group{Summarize([]float64{1, 1}), Summarize([]float64{2, 2})}); !math.IsInf(r.F, 1) || r.P != 0 {
		t.Errorf("constant groups with different means: %+v", r)
	}
	if r := OneWayANOVA([]Group{Summarize([]float64{1, 2})}); !math.IsNaN(r.F) {
		t.Errorf("one group: %+v", r)
	}
}

func TestChiSquareMatchesSciPy(t *testing.T) {
	tables := [][][]float64{
		{{10, 20, 30}, {6, 9, 17}},
		{{120, 30, 5, 0}, {80, 60, 20, 0}, {10, 15, 40, 0}},
		{{3, 7}, {9, 1}},
		{{5000, 1200, 300, 40, 9}, {4000, 2000, 500, 60, 3}, {100, 200, 800, 90, 1}, {10, 10, 10, 10, 1}},
	}
	var want []struct{ Chi2, P, DF, V float64 }
	scipy(t, `
import json, sys
import numpy as np
from scipy import stats
out = []
for tab in json.load(sys.stdin):
    a = np.array(tab, dtype=float)
    a = a[a.sum(axis=1) > 0][:, a.sum(axis=0) > 0]
    chi2, p, dof, _ = stats.chi2_contingency(a, correction=False)
    v = np.sqrt(chi2 / (a.sum() * (min(a.shape) - 1)))
    out.append({"Chi2": chi2, "P": p, "DF": dof, "V": v})
print(json.dumps(out))
`, tables, &want)
	for i, tab := range tables {
		got := ChiSquareTest(tab)
		if !close9(got.Chi2, want[i].Chi2) || !close9(got.P, want[i].P) || got.DF != want[i].DF || !close9(got.CramersV, want[i].V) {
			t.Errorf("table %d: χ² %.15g p %.15g df %v V %.15g; SciPy χ² %.15g p %.15g df %v V %.15g",
				i, got.Chi2, got.P, got.DF, got.CramersV, want[i].Chi2, want[i].P, want[i].DF, want[i].V)
		}
	}
}

func TestChiSquareByHand(t *testing.T) {
	// Perfect association in a 2×2 table: V = 1. Independence: χ² = 0, p = 1.
	if r := ChiSquareTest([][]float64{{10, 0}, {0, 10}}); !scalar.EqualWithinAbs(r.CramersV, 1, 1e-15) || r.Chi2 != 20 {
		t.Errorf("association: %+v", r)
	}
	if r := ChiSquareTest([][]float64{{10, 20}, {5, 10}}); r.Chi2 != 0 || r.P != 1 || r.CramersV != 0 {
		t.Errorf("independence: %+v", r)
	}
	if r := ChiSquareTest([][]float64{{10, 20}, {0, 0}}); r.DF != 0 || r.P != 1 {
		t.Errorf("one non-empty row: %+v", r)
	}
}
