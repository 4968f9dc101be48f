package data

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/seglab/seglab/engine/inputerr"
	"github.com/seglab/seglab/queries"
)

// engineText is what must never reach a user: SQL and DuckDB's error classes.
var engineText = regexp.MustCompile(`\b(SELECT|COPY|CREATE|LINE \d+)\b|read_csv\(|[A-Z][a-z]+ Error:`)

// FuzzLoadCSV loads arbitrary bytes as a CSV file (seeds: testdata/fuzz/FuzzLoadCSV, the
// hostile files of the adversarial pass and small exports). Load must never panic; it either
// loads a table whose rows DuckDB can count, or refuses with an input error that names the file
// and quotes no SQL or engine class; a refusal leaves no table behind.
func FuzzLoadCSV(f *testing.F) {
	s, err := Open(Options{Threads: 1})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { s.Close() })
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, b []byte) {
		p := filepath.Join(dir, "fuzz.csv")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		before := len(s.Tables())
		ts, err := s.Load(context.Background(), p)
		if err != nil {
			if !inputerr.Is(err) {
				t.Fatalf("refusal is not an input error: %v", err)
			}
			if m := engineText.FindString(err.Error()); m != "" {
				t.Fatalf("the message quotes %q: %v", m, err)
			}
			if len(s.Tables()) != before {
				t.Fatal("a refused load left a table")
			}
			return
		}
		var n int64
		if err := s.DB().QueryRow(`SELECT count(*) FROM ` + queries.Ident(ts[0].Name)).Scan(&n); err != nil || n != ts[0].Rows {
			t.Fatalf("loaded table counts %d rows (%v); Load said %d", n, err, ts[0].Rows)
		}
	})
}
