package data

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Confine restricts what the session's SQL can touch on disk: from now on DuckDB may read only
// files in or under the readable paths and write only in or under the writable ones (plus the
// session's own temporary folder), and no statement can change these settings again. A path
// that is a folder allows everything under it; a file allows just that file.
//
// DuckDB takes no bound parameters in SET statements, so the paths are written into them as
// string literals with their single quotes doubled.
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
	stmts := []string{
		"SET allowed_directories = " + listLiteral(dirs),
		"SET allowed_paths = " + listLiteral(files),
		"SET enable_external_access = false",
		"SET lock_configuration = true",
	}
	for _, st := range stmts {
		if err := s.exec(ctx, st); err != nil {
			return fmt.Errorf("data: confining the session (%s): %w", st, err)
		}
	}
	return nil
}

// listLiteral writes items as a DuckDB list of string literals.
func listLiteral(items []string) string {
	quoted := make([]string, len(items))
	for i, it := range items {
		quoted[i] = quoteString(it)
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}

func isDir(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.IsDir()
}
