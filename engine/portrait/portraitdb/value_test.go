package portraitdb

import (
	"context"
	"errors"
	"math"
	"testing"

	"github.com/seglab/seglab/engine/portrait"

	"github.com/seglab/seglab/engine/ahp"
	"github.com/seglab/seglab/engine/inputerr"
)

// valueWide is four business customers and one residential one. By hand (percentile ranks
// over the customers with a value, mid-ranks for ties, a missing value counting 0.5):
//
//	          kwh   bill  tenure credit trend  bill/kVA
//	B1        1000   500    10     90    2.0     5
//	B2        4000  1500     2    100    –       1.5
//	B3        2000  1000     5     80   -1.0    10
//	B4        3000   800     1     90    0.5     – (capacity 0)
//
//	B1: 0    + 0    + 1    + 0.5 + 1   + 0.5 = 3
//	B2: 1    + 1    + 1/3  + 1   + 0.5 + 0   = 23/6
//	B3: 1/3  + 2/3  + 2/3  + 0   + 0   + 1   = 8/3
//	B4: 2/3  + 1/3  + 0    + 0.5 + 0.5 + 0.5 = 5/2
const valueWide = `CREATE TABLE wide AS SELECT * FROM (VALUES
	('B1', 'business', 1000.0, 500.0, 10.0, 90, 2.0, 100.0),
	('B2', 'business', 4000.0, 1500.0, 2.0, 100, NULL, 1000.0),
	('B3', 'business', 2000.0, 1000.0, 5.0, 80, -1.0, 100.0),
	('B4', 'business', 3000.0, 800.0, 1.0, 90, 0.5, 0.0),
	('R1', 'residential', 9e9, 9e9, 99.0, 100, 9.0, 1.0)
) t(customer_id, customer_type, annual_kwh, avg_monthly_bill, tenure_years, credit_score, usage_trend, contract_capacity_kva)`

func equalMatrix(n int) *ahp.Matrix {
	m := &ahp.Matrix{Values: make([][]float64, n)}
	for i := range m.Values {
		m.Criteria = append(m.Criteria, "C"+string(rune('1'+i)))
		m.Values[i] = make([]float64, n)
		for j := range m.Values[i] {
			m.Values[i][j] = 1
		}
	}
	return m
}

func TestValueHandComputed(t *testing.T) {
	db := openDB(t, valueWide)
	res, err := Value(context.Background(), db, portrait.ValueOptions{Matrix: equalMatrix(6)})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		id    string
		score float64
	}{{"B2", 23.0 / 36}, {"B1", 3.0 / 6}, {"B3", 8.0 / 18}, {"B4", 2.5 / 6}}
	if res.Customers != 4 || len(res.Ranking) != 4 || res.TopCount != 1 {
		t.Fatalf("customers %d, ranking %d, top %d", res.Customers, len(res.Ranking), res.TopCount)
	}
	for i, w := range want {
		r := res.Ranking[i]
		if r.Rank != i+1 || r.CustomerID != w.id || !near(r.Score, w.score) || r.Top != (i == 0) {
			t.Errorf("rank %d: got %+v, want %s with %.6f", i+1, r, w.id, w.score)
		}
	}
	if res.Missing != [6]int{0, 0, 0, 0, 1, 1} {
		t.Errorf("missing %v", res.Missing)
	}
	b4 := res.Ranking[3]
	if !math.IsNaN(b4.Raw[5]) || !near(b4.Normalised[5], 0.5) || !near(b4.Normalised[3], 0.5) {
		t.Errorf("B4: raw %v normalised %v", b4.Raw, b4.Normalised)
	}

	res, err = Value(context.Background(), db, portrait.ValueOptions{Matrix: equalMatrix(6), Top: 0.5, Normalisation: portrait.MinMax})
	if err != nil {
		t.Fatal(err)
	}
	if res.TopCount != 2 {
		t.Errorf("top 50%% of 4: %d", res.TopCount)
	}
	var b3 portrait.ValueRow
	for _, r := range res.Ranking {
		if r.CustomerID == "B3" {
			b3 = r
		}
	}
	// (2000−1000)/3000, (1000−500)/1000, (5−1)/9, (80−80)/20, (−1+1)/3, (10−1.5)/8.5
	wantB3 := [6]float64{1.0 / 3, 0.5, 4.0 / 9, 0, 0, 1}
	for i := range wantB3 {
		if !near(b3.Normalised[i], wantB3[i]) {
			t.Errorf("min–max B3 %s: %v, want %v", portrait.Criteria[i].Key, b3.Normalised[i], wantB3[i])
		}
	}
	sum := 0.0
	for _, v := range wantB3 {
		sum += v
	}
	if !near(b3.Score, sum/6) {
		t.Errorf("min–max B3 score %v, want %v", b3.Score, sum/6)
	}
}

func TestValueMatrixByName(t *testing.T) {
	db := openDB(t, valueWide)
	// The default matrix written in reverse order, named in Chinese.
	n := len(portrait.Criteria)
	m := &ahp.Matrix{Values: make([][]float64, n)}
	for i := range n {
		m.Criteria = append(m.Criteria, portrait.Criteria[n-1-i].LabelZH)
		m.Values[i] = make([]float64, n)
		for j := range n {
			m.Values[i][j] = portrait.DefaultValueMatrix[n-1-i][n-1-j]
		}
	}
	got, err := Value(context.Background(), db, portrait.ValueOptions{Matrix: m})
	if err != nil {
		t.Fatal(err)
	}
	def, err := Value(context.Background(), db, portrait.ValueOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range portrait.Criteria {
		if !near(got.AHP.Weights[i], def.AHP.Weights[i]) {
			t.Errorf("%s: weight %v by name, %v by default", portrait.Criteria[i].Key, got.AHP.Weights[i], def.AHP.Weights[i])
		}
	}
	m.Criteria[2] = "价格"
	_, err = Value(context.Background(), db, portrait.ValueOptions{Matrix: m, MatrixFile: "m.csv"})
	if !inputerr.Is(err) {
		t.Errorf("unknown criterion: %v", err)
	}
	_, err = Value(context.Background(), db, portrait.ValueOptions{Matrix: equalMatrix(3), MatrixFile: "m.csv"})
	if !inputerr.Is(err) {
		t.Errorf("3×3 matrix: %v", err)
	}
}

func TestValueRefusesInconsistentMatrix(t *testing.T) {
	db := openDB(t, valueWide)
	m := equalMatrix(6)
	m.Values[0][1], m.Values[1][0] = 9, 1.0/9
	m.Values[1][2], m.Values[2][1] = 9, 1.0/9
	m.Values[2][0], m.Values[0][2] = 9, 1.0/9
	res, err := Value(context.Background(), db, portrait.ValueOptions{Matrix: m})
	if !errors.Is(err, ahp.ErrInconsistent) || res == nil || res.AHP.ConsistencyRatio <= 0.1 || res.Ranking != nil {
		t.Fatalf("err %v, result %+v", err, res)
	}
}
