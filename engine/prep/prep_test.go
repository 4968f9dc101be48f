package prep

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
	"gopkg.in/yaml.v3"

	"github.com/seglab/seglab/engine/inputerr"
)

const tol = 1e-12

func near(a, b float64) bool { return scalar.EqualWithinAbsOrRel(a, b, tol, tol) }

func numTable(name string, v ...float64) Table {
	return Table{Numeric: map[string][]float64{name: v}}
}

// column returns matrix column j of p.
func column(p *Prepared, j int) []float64 {
	out := make([]float64, p.N)
	for i := range p.N {
		out[i] = p.X[i*p.D+j]
	}
	return out
}

func TestNumericTransformsAndScalings(t *testing.T) {
	e := math.E
	sd := math.Sqrt(1.25)
	cases := []struct {
		name string
		dim  DimSpec
		sc   Scaling
		in   []float64
		want []float64
	}{
		{"zscore", DimSpec{Transform: TransformNone}, ZScore, []float64{1, 2, 3, 4},
			[]float64{-1.5 / sd, -0.5 / sd, 0.5 / sd, 1.5 / sd}},
		// median 3, q25 = 2, q75 = 4 → IQR 2
		{"robust", DimSpec{}, Robust, []float64{1, 2, 3, 4, 100}, []float64{-1, -0.5, 0, 0.5, 48.5}},
		{"minmax", DimSpec{}, MinMax, []float64{2, 4, 6, 3}, []float64{0, 0.5, 1, 0.25}},
		{"none", DimSpec{}, NoScaling, []float64{2, -4}, []float64{2, -4}},
		{"log1p", DimSpec{Transform: Log1p}, NoScaling, []float64{0, e - 1, e*e - 1, -1 + 1/e},
			[]float64{0, 1, 2, -1}},
		// 11 values: q(0.1) at h = 1 → 2, q(0.9) at h = 9 → 10
		{"winsorize", DimSpec{Transform: Winsorize, WinsorLow: 0.1, WinsorHigh: 0.9}, NoScaling,
			[]float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100}, []float64{2, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10}},
		// cut points interpolate: 5 values, q(0.1) at h = 0.4 → 1 + 0.4·1, q(0.9) at h = 3.6 → 4 + 0.6·6
		{"winsorize interpolated", DimSpec{Transform: Winsorize, WinsorLow: 0.1, WinsorHigh: 0.9}, NoScaling,
			[]float64{1, 2, 3, 4, 10}, []float64{1.4, 2, 3, 4, 7.6}},
		{"weight", DimSpec{Weight: 3}, MinMax, []float64{0, 10, 5}, []float64{0, 3, 1.5}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.dim.Column, c.dim.Kind = "v", Numeric
			p, err := Fit(Spec{Dims: []DimSpec{c.dim}, Scaling: c.sc}, numTable("v", c.in...))
			if err != nil {
				t.Fatal(err)
			}
			got := column(p, 0)
			for i := range c.want {
				if !near(got[i], c.want[i]) {
					t.Errorf("row %d: got %v, want %v", i, got[i], c.want[i])
				}
			}
		})
	}
}

func TestWinsorizeStoresCutPoints(t *testing.T) {
	p, err := Fit(Spec{Scaling: NoScaling, Dims: []DimSpec{{Column: "v", Kind: Numeric, Transform: Winsorize, WinsorLow: 0.1, WinsorHigh: 0.9}}},
		numTable("v", 1, 2, 3, 4, 10))
	if err != nil {
		t.Fatal(err)
	}
	d := p.Fitted.Dims[0]
	if !near(d.CutLow, 1.4) || !near(d.CutHigh, 7.6) {
		t.Fatalf("cut points %v, %v; want 1.4, 7.6", d.CutLow, d.CutHigh)
	}
	// New data is clamped to the stored cut points, not refitted ones.
	x, _, _, _, err := Apply(p.Fitted, numTable("v", -100, 100, 5))
	if err != nil {
		t.Fatal(err)
	}
	if x[0] != d.CutLow || x[1] != d.CutHigh || x[2] != 5 {
		t.Fatalf("applied %v; want [%v %v 5]", x, d.CutLow, d.CutHigh)
	}
}

func TestCategoricalOneHot(t *testing.T) {
	tab := Table{Text: map[string][]string{"region": {"west", "east", "west", "", "central"}}}
	p, err := Fit(Spec{Scaling: ZScore, Dims: []DimSpec{{Column: "region", Kind: Categorical, Weight: 2}}}, tab)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"central", "east", "west"}; !reflect.DeepEqual(p.Fitted.Dims[0].Categories, want) {
		t.Fatalf("categories %v, want %v", p.Fitted.Dims[0].Categories, want)
	}
	if want := []string{"region=central", "region=east", "region=west"}; !reflect.DeepEqual(p.Fitted.ColumnLabels(), want) {
		t.Fatalf("labels %v, want %v", p.Fitted.ColumnLabels(), want)
	}
	l := math.Sqrt2 // weight 2 / √2
	want := []float64{0, 0, l, 0, l, 0, 0, 0, l, l, 0, 0}
	if p.N != 4 || p.D != 3 {
		t.Fatalf("matrix %d×%d, want 4×3", p.N, p.D)
	}
	for i := range want {
		if !near(p.X[i], want[i]) {
			t.Fatalf("matrix %v, want %v", p.X, want)
		}
	}
	// Two customers in different categories are exactly weight apart.
	var d2 float64
	for j := range 3 {
		diff := p.X[j] - p.X[3+j]
		d2 += diff * diff
	}
	if !near(math.Sqrt(d2), 2) {
		t.Fatalf("distance between categories %v, want the weight 2", math.Sqrt(d2))
	}
	// An unseen category is missing for that dimension.
	x, _, _, miss, err := Apply(p.Fitted, Table{Text: map[string][]string{"region": {"north", "east"}}})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(miss, []int{0}) || !math.IsNaN(x[0]) || !math.IsNaN(x[2]) || !near(x[4], l) {
		t.Fatalf("unseen category: missing %v, x %v", miss, x)
	}
}

func TestMissingRowsReportedAndScored(t *testing.T) {
	nan := math.NaN()
	tab := Table{
		Numeric: map[string][]float64{"kwh": {0, 10, nan, 0, 10, nan}},
		Text:    map[string][]string{"pay": {"bank", "cash", "cash", "", "cash", ""}},
	}
	spec := Spec{Scaling: MinMax, Dims: []DimSpec{{Column: "kwh", Kind: Numeric}, {Column: "pay", Kind: Categorical}}}
	p, err := Fit(spec, tab)
	if err != nil {
		t.Fatal(err)
	}
	r := p.Report
	if r.Total != 6 || r.Selected != 6 || r.Dropped != 3 || !reflect.DeepEqual(r.PerDim, []int{2, 2}) {
		t.Fatalf("report %+v", r)
	}
	if !reflect.DeepEqual(p.Rows, []int{0, 1, 4}) {
		t.Fatalf("fit rows %v", p.Rows)
	}
	if !strings.Contains(r.String(), "fitted on 3 of 6 selected rows") {
		t.Fatalf("report text %q", r.String())
	}
	// Centroids: 0 = (kwh 0, bank), 1 = (kwh 1, cash).
	l := 1 / math.Sqrt2
	cent := []float64{0, l, 0, 1, 0, l}
	labels, miss, err := Score(p.Fitted, tab, cent, 2)
	if err != nil {
		t.Fatal(err)
	}
	// Row 2 has only pay = cash → 1; row 3 only kwh = 0 → 0; row 5 nothing → 0 (lowest index).
	if want := []int{0, 1, 1, 0, 1, 0}; !reflect.DeepEqual(labels, want) {
		t.Fatalf("labels %v, want %v", labels, want)
	}
	if !reflect.DeepEqual(miss, []int{2, 3, 5}) {
		t.Fatalf("missing rows %v", miss)
	}
}

func TestFilterSelectsFitRows(t *testing.T) {
	tab := Table{
		Numeric: map[string][]float64{"kwh": {1, 2, 3, 100, 5}, "class": {1, 1, 1, 2, 1}},
		Text:    map[string][]string{"区域": {"东", "东", "西", "东", "东"}},
	}
	spec := Spec{Scaling: MinMax, Dims: []DimSpec{{Column: "kwh", Kind: Numeric}},
		Filter: Filter{{Column: "区域", Equals: "东"}, {Column: "class", Equals: 1}}}
	p, err := Fit(spec, tab)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(p.Rows, []int{0, 1, 4}) || p.Report.Selected != 3 {
		t.Fatalf("rows %v, report %+v", p.Rows, p.Report)
	}
	if d := p.Fitted.Dims[0]; d.Centre != 1 || d.Scale != 4 {
		t.Fatalf("min–max fitted on %v, %v; want 1, 4 from the selected rows only", d.Centre, d.Scale)
	}
}

func TestFilterSQL(t *testing.T) {
	where, args := Filter{{Column: `a"b`, Equals: "x'); DROP TABLE t; --"}, {Column: "用电类别", Equals: 3}, {Column: "c", Equals: nil}}.SQL()
	if want := `"a""b" = ? AND "用电类别" = ? AND "c" IS NULL`; where != want {
		t.Fatalf("where %s, want %s", where, want)
	}
	if !reflect.DeepEqual(args, []any{"x'); DROP TABLE t; --", 3}) {
		t.Fatalf("args %v", args)
	}
	if where, args := (Filter{}).SQL(); where != "TRUE" || args != nil {
		t.Fatalf("empty filter: %q %v", where, args)
	}
}

func TestFilterMatch(t *testing.T) {
	tab := Table{Numeric: map[string][]float64{"n": {1, math.NaN(), 1}}, Text: map[string][]string{"s": {"a", "a", ""}}}
	cases := []struct {
		f    Filter
		want []bool
	}{
		{Filter{}, []bool{true, true, true}},
		{Filter{{Column: "n", Equals: 1.0}}, []bool{true, false, true}},
		{Filter{{Column: "n", Equals: nil}}, []bool{false, true, false}},
		{Filter{{Column: "s", Equals: "a"}, {Column: "n", Equals: int64(1)}}, []bool{true, false, false}},
		{Filter{{Column: "s", Equals: nil}}, []bool{false, false, true}},
	}
	for _, c := range cases {
		got, err := c.f.Match(tab)
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("%v: got %v, %v; want %v", c.f, got, err, c.want)
		}
	}
	for _, f := range []Filter{{{Column: "n", Equals: "1"}}, {{Column: "s", Equals: 1}}, {{Column: "zz", Equals: 1}}, {{Column: "n", Equals: []int{1}}}} {
		_, err := f.Match(tab)
		var ie *inputerr.Error
		if !errors.As(err, &ie) || ie.ColumnName != f[0].Column {
			t.Errorf("%v: error %v does not name the column", f, err)
		}
	}
}

func TestErrorsNameTheColumn(t *testing.T) {
	nan := math.NaN()
	num := func(col string, tr Transform) []DimSpec {
		return []DimSpec{{Column: col, Kind: Numeric, Transform: tr}}
	}
	cases := []struct {
		name   string
		spec   Spec
		tab    Table
		column string
		msg    string
	}{
		{"constant", Spec{Scaling: ZScore, Dims: num("kwh", "")}, numTable("kwh", 3, 3, 3), "kwh", "constant"},
		{"constant after winsorising", Spec{Scaling: ZScore, Dims: []DimSpec{{Column: "kwh", Kind: Numeric, Transform: Winsorize, WinsorLow: 0.2, WinsorHigh: 0.8}}},
			numTable("kwh", 0, 5, 5, 5, 5, 5, 9), "kwh", "constant"},
		{"all null", Spec{Scaling: ZScore, Dims: num("kwh", "")}, numTable("kwh", nan, nan), "kwh", "all 2 selected rows are missing"},
		{"log1p below -1", Spec{Scaling: ZScore, Dims: num("kwh", Log1p)}, numTable("kwh", 1, -2), "kwh", "log1p"},
		{"unknown transform", Spec{Scaling: ZScore, Dims: num("kwh", "sqrt")}, numTable("kwh", 1, 2), "kwh", "unknown transform"},
		{"zero IQR", Spec{Scaling: Robust, Dims: num("tickets", "")}, numTable("tickets", 0, 0, 0, 0, 7), "tickets", "interquartile"},
		{"infinite", Spec{Scaling: ZScore, Dims: num("kwh", "")}, numTable("kwh", 1, math.Inf(1)), "kwh", "infinite"},
		{"no such column", Spec{Scaling: ZScore, Dims: num("kwh", "")}, numTable("load", 1, 2), "kwh", "no numeric column"},
		{"single category", Spec{Scaling: ZScore, Dims: []DimSpec{{Column: "r", Kind: Categorical}}},
			Table{Text: map[string][]string{"r": {"a", "a", ""}}}, "r", "single category"},
		{"too many categories", Spec{Scaling: ZScore, Dims: []DimSpec{{Column: "id", Kind: Categorical}}},
			Table{Text: map[string][]string{"id": manyValues(MaxCategories + 1)}}, "id", "101 distinct values"},
		{"bad weight", Spec{Scaling: ZScore, Dims: []DimSpec{{Column: "kwh", Kind: Numeric, Weight: -1}}}, numTable("kwh", 1, 2), "kwh", "weight"},
		{"bad quantiles", Spec{Scaling: ZScore, Dims: []DimSpec{{Column: "kwh", Kind: Numeric, Transform: Winsorize, WinsorLow: 0.9, WinsorHigh: 0.1}}},
			numTable("kwh", 1, 2), "kwh", "quantiles"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Fit(c.spec, c.tab)
			var ie *inputerr.Error
			if !errors.As(err, &ie) || ie.ColumnName != c.column || !strings.Contains(err.Error(), c.msg) {
				t.Fatalf("error %v; want an input error naming %q containing %q", err, c.column, c.msg)
			}
		})
	}
	_, err := Fit(Spec{Scaling: "pca", Dims: num("kwh", "")}, numTable("kwh", 1, 2))
	if err == nil || !strings.Contains(err.Error(), `unknown scaling "pca"`) {
		t.Fatalf("unknown scaling: %v", err)
	}
	tab := Table{Numeric: map[string][]float64{"a": {1, nan, 3}, "b": {nan, 2, nan}}}
	_, err = Fit(Spec{Scaling: ZScore, Dims: []DimSpec{{Column: "a", Kind: Numeric}, {Column: "b", Kind: Numeric}}}, tab)
	if err == nil || !strings.Contains(err.Error(), "no rows left") || !strings.Contains(err.Error(), "a 1, b 2") {
		t.Fatalf("no rows left: %v", err)
	}
	// Apply checks new data too.
	p, err := Fit(Spec{Scaling: ZScore, Dims: num("kwh", Log1p)}, numTable("kwh", 1, 2))
	if err != nil {
		t.Fatal(err)
	}
	_, _, _, _, err = Apply(p.Fitted, numTable("kwh", 1, -3))
	var ie *inputerr.Error
	if !errors.As(err, &ie) || ie.ColumnName != "kwh" || !strings.Contains(err.Error(), "row 2") {
		t.Fatalf("apply log1p: %v", err)
	}
}

// manyValues returns n different strings.
func manyValues(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprint("v", i)
	}
	return out
}

// randomTable has numeric columns with about 3 % missing and a categorical column.
func randomTable(n int, seed uint64) Table {
	rng := rand.New(rand.NewPCG(seed, 1))
	num := map[string][]float64{}
	for _, name := range []string{"kwh", "load", "arrears"} {
		v := make([]float64, n)
		for i := range v {
			v[i] = math.Exp(rng.NormFloat64()*1.5) * 100
			if rng.Float64() < 0.03 {
				v[i] = math.NaN()
			}
		}
		num[name] = v
	}
	cats := []string{"银行代扣", "营业厅", "网银", "手机银行"}
	pay := make([]string, n)
	for i := range pay {
		if rng.Float64() > 0.02 {
			pay[i] = cats[rng.IntN(len(cats))]
		}
	}
	return Table{Numeric: num, Text: map[string][]string{"pay": pay}}
}

func TestApplyReproducesFitBitForBit(t *testing.T) {
	tab := randomTable(2000, 7)
	for _, sc := range []Scaling{ZScore, Robust, MinMax, NoScaling} {
		spec := Spec{Scaling: sc, Dims: []DimSpec{
			{Column: "kwh", Kind: Numeric, Transform: Log1p, Weight: 1.5},
			{Column: "load", Kind: Numeric, Transform: Winsorize, WinsorLow: 0.01, WinsorHigh: 0.99},
			{Column: "arrears", Kind: Numeric},
			{Column: "pay", Kind: Categorical, Weight: 0.5},
		}}
		p, err := Fit(spec, tab)
		if err != nil {
			t.Fatal(err)
		}
		// Through YAML and JSON, as a saved definition travels.
		var viaYAML, viaJSON Fitted
		b, _ := yaml.Marshal(p.Fitted)
		if err := yaml.Unmarshal(b, &viaYAML); err != nil {
			t.Fatal(err)
		}
		b, _ = json.Marshal(p.Fitted)
		if err := json.Unmarshal(b, &viaJSON); err != nil {
			t.Fatal(err)
		}
		for name, f := range map[string]Fitted{"direct": p.Fitted, "yaml": viaYAML, "json": viaJSON} {
			x, n, d, miss, err := Apply(f, tab)
			if err != nil {
				t.Fatal(err)
			}
			if n != 2000 || d != p.D || len(miss) != p.Report.Dropped {
				t.Fatalf("%s %s: %d×%d, %d missing; fit %d columns, %d dropped", sc, name, n, d, len(miss), p.D, p.Report.Dropped)
			}
			for k, r := range p.Rows {
				for j := range d {
					if math.Float64bits(x[r*d+j]) != math.Float64bits(p.X[k*d+j]) {
						t.Fatalf("%s %s: row %d col %d: apply %v, fit %v", sc, name, r, j, x[r*d+j], p.X[k*d+j])
					}
				}
			}
		}
	}
}

// requirePython returns the interpreter for the scikit-learn peer, skipping locally and
// failing under CI when it is missing.
func requirePython(t *testing.T) string {
	t.Helper()
	const py = "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import sklearn, numpy").Run(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("scikit-learn peer missing under CI: %v", err)
		}
		t.Skipf("scikit-learn peer missing: %v", err)
	}
	return py
}

func TestZScoreMatchesStandardScaler(t *testing.T) {
	py := requirePython(t)
	tab := randomTable(5000, 11)
	dims := []string{"kwh", "load", "arrears"}
	spec := Spec{Scaling: ZScore}
	for _, d := range dims {
		spec.Dims = append(spec.Dims, DimSpec{Column: d, Kind: Numeric})
	}
	p, err := Fit(spec, tab)
	if err != nil {
		t.Fatal(err)
	}
	// Hand scikit-learn exactly the fit rows.
	var b strings.Builder
	for _, r := range p.Rows {
		for j, d := range dims {
			if j > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, "%.17g", tab.Numeric[d][r])
		}
		b.WriteByte('\n')
	}
	in := filepath.Join(t.TempDir(), "x.csv")
	if err := os.WriteFile(in, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	script := `import sys, json, numpy as np
from sklearn.preprocessing import StandardScaler
X = np.loadtxt(sys.argv[1], delimiter=",")
s = StandardScaler().fit(X)
print(json.dumps({"mean": s.mean_.tolist(), "scale": s.scale_.tolist(), "x": s.transform(X).ravel().tolist()}))`
	out, err := exec.Command(py, "-c", script, in).Output()
	if err != nil {
		t.Fatal(err)
	}
	var ref struct{ Mean, Scale, X []float64 }
	if err := json.Unmarshal(out, &ref); err != nil {
		t.Fatal(err)
	}
	for j, d := range p.Fitted.Dims {
		if !near(d.Centre, ref.Mean[j]) || !near(d.Scale, ref.Scale[j]) {
			t.Errorf("%s: centre %v scale %v; sklearn %v %v", d.Column, d.Centre, d.Scale, ref.Mean[j], ref.Scale[j])
		}
	}
	if len(ref.X) != len(p.X) {
		t.Fatalf("sklearn gave %d values, want %d", len(ref.X), len(p.X))
	}
	for i := range p.X {
		if !near(p.X[i], ref.X[i]) {
			t.Fatalf("value %d: %v, sklearn %v", i, p.X[i], ref.X[i])
		}
	}
}

func TestQuantileMatchesNumPy(t *testing.T) {
	py := requirePython(t)
	v := []float64{0.3, 1.7, 2.2, 2.9, 4.4, 8.1, 8.15, 20}
	ps := []float64{0, 0.01, 0.25, 0.5, 0.63, 0.75, 0.99, 1}
	out, err := exec.Command(py, "-c", `import json, numpy as np
print(json.dumps(np.quantile(np.array([0.3,1.7,2.2,2.9,4.4,8.1,8.15,20]), [0,0.01,0.25,0.5,0.63,0.75,0.99,1]).tolist()))`).Output()
	if err != nil {
		t.Fatal(err)
	}
	var want []float64
	if err := json.Unmarshal(out, &want); err != nil {
		t.Fatal(err)
	}
	for i, p := range ps {
		if got := Quantile(v, p); got != want[i] {
			t.Errorf("q(%v) = %v, NumPy %v", p, got, want[i])
		}
	}
}

func TestApplyRejectsCorruptDefinition(t *testing.T) {
	f := Fitted{Scaling: ZScore, Dims: []Dim{{Column: "kwh", Kind: Numeric, Transform: TransformNone, Scale: 0, Weight: 1}}}
	_, _, _, _, err := Apply(f, numTable("kwh", 1))
	var ie *inputerr.Error
	if !errors.As(err, &ie) || ie.ColumnName != "kwh" {
		t.Fatalf("zero scale: %v", err)
	}
}

func ExampleFilter_SQL() {
	where, args := Filter{{Column: "区域", Equals: "东"}, {Column: `odd"name`, Equals: 2}}.SQL()
	fmt.Println(where)
	fmt.Println(args)
	// Output:
	// "区域" = ? AND "odd""name" = ?
	// [东 2]
}

func TestTableSelect(t *testing.T) {
	tb := Table{Numeric: map[string][]float64{"a": {1, 2, 3}}, Text: map[string][]string{"b": {"x", "y", "z"}}}
	got := tb.Select([]int{2, 0})
	if got.Len() != 2 || got.Numeric["a"][0] != 3 || got.Numeric["a"][1] != 1 || got.Text["b"][0] != "z" || got.Text["b"][1] != "x" {
		t.Errorf("Select = %+v", got)
	}
}
