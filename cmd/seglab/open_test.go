package main

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/seglab/seglab/engine/data"
	"github.com/seglab/seglab/tui/i18n"
	"github.com/seglab/seglab/tui/task"
)

// TestOpenKeepsTheWorkspaceFile parses seglab open --workspace FILE and opens the sample with
// the opener the command hands the workbench (no terminal needed): the workbench's tables
// are kept in FILE.
func TestOpenKeepsTheWorkspaceFile(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the sample into DuckDB")
	}
	file := filepath.Join(t.TempDir(), "work.duckdb")
	cmd, _, err := newRootCmd().Find([]string{"open", sampleData})
	if err != nil || cmd.Name() != "open" {
		t.Fatalf("found %v, %v", cmd, err)
	}
	if err := cmd.ParseFlags([]string{"--workspace", file}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	s, err := workbenchOpener(cmd)(i18n.Tr{Lang: i18n.EN})(ctx, []string{sampleData}, func(task.Step) {})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	kept, err := data.Open(data.Options{Workspace: file})
	if err != nil {
		t.Fatal(err)
	}
	defer kept.Close()
	if cols, err := kept.Describe(ctx, "wide"); err != nil || len(cols) < 10 {
		t.Fatalf("%s holds no wide table: %d columns, %v", file, len(cols), err)
	}
}
