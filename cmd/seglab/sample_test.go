package main

import (
	"bytes"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSampleCommandWritesCSV(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new")
	var out, errOut bytes.Buffer
	status := run([]string{"sample", "--out", dir, "--customers", "300", "--seed", "9", "--truth"}, nil, &out, &errOut)
	if status != exitOK {
		t.Fatalf("status %d, stderr %q", status, errOut.String())
	}
	line := out.String()
	if strings.Count(line, "\n") != 1 || !strings.Contains(line, "300 customers") || !strings.Contains(line, "billing ") {
		t.Errorf("summary %q is not one line with counts", line)
	}
	for _, name := range []string{"customers.csv", "billing.csv", "payments.csv", "outages.csv", "tickets.csv", "survey.csv", "planted_segments.csv"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Count(data, []byte("\n")) < 2 {
			t.Errorf("%s has no data rows", name)
		}
	}
	customers, _ := os.ReadFile(filepath.Join(dir, "customers.csv"))
	if got := bytes.Count(customers, []byte("\n")) - 1; got != 300 {
		t.Errorf("customers.csv has %d rows, want 300", got)
	}
}

func TestSampleCommandUsageErrors(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"sample"},
		{"sample", "--out", dir, "--customers", "0"},
		{"sample", "--out", dir, "--format", "xlsx"},
		{"sample", "--out", dir, "--encoding", "latin1"},
		{"sample", "--out", dir, "--format", "parquet", "--encoding", "gbk"},
		{"sample", "--out", dir, "--as-of", "2025-13"},
		{"sample", "--out", dir, "--as-of", "2025-1"},
		{"sample", "--out", dir, "--customers", "ten"},
		{"sample", "--out", dir, "extra"},
	} {
		var out, errOut bytes.Buffer
		if status := run(args, nil, &out, &errOut); status != exitUsage {
			t.Errorf("%q: status %d, want %d (stderr %q)", args, status, exitUsage, errOut.String())
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("usage errors left %d files", len(entries))
	}
}

// TestSampleCommandWritesTypedParquet converts a small sample to Parquet and reads it back
// with DuckDB: same rows as the CSV, and the column types of EXPORTS.md.
func TestSampleCommandWritesTypedParquet(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "it's parquet") // a quote in the path must not break the COPY
	csvDir := filepath.Join(base, "csv")
	for _, args := range [][]string{
		{"sample", "--out", dir, "--customers", "200", "--format", "parquet", "--truth"},
		{"sample", "--out", csvDir, "--customers", "200"},
	} {
		var out, errOut bytes.Buffer
		if status := run(args, nil, &out, &errOut); status != exitOK {
			t.Fatalf("%q: status %d, stderr %q", args, status, errOut.String())
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 7 {
		t.Errorf("parquet folder holds %d entries, want 7 files and no temporary folder", len(entries))
	}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var rows, csvRows int
	var idType, sizeType, dateType string
	var emptySizes int
	if err := db.QueryRow(`SELECT count(*), any_value(typeof("户号")), any_value(typeof("家庭人口")), any_value(typeof("立户日期")), count(*) - count("家庭人口") FROM read_parquet(?)`,
		filepath.Join(dir, "customers.parquet")).Scan(&rows, &idType, &sizeType, &dateType, &emptySizes); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`SELECT count(*) FROM read_csv(?, header = true)`, filepath.Join(csvDir, "customers.csv")).Scan(&csvRows); err != nil {
		t.Fatal(err)
	}
	if rows != 200 || csvRows != 200 {
		t.Errorf("customers: %d Parquet rows, %d CSV rows, want 200", rows, csvRows)
	}
	if idType != "VARCHAR" || sizeType != "INTEGER" || dateType != "DATE" {
		t.Errorf("types 户号 %s, 家庭人口 %s, 立户日期 %s; want VARCHAR, INTEGER, DATE", idType, sizeType, dateType)
	}
	if emptySizes == 0 {
		t.Error("no business customer has an empty household size in Parquet; empty CSV fields must become NULL")
	}
	var kwh float64
	if err := db.QueryRow(`SELECT sum("抄见电量") FROM read_parquet(?)`, filepath.Join(dir, "billing.parquet")).Scan(&kwh); err != nil {
		t.Fatal(err)
	}
	var csvKWh float64
	if err := db.QueryRow(`SELECT sum("抄见电量") FROM read_csv(?, header = true)`, filepath.Join(csvDir, "billing.csv")).Scan(&csvKWh); err != nil {
		t.Fatal(err)
	}
	if kwh != csvKWh || kwh <= 0 {
		t.Errorf("billing kWh: Parquet %v, CSV %v", kwh, csvKWh)
	}
}
