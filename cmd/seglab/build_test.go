package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBuildCommand(t *testing.T) {
	out := filepath.Join(t.TempDir(), "wide.csv")
	status, stdout, stderr := runSeglab(t, "build", "--input", "../../sample-data", "--out", out, "--json")
	if status != 0 {
		t.Fatalf("status %d: %s", status, stderr)
	}
	var sum buildSummary
	if err := json.Unmarshal([]byte(stdout), &sum); err != nil {
		t.Fatal(err, stdout)
	}
	customers, _ := os.ReadFile("../../sample-data/customers.csv")
	wantRows := strings.Count(string(customers), "\n") - 1
	written, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(written)), "\n")
	if int(sum.Customers) != wantRows || len(lines)-1 != wantRows || sum.ReferenceMonth == "" {
		t.Errorf("summary %+v, %d lines written, %d customers in the export", sum, len(lines)-1, wantRows)
	}
	if !strings.HasPrefix(lines[0], "\ufeffcustomer_id,customer_type,") {
		t.Errorf("header %q", lines[0])
	}
	// The customers export is not in id order; the wide table is written in it.
	for i := 2; i < len(lines); i++ {
		prev, _, _ := strings.Cut(lines[i-1], ",")
		id, _, _ := strings.Cut(lines[i], ",")
		if id <= prev {
			t.Fatalf("line %d: customer %s follows %s: the wide table is not written in customer order", i+1, id, prev)
		}
	}
}

func TestBuildCommandBadUse(t *testing.T) {
	dir := t.TempDir()
	if status, _, _ := runSeglab(t, "build", "--input", "../../sample-data"); status != 2 {
		t.Errorf("no --out: status %d, want 2", status)
	}
	if status, _, stderr := runSeglab(t, "build", "--input", "../../sample-data", "--out", filepath.Join(dir, "w.json")); status != 2 || !strings.Contains(stderr, ".csv, .xlsx or .parquet") {
		t.Errorf("bad extension: status %d %q", status, stderr)
	}
	wide := writeFile(t, "wide.csv", "customer_id,annual_kwh\nc1,3\n")
	status, _, stderr := runSeglab(t, "build", "--input", wide, "--out", filepath.Join(dir, "w.csv"))
	if status != 1 || !strings.Contains(stderr, "not a set of raw exports") {
		t.Errorf("wide table as input: status %d %q", status, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "w.csv")); !os.IsNotExist(err) {
		t.Errorf("output written despite the error")
	}
}
