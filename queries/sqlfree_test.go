package queries

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// sqlText matches string literals that are SQL or a piece of it: a statement's first word,
// or a clause, operator or cast written the way SQL is written (upper case).
var sqlText = regexp.MustCompile(`^\s*\(?\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|WITH|COPY|PRAGMA|SET|ATTACH|DESCRIBE|SUMMARIZE|EXPLAIN)\s` +
	`|\b(FROM|WHERE|JOIN|GROUP BY|ORDER BY|LIMIT|IS NULL|IS NOT NULL|EXCLUDE|VALUES)\s` +
	`|\bCAST\(|::(VARCHAR|DOUBLE|INTEGER|BIGINT|DATE)\b|\s(=|<>|IN) \?|\bAND \(?"|\bcount\(\*\)`)

// pending are the files that still hold SQL, each with why: the test fails on SQL anywhere
// else, and on a file listed here that holds none any more (so the list only shrinks).
var pending = map[string]string{
	// Generators of SQL for other databases: their statements are in queries/dialect, the
	// per-dialect spellings (casts, functions) in Go.
	"engine/sqlgen/dialect.go":               "per-dialect spellings",
	"engine/sqlgen/widetable.go":             "per-dialect spellings",
	"engine/definition/sql.go":               "per-dialect spellings",
	"engine/sqlgen/enginetest/clickhouse.go": "test harness loading other engines",
	"engine/sqlgen/enginetest/enginetest.go": "test harness loading other engines",
	"engine/sqlgen/enginetest/postgres.go":   "test harness loading other engines",
	"engine/sqlgen/enginetest/sqlite.go":     "test harness loading other engines",
}

// TestNoSQLOutsideQueries fails when a Go file outside queries/ (tests aside) holds SQL in a
// string literal: all SQL lives in queries/ as .sql files, so that README's sentence stays
// true and every identifier goes through the one quoting function. Files still pending are
// listed above.
func TestNoSQLOutsideQueries(t *testing.T) {
	root := ".."
	var found []string
	holding := map[string]bool{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != root && (strings.HasPrefix(name, ".") || name == "queries" || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, src, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err == nil && sqlText.MatchString(s) {
				rel := filepath.ToSlash(strings.TrimPrefix(path, root+string(filepath.Separator)))
				if _, ok := pending[rel]; ok {
					holding[rel] = true
				} else {
					found = append(found, fset.Position(lit.Pos()).String()+": "+strings.Join(strings.Fields(s), " "))
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range found {
		t.Error("SQL outside queries/: " + f)
	}
	for f := range pending {
		if !holding[f] {
			t.Errorf("%s holds no SQL any more: take it off the pending list", f)
		}
	}
}
