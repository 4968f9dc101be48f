package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// valueWideCSV: four business customers, one residential. With equal weights the scores are
// the means of the percentile ranks, worked out by hand in engine/portrait's value_test.go:
// B2 23/36, B1 1/2, B3 4/9, B4 5/12.
const valueWideCSV = `customer_id,customer_type,annual_kwh,avg_monthly_bill,tenure_years,credit_score,usage_trend,contract_capacity_kva
B1,business,1000,500,10,90,2.0,100
B2,business,4000,1500,2,100,,1000
B3,business,2000,1000,5,80,-1.0,100
B4,business,3000,800,1,90,0.5,0
R1,residential,9000000,9000000,99,100,9,1
`

func TestValueCommand(t *testing.T) {
	wide := writeFile(t, "wide.csv", valueWideCSV)
	equal := writeFile(t, "equal.csv", strings.Repeat("1,1,1,1,1,1\n", 6))
	out := filepath.Join(t.TempDir(), "value.csv")
	status, stdout, stderr := runSeglab(t, "value", "--input", wide, "--matrix", equal, "--out", out, "--json")
	if status != 0 {
		t.Fatalf("status %d: %s", status, stderr)
	}
	var got struct {
		Customers int `json:"customers"`
		TopCount  int `json:"top_count"`
		Ranking   []struct {
			CustomerID string  `json:"customer_id"`
			Score      float64 `json:"score"`
			Top        bool    `json:"top"`
		} `json:"ranking"`
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatal(err, stdout)
	}
	want := []struct {
		id    string
		score float64
	}{{"B2", 23.0 / 36}, {"B1", 0.5}, {"B3", 4.0 / 9}, {"B4", 5.0 / 12}}
	if got.Customers != 4 || got.TopCount != 1 || len(got.Ranking) != 4 {
		t.Fatalf("%+v", got)
	}
	for i, w := range want {
		r := got.Ranking[i]
		if r.CustomerID != w.id || r.Score < w.score-1e-9 || r.Score > w.score+1e-9 || r.Top != (i == 0) {
			t.Errorf("rank %d: %+v, want %s %.6f", i+1, r, w.id, w.score)
		}
	}
	written, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(written)), "\n")
	if len(lines) != 5 || !strings.HasPrefix(lines[0], "\ufeffvalue_rank,customer_id,value_score,value_top") || !strings.HasPrefix(lines[1], "1,B2,") {
		t.Errorf("--out file:\n%s", written)
	}

	status, stdout, _ = runSeglab(t, "value", "--input", wide, "--top", "0.5")
	if status != 0 || !strings.Contains(stdout, "top 50 % = 2 customers") || !strings.Contains(stdout, "CR 0.0030") {
		t.Errorf("table output (status %d):\n%s", status, stdout)
	}
}

func TestValueCommandBadInput(t *testing.T) {
	wide := writeFile(t, "wide.csv", valueWideCSV)
	cycle := writeFile(t, "cycle.csv", "1,9,1/9,1,1,1\n1/9,1,9,1,1,1\n9,1/9,1,1,1,1\n1,1,1,1,1,1\n1,1,1,1,1,1\n1,1,1,1,1,1\n")
	status, stdout, stderr := runSeglab(t, "value", "--input", wide, "--matrix", cycle)
	if status != 1 || !strings.Contains(stderr, "cycle.csv") || !strings.Contains(stderr, "consistency ratio") || !strings.Contains(stdout, "INCONSISTENT") {
		t.Errorf("inconsistent matrix: status %d\n%s\n%s", status, stdout, stderr)
	}
	bad := writeFile(t, "bad.csv", "1,2\n1/2,x\n")
	status, _, stderr = runSeglab(t, "value", "--input", wide, "--matrix", bad)
	if status != 1 || !strings.Contains(stderr, "bad.csv:2:2") {
		t.Errorf("bad cell: status %d, %q", status, stderr)
	}
	three := writeFile(t, "three.csv", "1,3,5\n1/3,1,3\n1/5,1/3,1\n")
	status, _, stderr = runSeglab(t, "value", "--input", wide, "--matrix", three)
	if status != 1 || !strings.Contains(stderr, "three.csv") || !strings.Contains(stderr, "3 criteria") {
		t.Errorf("3×3 matrix: status %d, %q", status, stderr)
	}
	noCredit := writeFile(t, "nocredit.csv", "customer_id,customer_type,annual_kwh\nB1,business,1\n")
	status, _, stderr = runSeglab(t, "value", "--input", noCredit)
	if status != 1 || !strings.Contains(stderr, `"avg_monthly_bill"`) {
		t.Errorf("missing column: status %d, %q", status, stderr)
	}
	for _, args := range [][]string{{"value"}, {"value", "--input", wide, "--top", "2"}, {"value", "--input", wide, "--normalise", "z"}, {"value", "--input", wide, "--out", "x.txt"}} {
		if status, _, _ := runSeglab(t, args...); status != 2 {
			t.Errorf("%v: status %d, want 2", args, status)
		}
	}
}
