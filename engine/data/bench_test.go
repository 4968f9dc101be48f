package data

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
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

// BenchmarkDescribe runs Describe (SUMMARIZE) on 3,000,000 rows × 11 columns.
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
