package rules

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// planted is n rows of three numeric features and one categorical one, labelled 1..4 by a
// rule on them with 15 % of labels replaced at random.
func planted(n int, seed uint64) ([]Feature, []int) {
	rng := rand.New(rand.NewPCG(seed, 1))
	kwh, tenure, late := make([]float64, n), make([]float64, n), make([]float64, n)
	heating := make([]string, n)
	labels := make([]int, n)
	for i := range n {
		kwh[i] = math.Exp(5 + rng.NormFloat64()*0.6)
		tenure[i] = 25 * rng.Float64()
		late[i] = float64(rng.IntN(8))
		heating[i] = []string{"electric", "gas", "other"}[rng.IntN(3)]
		switch {
		case late[i] >= 5:
			labels[i] = 3
		case heating[i] == "gas" && kwh[i] < 200:
			labels[i] = 4
		case tenure[i] > 15:
			labels[i] = 2
		default:
			labels[i] = 1
		}
		if rng.Float64() < 0.15 {
			labels[i] = 1 + rng.IntN(4)
		}
	}
	return []Feature{{Name: "annual_kwh", Numeric: kwh}, {Name: "tenure_years", Numeric: tenure},
		{Name: "late_payment_count", Numeric: late}, {Name: "heating", Text: heating}}, labels
}

// TestAccuracyMatchesScikitLearn fits the same tree as scikit-learn's DecisionTreeClassifier
// (Gini, same depth and leaf size, the category one-hot) and compares the training accuracy
// and the leaf sizes.
func TestAccuracyMatchesScikitLearn(t *testing.T) {
	if err := exec.Command("/usr/bin/python3", "-c", "import sklearn").Run(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("scikit-learn missing under CI: %v", err)
		}
		t.Skip("scikit-learn missing")
	}
	fs, labels := planted(3000, 7)
	for _, opt := range []Options{{MaxDepth: 2, MinLeaf: 30}, {MaxDepth: 3, MinLeaf: 30}, {MaxDepth: 4, MinLeaf: 10}} {
		tree, err := Fit(fs, labels, opt)
		if err != nil {
			t.Fatal(err)
		}
		acc, leaves := sklearnTree(t, fs, labels, opt)
		if math.Abs(tree.Accuracy-acc) > 1e-12 {
			t.Errorf("depth %d: accuracy %.6f, scikit-learn %.6f", opt.MaxDepth, tree.Accuracy, acc)
		}
		var ours []int
		covered := 0
		for _, r := range tree.Rules {
			ours = append(ours, r.Covered)
			covered += r.Covered
			if r.Covered < opt.MinLeaf {
				t.Errorf("a rule covers %d rows, fewer than the leaf size %d", r.Covered, opt.MinLeaf)
			}
			if len(r.Conditions) > opt.MaxDepth {
				t.Errorf("a rule has %d conditions at depth %d", len(r.Conditions), opt.MaxDepth)
			}
		}
		if covered != len(labels) {
			t.Errorf("the rules cover %d rows of %d", covered, len(labels))
		}
		if fmt.Sprint(sortedInts(ours)) != fmt.Sprint(sortedInts(leaves)) {
			t.Errorf("depth %d: leaf sizes %v, scikit-learn %v", opt.MaxDepth, sortedInts(ours), sortedInts(leaves))
		}
		// Predict agrees with the rules' own counts.
		correct := 0
		for i := range labels {
			if tree.Predict(fs, i) == labels[i] {
				correct++
			}
		}
		if got := float64(correct) / float64(len(labels)); math.Abs(got-tree.Accuracy) > 1e-12 {
			t.Errorf("Predict's accuracy %.6f, the rules' %.6f", got, tree.Accuracy)
		}
	}
}

func TestRulesFindThePlantedConditions(t *testing.T) {
	fs, labels := planted(4000, 9)
	tree, err := Fit(fs, labels, Options{MaxDepth: 3, MinLeaf: 40})
	if err != nil {
		t.Fatal(err)
	}
	by := tree.BySegment()
	top := by[3][0] // late payers
	if len(top.Conditions) == 0 || top.Conditions[0].Feature != "late_payment_count" || top.Conditions[0].Op != GT || top.Conditions[0].Threshold != 4.5 {
		t.Errorf("segment 3's rule %+v does not start with late_payment_count > 4.5", top)
	}
	if top.Precision() < 0.8 {
		t.Errorf("segment 3's rule is right for only %.2f of the rows it covers", top.Precision())
	}
	found := false
	for _, r := range by[4] {
		for _, c := range r.Conditions {
			found = found || (c.Feature == "heating" && c.Op == Equal && c.Value == "gas")
		}
	}
	if !found {
		t.Errorf("no rule for segment 4 says heating = gas: %+v", by[4])
	}
}

func TestFitRefusesBadInput(t *testing.T) {
	if _, err := Fit(nil, []int{1}, Options{}); err == nil {
		t.Error("no feature: no error")
	}
	if _, err := Fit([]Feature{{Name: "a", Numeric: []float64{1}}}, []int{1, 2}, Options{}); err == nil {
		t.Error("length mismatch: no error")
	}
	if _, err := Fit([]Feature{{Name: "a", Numeric: []float64{math.NaN()}}}, []int{1}, Options{}); err == nil {
		t.Error("no complete row: no error")
	}
}

func sortedInts(v []int) []int {
	out := append([]int(nil), v...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// sklearnTree fits DecisionTreeClassifier on the same rows and returns its training accuracy
// and leaf sizes.
func sklearnTree(t *testing.T, fs []Feature, labels []int, opt Options) (float64, []int) {
	t.Helper()
	cols := map[string]any{}
	for _, f := range fs {
		if f.Numeric != nil {
			cols[f.Name] = f.Numeric
		} else {
			cols[f.Name] = f.Text
		}
	}
	in, _ := json.Marshal(map[string]any{"cols": cols, "labels": labels, "depth": opt.MaxDepth, "leaf": opt.MinLeaf})
	cmd := exec.Command("/usr/bin/python3", "-c", `
import json, sys
import numpy as np, pandas as pd
from sklearn.tree import DecisionTreeClassifier
a = json.load(sys.stdin)
X = pd.get_dummies(pd.DataFrame(a["cols"]), dtype=float)
m = DecisionTreeClassifier(max_depth=a["depth"], min_samples_leaf=a["leaf"], random_state=0).fit(X, a["labels"])
leaves = m.apply(X)
print(json.dumps({"acc": float(m.score(X, a["labels"])), "leaves": [int(c) for c in np.bincount(leaves) if c > 0]}))
`)
	cmd.Stdin = strings.NewReader(string(in))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("scikit-learn: %v", err)
	}
	var r struct {
		Acc    float64 `json:"acc"`
		Leaves []int   `json:"leaves"`
	}
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	return r.Acc, r.Leaves
}

// TestRecountOnAllRows fits on a sample and recounts on every row: the counts are those of
// Predict, and a recount on the fitting rows gives back the fit's own counts.
func TestRecountOnAllRows(t *testing.T) {
	fs, labels := planted(3000, 11)
	var sub []int
	for i := 0; i < 3000; i += 4 {
		sub = append(sub, i)
	}
	sample := make([]Feature, len(fs))
	for j, f := range fs {
		sample[j] = Feature{Name: f.Name}
		for _, i := range sub {
			if f.Numeric != nil {
				sample[j].Numeric = append(sample[j].Numeric, f.Numeric[i])
			} else {
				sample[j].Text = append(sample[j].Text, f.Text[i])
			}
		}
	}
	subLabels := make([]int, len(sub))
	for k, i := range sub {
		subLabels[k] = labels[i]
	}
	tree, err := Fit(sample, subLabels, Options{MaxDepth: 3, MinLeaf: 20})
	if err != nil {
		t.Fatal(err)
	}
	before := append([]Rule(nil), tree.Rules...)
	acc := tree.Accuracy
	tree.Recount(sample, subLabels)
	for i := range before {
		if before[i].Covered != tree.Rules[i].Covered || before[i].Correct != tree.Rules[i].Correct {
			t.Errorf("rule %d: fit counts %d/%d, recount on the same rows %d/%d", i, before[i].Correct, before[i].Covered, tree.Rules[i].Correct, tree.Rules[i].Covered)
		}
	}
	if tree.Accuracy != acc {
		t.Errorf("accuracy %v, recounted %v", acc, tree.Accuracy)
	}
	tree.Recount(fs, labels)
	covered, correct := 0, 0
	for _, r := range tree.Rules {
		covered += r.Covered
		correct += r.Correct
	}
	want := 0
	for i := range labels {
		if tree.Predict(fs, i) == labels[i] {
			want++
		}
	}
	if covered != 3000 || correct != want {
		t.Errorf("recount on all rows: %d covered, %d correct; Predict gets %d right", covered, correct, want)
	}
}
