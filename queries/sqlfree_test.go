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

// TestNoSQLOutsideQueries fails when a Go file outside queries/ (tests aside) holds SQL in a
// string literal: all SQL lives in queries/ as .sql files, so that README's sentence stays
// true and every identifier goes through the one quoting function.
func TestNoSQLOutsideQueries(t *testing.T) {
	root := ".."
	var found []string
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
				found = append(found, fset.Position(lit.Pos()).String()+": "+strings.Join(strings.Fields(s), " "))
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
}
