package profiledb

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

	"github.com/seglab/seglab/engine/profile"

	"gonum.org/v1/gonum/floats/scalar"
)

// scipyCheck recomputes, with pandas and SciPy, what the profile derives for a CSV with a
// segment column: per numeric column f_oneway, eta², quartiles (numpy linear interpolation)
// and the standardised differences; per categorical column chi2_contingency without
// correction and Cramér's V.
const scipyCheck = `
import json, sys
import numpy as np, pandas as pd
from scipy import stats
df = pd.read_csv(sys.argv[1], dtype={"c": str, "d": str})
segs = sorted(df.segment.unique())
out = {"numeric": {}, "categorical": {}}
for col in ["x", "y", "z"]:
    v = df[[col, "segment"]].dropna()
    raw = [v.loc[v.segment == k, col].to_numpy() for k in segs]
    # x − 1e6 is exact for x near 1e6 and keeps the differences of means exact.
    groups = [g - (1e6 if col == "x" else 0) for g in raw]
    f, p = stats.f_oneway(*groups)
    allv = np.concatenate(groups)
    grand = allv.mean()
    ssb = sum(len(g) * (g.mean() - grand) ** 2 for g in groups)
    out["numeric"][col] = {
        "f": float(f), "p": float(p), "eta2": float(ssb / ((allv - grand) ** 2).sum()),
        "q1": [float(np.percentile(g, 25)) for g in raw],
        "median": [float(np.median(g)) for g in raw],
        "std_diff": [float((g.mean() - grand) / allv.std()) for g in groups],
    }
for col in ["c", "d"]:
    tab = pd.crosstab(df.segment, df[col])
    chi2, p, dof, _ = stats.chi2_contingency(tab.to_numpy(), correction=False)
    n = tab.to_numpy().sum()
    out["categorical"][col] = {"chi2": float(chi2), "p": float(p), "df": int(dof),
        "v": float(np.sqrt(chi2 / (n * (min(tab.shape) - 1))))}
print(json.dumps(out))
`

// requirePython returns the interpreter with SciPy, skipping locally and failing under CI
// when it is missing.
func requirePython(t *testing.T) string {
	t.Helper()
	py := "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import scipy, pandas").Run(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("SciPy/pandas needed under CI: %v", err)
		}
		t.Skipf("no SciPy/pandas: %v", err)
	}
	return py
}

// writeRandomTable writes n customers in k segments: x near 1e6 (so a naive Σx² − n·mean²
// would lose every digit), y skewed with 10 % missing, z small counts, c and d categories
// whose mix depends on the segment.
func writeRandomTable(t *testing.T, n, k int) (csvPath, labelsPath string) {
	rng := rand.New(rand.NewPCG(7, 11))
	var b, labels strings.Builder
	b.WriteString("customer_id,segment,x,y,z,c,d\n")
	for i := range n {
		seg := 1 + rng.IntN(k)
		y := ""
		if rng.Float64() > 0.1 {
			y = fmt.Sprintf("%.6f", rng.ExpFloat64()*(1+0.1*float64(seg)))
		}
		c := fmt.Sprintf("v%d", (seg+rng.IntN(3))%5)
		d := []string{"a", "b", "c"}[rng.IntN(3)]
		fmt.Fprintf(&b, "id%05d,%d,%.9f,%s,%d,%s,%s\n", i, seg, 1e6+rng.NormFloat64()*3+0.05*float64(seg), y, rng.IntN(4+seg), c, d)
		fmt.Fprintf(&labels, "%d\n", seg)
	}
	dir := t.TempDir()
	csvPath, labelsPath = filepath.Join(dir, "t.csv"), filepath.Join(dir, "labels.txt")
	if err := os.WriteFile(csvPath, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(labelsPath, []byte(labels.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return csvPath, labelsPath
}

func loadRandomTable(t *testing.T, csvPath string) *profile.Result {
	db := openDB(t)
	if _, err := db.Exec(`CREATE TABLE wide AS SELECT * EXCLUDE (segment) FROM read_csv(?, types={'c': 'VARCHAR', 'd': 'VARCHAR'})`, csvPath); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE assignments AS SELECT customer_id, segment FROM read_csv(?)`, csvPath); err != nil {
		t.Fatal(err)
	}
	r, err := Compute(context.Background(), db, profile.Options{Columns: []profile.Column{
		{Name: "x", Kind: profile.Numeric}, {Name: "y", Kind: profile.Numeric}, {Name: "z", Kind: profile.Numeric},
		{Name: "c", Kind: profile.Categorical}, {Name: "d", Kind: profile.Categorical},
	}})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func close9(t *testing.T, what string, got profile.Number, want float64) {
	t.Helper()
	if !scalar.EqualWithinAbsOrRel(float64(got), want, 1e-300, 1e-9) {
		t.Errorf("%s = %.15g, SciPy %.15g (rel %.1e)", what, float64(got), want, math.Abs(float64(got)-want)/math.Abs(want))
	}
}

func TestAgainstSciPy(t *testing.T) {
	py := requirePython(t)
	csvPath, _ := writeRandomTable(t, 6000, 5)
	raw, err := exec.Command(py, "-c", scipyCheck, csvPath).Output()
	if err != nil {
		t.Fatalf("python: %v", err)
	}
	var want struct {
		Numeric map[string]struct {
			F, P, Eta2          float64
			Q1, Median, StdDiff []float64 `json:"-"`
			Q1s                 []float64 `json:"q1"`
			Medians             []float64 `json:"median"`
			StdDiffs            []float64 `json:"std_diff"`
		}
		Categorical map[string]struct {
			Chi2, P, V float64
			DF         int
		}
	}
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatal(err, string(raw))
	}
	r := loadRandomTable(t, csvPath)
	if len(r.Numeric) != 3 || len(r.Categorical) != 2 {
		t.Fatalf("profiled %d numeric, %d categorical", len(r.Numeric), len(r.Categorical))
	}
	for _, np := range r.Numeric {
		w := want.Numeric[np.Column]
		close9(t, np.Column+" F", np.ANOVA.F, w.F)
		close9(t, np.Column+" p", np.ANOVA.P, w.P)
		close9(t, np.Column+" eta²", np.ANOVA.EtaSquared, w.Eta2)
		for j, s := range np.Segments {
			close9(t, np.Column+" q1", s.Q1, w.Q1s[j])
			close9(t, np.Column+" median", s.Median, w.Medians[j])
			close9(t, np.Column+" std diff", s.StdDiff, w.StdDiffs[j])
		}
	}
	for _, cp := range r.Categorical {
		w := want.Categorical[cp.Column]
		close9(t, cp.Column+" chi2", cp.ChiSquare.Chi2, w.Chi2)
		close9(t, cp.Column+" p", cp.ChiSquare.P, w.P)
		close9(t, cp.Column+" V", cp.ChiSquare.CramersV, w.V)
		if int(cp.ChiSquare.DF) != w.DF {
			t.Errorf("%s df %v, SciPy %d", cp.Column, cp.ChiSquare.DF, w.DF)
		}
	}
}

// TestAgainstPeer checks the ANOVA of the columns without missing values against the shared
// scikit-learn/SciPy peer in score mode.
func TestAgainstPeer(t *testing.T) {
	peer := "/work/shared/peers/sklearn_kmeans.py"
	if _, err := os.Stat(peer); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("peer needed under CI: %v", err)
		}
		t.Skipf("no peer: %v", err)
	}
	py := requirePython(t)
	csvPath, labelsPath := writeRandomTable(t, 3000, 4)
	raw, err := exec.Command(py, peer, "score", csvPath, "--dims", "x,z", "--labels", labelsPath, "--scale", "none").Output()
	if err != nil {
		t.Fatalf("peer: %v", err)
	}
	var want struct {
		ANOVA map[string]struct{ F, P, Eta2 float64 } `json:"anova"`
	}
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatal(err, string(raw))
	}
	r := loadRandomTable(t, csvPath)
	for _, col := range []string{"x", "z"} {
		got, w := r.NumericColumn(col).ANOVA, want.ANOVA[col]
		close9(t, col+" F", got.F, w.F)
		close9(t, col+" p", got.P, w.P)
		close9(t, col+" eta²", got.EtaSquared, w.Eta2)
	}
}
