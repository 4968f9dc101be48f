package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/seglab/seglab/engine/data"
	"github.com/seglab/seglab/engine/source"
	"github.com/seglab/seglab/tui/backend"
	"github.com/seglab/seglab/tui/i18n"
	"github.com/seglab/seglab/tui/task"
)

// TestOpenKeepsTheWorkspaceFile parses seglab open --workspace FILE and opens the sample with
// the opener the command hands the workbench (internal/engineadapter; no terminal needed):
// FILE exists while the session is open, and once it is closed it holds every table the
// session showed — the loaded exports, wide — and the assignments of a segmentation fitted
// in it.
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
	if fi, err := os.Stat(file); err != nil || fi.Size() == 0 {
		s.Close()
		t.Fatalf("the workspace file is not there while the session is open: %v", err)
	}
	pop, dims := s.(backend.Suggester).Suggest()
	sw, err := s.(backend.Segmenter).Sweep(ctx, backend.SegmentRequest{Population: pop, Dimensions: dims[:3]}, func(backend.SweepStep) {})
	if err == nil {
		_, err = s.(backend.Segmenter).Segment(ctx, sw, 3)
	}
	if err != nil {
		s.Close()
		t.Fatal(err)
	}
	tables := s.Tables()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if len(tables) < 6 {
		t.Fatalf("the session showed %d tables", len(tables))
	}

	kept, err := data.Open(data.Options{Workspace: file})
	if err != nil {
		t.Fatal(err)
	}
	defer kept.Close()
	names := []string{source.AssignmentsTable}
	for _, tb := range tables {
		names = append(names, tb.Name)
	}
	for _, name := range names {
		if cols, err := kept.Describe(ctx, name); err != nil || len(cols) == 0 {
			t.Errorf("%s holds no table %s: %d columns, %v", file, name, len(cols), err)
		}
	}
}
