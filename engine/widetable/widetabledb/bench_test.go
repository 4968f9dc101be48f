package widetabledb

import (
	"context"
	"database/sql"
	"os"
	"testing"

	"github.com/seglab/seglab/engine/widetable"
)

// BenchmarkBuild times Build on synthetic exports at the scale of the National Grid USA case
// (testdata/synthetic.sql: 329,028 customers, ≈ 3.9 M bills, ≈ 4.0 M payments, 600,000
// outage rows, 300,000 tickets, 33,000 survey answers). Each Build takes seconds, so run it
// as
//
//	go test -run '^$' -bench Build -benchtime 1x -count 5 ./engine/widetable/
//
// and quote the median.
func BenchmarkBuild(b *testing.B) {
	db, err := sql.Open("duckdb", "")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	script, err := os.ReadFile("testdata/synthetic.sql")
	if err != nil {
		b.Fatal(err)
	}
	if _, err := db.Exec(string(script)); err != nil {
		b.Fatalf("synthesising the exports: %v", err)
	}
	var res widetable.Result
	for b.Loop() {
		if res, err = Build(context.Background(), db, widetable.DefaultRules()); err != nil {
			b.Fatal(err)
		}
	}
	if res.Rows != 329028 {
		b.Fatalf("%d rows in wide, want 329028", res.Rows)
	}
	b.ReportMetric(float64(res.Rows)/res.Elapsed.Seconds(), "customers/s")
}
