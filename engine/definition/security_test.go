package definition

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seglab/seglab/engine/inputerr"
	"github.com/seglab/seglab/engine/sqlgen"
)

// A definition is data: a column name that tries to break out of its quotes, and source
// paths that point outside the definition's folder, are refused when the file is loaded,
// and nothing is executed or created.
func TestMaliciousDefinitions(t *testing.T) {
	pwned := filepath.Join(t.TempDir(), "pwned")
	evil := `x"; COPY (SELECT 1) TO '` + pwned + `'; --`
	cases := []struct {
		name string
		edit func(string) string
		want string
	}{
		{"column in dims", func(s string) string {
			return strings.Replace(s, "column: peak_share", "column: '"+strings.ReplaceAll(evil, "'", "''")+"'", 1)
		}, "refuses in column names"},
		{"column in population", func(s string) string {
			return strings.Replace(s, "column: customer_type", "column: '"+strings.ReplaceAll(evil, "'", "''")+"'", 1)
		}, "refuses in column names"},
		{"id column", func(s string) string {
			return strings.Replace(s, "id_column: customer_id", "id_column: '"+strings.ReplaceAll(evil, "'", "''")+"'", 1)
		}, "refuses in column names"},
		{"control character", func(s string) string {
			return strings.Replace(s, "column: peak_share", `column: "peak\nshare"`, 1)
		}, "refuses in column names"},
		{"climbing source path", func(s string) string {
			return strings.Replace(s, "sources: []", "sources:\n  - file: passwd\n    path: ../../etc/passwd\n    rows: 1\n    bytes: 1\n    sha256: ab", 1)
		}, "climbs out of the definition's folder"},
		{"absolute source path", func(s string) string {
			return strings.Replace(s, "sources: []", "sources:\n  - file: passwd\n    path: /etc/passwd\n    rows: 1\n    bytes: 1\n    sha256: ab", 1)
		}, "is absolute"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := mutate(t, c.edit)
			if err == nil || !inputerr.Is(err) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v; want %q", err, c.want)
			}
			if _, err := os.Stat(pwned); !os.IsNotExist(err) {
				t.Fatal("the malicious definition created a file")
			}
		})
	}
	// Even a definition built in memory (never loaded) with such a name is not turned into
	// SQL or scored.
	s := session(t)
	synth(t, s, 500, 1)
	d, _, _, _ := fit(t, s, testSpec, 2, 1, nil)
	d.Preprocessing.Dims[0].Column = evil
	if _, err := SQL(d, "wide", sqlgen.DuckDB, "en"); err == nil {
		t.Error("SQL accepted a malicious column name")
	}
	if _, err := SQL(d, `wide"; DROP TABLE wide; --`, sqlgen.DuckDB, "en"); err == nil {
		t.Error("SQL accepted a malicious table name")
	}
	if _, err := Score(context.Background(), s, d); err == nil {
		t.Error("Score accepted a malicious column name")
	}
	if _, err := os.Stat(pwned); !os.IsNotExist(err) {
		t.Fatal("the malicious definition created a file")
	}
}
