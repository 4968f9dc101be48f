package data

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/seglab/seglab/engine/sample"
)

// benchTable creates table b with rows rows of ten DOUBLE columns (one in ten values NULL).
func benchTable(b *testing.B, s *Session, rows int) {
	b.Helper()
	cols := ""
	for j := range 10 {
		cols += fmt.Sprintf(", CASE WHEN (i + %d) %% 10 = 0 THEN NULL ELSE random() END AS x%d", j, j)
	}
	if _, err := s.DB().Exec(fmt.Sprintf("CREATE TABLE b AS SELECT i%s FROM range(%d) t(i)", cols, rows)); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkReadMatrix reads 1,000,000 rows × 10 DOUBLE columns through the chunk reader and
// through database/sql Scan.
func BenchmarkReadMatrix(b *testing.B) {
	const rows = 1_000_000
	s := newSession(b)
	benchTable(b, s, rows)
	const q = "SELECT x0, x1, x2, x3, x4, x5, x6, x7, x8, x9 FROM b"
	for _, reader := range []string{"chunks", "scan"} {
		b.Run(reader, func(b *testing.B) {
			if reader == "scan" {
				b.Setenv("SEGLAB_SCAN_READER", "1")
			}
			for b.Loop() {
				m, err := s.ReadMatrix(context.Background(), q)
				if err != nil || m.Rows != rows {
					b.Fatalf("%v, %d rows", err, m.Rows)
				}
			}
			b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

// BenchmarkDescribe runs Describe on 3,000,000 rows × 11 columns. Run it with -benchtime=1x
// -count=5 and take the median.
func BenchmarkDescribe(b *testing.B) {
	const rows = 3_000_000
	s := newSession(b)
	benchTable(b, s, rows)
	for b.Loop() {
		if _, err := s.Describe(context.Background(), "b"); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkLoadCSV loads a 1,000,000-row billing-like CSV (checks, type inference, staging).
func BenchmarkLoadCSV(b *testing.B) {
	const rows = 1_000_000
	dir := b.TempDir()
	p := filepath.Join(dir, "billing.csv")
	w := newSession(b)
	_, err := w.DB().Exec(`COPY (SELECT lpad(CAST(i % 100000 AS VARCHAR), 10, '0') AS "户号", '2024-' || lpad(CAST(i % 12 + 1 AS VARCHAR), 2, '0') AS "账期",
		round(random() * 500, 1) AS "抄见电量", round(random() * 100, 1) AS "峰时电量", round(random() * 300, 2) AS "应收电费",
		DATE '2024-02-20' + CAST(i % 300 AS INTEGER) AS "缴费截止日期" FROM range(` + fmt.Sprint(rows) + `) t(i)) TO '` + p + `' (HEADER)`)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		s := newSession(b)
		ts, err := s.Load(context.Background(), p)
		if err != nil || ts[0].Kind != Billing {
			b.Fatal(err)
		}
		s.Close()
	}
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

// workedCase is the folder holding the worked case's exports, generated once per test binary
// by workedCaseDir and removed by TestMain.
var workedCase struct {
	once sync.Once
	dir  string
	sum  sample.Summary
	err  error
}

// workedCaseCustomers is the number of customers of the worked case (README).
const workedCaseCustomers = 329_028

// workedCaseDir generates the worked case (329,028 customers, seed 1, UTF-8 CSV: ≈ 3.9 M
// billing and ≈ 3.7 M payment rows) into a temporary folder the first time it is called.
func workedCaseDir(b *testing.B) (string, sample.Summary) {
	b.Helper()
	workedCase.once.Do(func() {
		workedCase.dir, workedCase.err = os.MkdirTemp("", "seglab-worked-case-")
		if workedCase.err == nil {
			workedCase.sum, workedCase.err = sample.Write(context.Background(), workedCase.dir,
				sample.Options{Customers: workedCaseCustomers, Seed: 1})
		}
	})
	if workedCase.err != nil {
		b.Fatal(workedCase.err)
	}
	return workedCase.dir, workedCase.sum
}

func TestMain(m *testing.M) {
	code := m.Run()
	if workedCase.dir != "" {
		os.RemoveAll(workedCase.dir)
	}
	os.Exit(code)
}

// BenchmarkLoadWorkedCase loads the worked case's six CSV exports (≈ 9.2 M rows, 465 MB) as a
// folder: checks, typed reading, recognition and contract validation. Run it with
// -benchtime=1x -count=5 and take the median.
func BenchmarkLoadWorkedCase(b *testing.B) {
	dir, sum := workedCaseDir(b)
	want := map[string]int64{}
	for _, f := range sum.Files {
		want[stem(f.Name)] = int64(f.Rows)
	}
	var rows int64
	for b.Loop() {
		s, err := Open(Options{})
		if err != nil {
			b.Fatal(err)
		}
		ts, err := s.Load(context.Background(), dir)
		if err != nil {
			b.Fatal(err)
		}
		rows = 0
		for _, t := range ts {
			if t.Kind == "" || t.Rows != want[t.Name] {
				b.Fatalf("%s: kind %q, %d rows, want %d", t.Name, t.Kind, t.Rows, want[t.Name])
			}
			rows += t.Rows
		}
		s.Close()
	}
	b.ReportMetric(float64(rows*int64(b.N))/b.Elapsed().Seconds(), "rows/s")
}
