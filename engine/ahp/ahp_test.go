package ahp

import (
	"errors"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"

	"github.com/seglab/seglab/engine/inputerr"
)

// Reference values computed with numpy.linalg.eig (an independent implementation): the
// principal eigenvector normalised to sum 1, λmax and CI = (λmax − n)/(n − 1). The 3×3 case
// is the textbook example whose weights are usually quoted as 0.637, 0.258, 0.105 with
// CR 0.033.
var textbook = []struct {
	name    string
	a       [][]float64
	weights []float64
	lambda  float64
	ci      float64
}{
	{
		name:    "saaty 3x3",
		a:       [][]float64{{1, 3, 5}, {1.0 / 3, 1, 3}, {1.0 / 5, 1.0 / 3, 1}},
		weights: []float64{0.63698557, 0.25828499, 0.10472943},
		lambda:  3.0385110905581745,
		ci:      0.01925554527908724,
	},
	{
		name:    "4x4",
		a:       [][]float64{{1, 5, 3, 7}, {1.0 / 5, 1, 1.0 / 3, 3}, {1.0 / 3, 3, 1, 5}, {1.0 / 7, 1.0 / 3, 1.0 / 5, 1}},
		weights: []float64{0.56500905, 0.11750425, 0.26220121, 0.05528549},
		lambda:  4.11698244344727,
		ci:      0.03899414781575672,
	},
	{
		name: "six value dimensions",
		a: [][]float64{
			{1, 2, 3, 4, 5, 6}, {1.0 / 2, 1, 2, 3, 4, 5}, {1.0 / 3, 1.0 / 2, 1, 2, 3, 4},
			{1.0 / 4, 1.0 / 3, 1.0 / 2, 1, 2, 3}, {1.0 / 5, 1.0 / 4, 1.0 / 3, 1.0 / 2, 1, 2}, {1.0 / 6, 1.0 / 5, 1.0 / 4, 1.0 / 3, 1.0 / 2, 1},
		},
		weights: []float64{0.38249747, 0.25040175, 0.15958026, 0.10063029, 0.0640774, 0.04281282},
		lambda:  6.122463628004887,
		ci:      0.024492725600977393,
	},
}

func TestWeighTextbook(t *testing.T) {
	for _, c := range textbook {
		t.Run(c.name, func(t *testing.T) {
			r, err := Weigh(c.a)
			if err != nil {
				t.Fatal(err)
			}
			for i, w := range c.weights {
				if !scalar.EqualWithinAbs(r.Weights[i], w, 1e-6) {
					t.Errorf("weight %d = %.9f, want %.9f", i, r.Weights[i], w)
				}
			}
			if !scalar.EqualWithinAbs(r.LambdaMax, c.lambda, 1e-6) {
				t.Errorf("λmax = %.9f, want %.9f", r.LambdaMax, c.lambda)
			}
			if !scalar.EqualWithinAbs(r.ConsistencyIndex, c.ci, 1e-6) {
				t.Errorf("CI = %.9f, want %.9f", r.ConsistencyIndex, c.ci)
			}
			n := len(c.a)
			if want := c.ci / randomIndex[n]; !scalar.EqualWithinAbs(r.ConsistencyRatio, want, 1e-6) {
				t.Errorf("CR = %.9f, want %.9f", r.ConsistencyRatio, want)
			}
		})
	}
	// The quoted textbook figure for the 3×3 case.
	r, _ := Weigh(textbook[0].a)
	if math.Abs(r.ConsistencyRatio-0.033) > 0.0005 {
		t.Errorf("3×3 CR = %.4f, textbook says 0.033", r.ConsistencyRatio)
	}
}

// A perfectly consistent matrix a[i][j] = w[i]/w[j] has exactly w as weights, λmax = n
// and CR = 0.
func TestWeighConsistentMatrix(t *testing.T) {
	w := []float64{0.4, 0.3, 0.15, 0.1, 0.05}
	a := make([][]float64, len(w))
	for i := range a {
		a[i] = make([]float64, len(w))
		for j := range a[i] {
			a[i][j] = w[i] / w[j]
		}
	}
	r, err := Weigh(a)
	if err != nil {
		t.Fatal(err)
	}
	for i := range w {
		if !scalar.EqualWithinAbs(r.Weights[i], w[i], 1e-12) {
			t.Errorf("weight %d = %v, want %v", i, r.Weights[i], w[i])
		}
	}
	if !scalar.EqualWithinAbs(r.LambdaMax, 5, 1e-9) || math.Abs(r.ConsistencyRatio) > 1e-9 {
		t.Errorf("λmax %v CR %v, want 5 and 0", r.LambdaMax, r.ConsistencyRatio)
	}
}

func TestWeighRefusesInconsistent(t *testing.T) {
	// A prefers B strongly, B prefers C strongly, yet C prefers A strongly: a cycle.
	a := [][]float64{{1, 9, 1.0 / 9}, {1.0 / 9, 1, 9}, {9, 1.0 / 9, 1}}
	r, err := Weigh(a)
	if !errors.Is(err, ErrInconsistent) {
		t.Fatalf("err = %v, want ErrInconsistent", err)
	}
	if r.ConsistencyRatio <= MaxConsistencyRatio || !strings.Contains(err.Error(), "consistency ratio") {
		t.Errorf("CR %v, message %q", r.ConsistencyRatio, err)
	}
}

func TestWeighRejectsMalformed(t *testing.T) {
	cases := []struct {
		name string
		a    [][]float64
		want string
	}{
		{"empty", nil, "empty"},
		{"ragged", [][]float64{{1, 2}, {0.5}}, "row 2 has 1 values"},
		{"negative", [][]float64{{1, -2}, {0.5, 1}}, "row 1, column 2"},
		{"diagonal", [][]float64{{2, 2}, {0.5, 1}}, "compared with itself"},
		{"not reciprocal", [][]float64{{1, 3}, {0.5, 1}}, "not the reciprocal"},
	}
	for _, c := range cases {
		if _, err := Weigh(c.a); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want it to mention %q", c.name, err, c.want)
		}
	}
}

func TestParseMatrixForms(t *testing.T) {
	plain := "1,3,5\n1/3,1,3\n1/5,1/3,1\n"
	headed := "\xef\xbb\xbf,购电水平,利润,忠诚度\n购电水平,1,3,5\n利润,1/3,1,3\n忠诚度,0.2,1/3,1\n"
	for _, src := range []string{plain, headed} {
		m, err := ParseMatrix("m.csv", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		if len(m.Values) != 3 || !scalar.EqualWithinAbs(m.Values[1][0], 1.0/3, 1e-15) || m.Values[2][0] != 0.2 {
			t.Errorf("values %v", m.Values)
		}
		r, err := Weigh(m.Values)
		if err != nil || !scalar.EqualWithinAbs(r.Weights[0], textbook[0].weights[0], 1e-6) {
			t.Errorf("weights %v err %v", r.Weights, err)
		}
	}
	m, _ := ParseMatrix("m.csv", []byte(headed))
	if strings.Join(m.Criteria, "|") != "购电水平|利润|忠诚度" {
		t.Errorf("criteria %q", m.Criteria)
	}
	m, _ = ParseMatrix("m.csv", []byte(plain))
	if strings.Join(m.Criteria, "|") != "C1|C2|C3" {
		t.Errorf("criteria %q", m.Criteria)
	}
}

func TestParseMatrixErrorsNamePosition(t *testing.T) {
	cases := []struct{ src, want string }{
		{"", "m.csv: the file is empty"},
		{"1,2\n1/2,x\n", "m.csv:2:2: \"x\" is not a number"},
		{"a,b\n1,2\n0.5,1,7\n", "m.csv:3: 3 values on this line"},
		{"1,\"2\n", "m.csv:1"},
	}
	for _, c := range cases {
		_, err := ParseMatrix("m.csv", []byte(c.src))
		if err == nil || !inputerr.Is(err) || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%q: err = %v, want prefix %q", c.src, err, c.want)
		}
	}
}
