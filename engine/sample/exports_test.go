package sample

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// world is a generated sample read back through encoding/csv, independently of the
// generator's own bookkeeping.
type world struct {
	dir     string
	rows    map[string][][]string // by file name, header first
	planted map[string]string     // customer_id → planted segment
}

// generateWorld writes a sample with opts (Truth forced on) into a fresh directory and reads
// every file back.
func generateWorld(t testing.TB, opts Options) *world {
	t.Helper()
	opts.Truth = true
	dir := t.TempDir()
	if _, err := Write(context.Background(), dir, opts); err != nil {
		t.Fatalf("Write: %v", err)
	}
	w := &world{dir: dir, rows: map[string][][]string{}, planted: map[string]string{}}
	for _, name := range append(exportFiles(), TruthFile) {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		w.rows[name] = recs
	}
	for _, r := range w.rows[TruthFile][1:] {
		w.planted[r[0]] = r[1]
	}
	return w
}

func exportFiles() []string {
	var names []string
	for _, e := range Exports() {
		names = append(names, e.File)
	}
	return names
}

// data returns the data rows of file.
func (w *world) data(file string) [][]string { return w.rows[file][1:] }

func num(t testing.TB, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("not a number: %q", s)
	}
	return v
}
