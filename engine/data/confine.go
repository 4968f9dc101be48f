package data

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/seglab/seglab/queries"
)

// Confine restricts what the session's SQL can touch on disk: from now on DuckDB may read only
// files in or under the readable paths and write only in or under the writable ones (plus the
// session's own temporary folder), and no statement can change these settings again. A path
// that is a folder allows everything under it; a file allows just that file.
//
// DuckDB takes no bound parameters in SET statements, so the paths are written into them as
// string literals through queries.Literal.
func (s *Session) Confine(ctx context.Context, readable, writable []string) error {
	var dirs, files []string
	for _, p := range append(append([]string{s.tempDir}, readable...), writable...) {
		abs, err := filepath.Abs(p)
		if err != nil {
			return fmt.Errorf("data: confining to %s: %w", p, err)
		}
		if isDir(abs) {
			dirs = append(dirs, abs+string(filepath.Separator))
		} else {
			files = append(files, abs)
		}
	}
	stmts := []struct {
		name   string
		params []string
	}{{"confine_directories", dirs}, {"confine_paths", files}, {"confine_external_access", nil}, {"confine_lock", nil}}
	for _, st := range stmts {
		if err := s.exec(ctx, queries.Template(st.name, st.params)); err != nil {
			return fmt.Errorf("data: confining the session (queries/templates/%s.sql): %w", st.name, err)
		}
	}
	return nil
}

func isDir(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.IsDir()
}
