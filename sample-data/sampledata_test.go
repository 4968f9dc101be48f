package sampledata

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/seglab/seglab/engine/sample"
)

// TestEmbeddedSampleMatchesGenerator regenerates the sample and compares it byte for byte
// with the embedded files. If it fails after a change to engine/sample, run go generate in
// this folder and commit the new files.
func TestEmbeddedSampleMatchesGenerator(t *testing.T) {
	dir := t.TempDir()
	sum, err := sample.Write(context.Background(), dir, Options())
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Files) != 7 {
		t.Fatalf("generator wrote %d files, want 6 exports and the truth file", len(sum.Files))
	}
	var total int64
	for _, f := range sum.Files {
		want, err := os.ReadFile(f.Path)
		if err != nil {
			t.Fatal(err)
		}
		got, err := files.ReadFile(f.Name)
		if err != nil {
			t.Fatalf("%s is not embedded: %v", f.Name, err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("embedded %s differs from what the generator makes now; run go generate in sample-data", f.Name)
		}
		if f.Name != sample.TruthFile {
			total += f.Bytes
		}
	}
	if total > 8<<20 {
		t.Errorf("the six exports take %d bytes, more than 8 MiB", total)
	}
}

func TestExtractWritesTheExports(t *testing.T) {
	dir := t.TempDir()
	paths, err := Extract(dir)
	if err != nil {
		t.Fatal(err)
	}
	names := Names()
	if len(paths) != 6 || len(names) != 6 {
		t.Fatalf("extracted %d files, names lists %d; want 6", len(paths), len(names))
	}
	for i, p := range paths {
		if p != filepath.Join(dir, names[i]) {
			t.Errorf("path %d is %s, want %s", i, p, filepath.Join(dir, names[i]))
		}
		got, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := files.ReadFile(names[i])
		if len(want) == 0 || !bytes.Equal(got, want) {
			t.Errorf("%s: extracted %d bytes, embedded %d", p, len(got), len(want))
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 6 {
		t.Errorf("dir holds %d entries after Extract, want 6", len(entries))
	}
	if _, err := Extract(filepath.Join(dir, "missing")); err == nil {
		t.Error("Extract into a missing folder did not fail")
	}
}

func TestPlantedCoversEveryCustomer(t *testing.T) {
	planted, err := Planted()
	if err != nil {
		t.Fatal(err)
	}
	if len(planted) != Options().Customers {
		t.Fatalf("%d planted segments, want %d", len(planted), Options().Customers)
	}
	data, _ := files.ReadFile("customers.csv")
	lines := bytes.Split(bytes.TrimSpace(data), []byte("\n"))[1:]
	segments := map[string]int{}
	for _, l := range lines {
		id, _, _ := bytes.Cut(l, []byte(","))
		seg, ok := planted[string(id)]
		if !ok {
			t.Fatalf("customer %s has no planted segment", id)
		}
		segments[seg]++
	}
	if len(segments) != 9 {
		t.Errorf("planted segments %v, want the 6 residential and 3 business ones", segments)
	}
}

// Cached extracts into the user's cache once and reuses the files; a damaged file is
// extracted again.
func TestCached(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	paths, err := Cached()
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != len(Names()) {
		t.Fatalf("%d paths", len(paths))
	}
	want, _ := files.ReadFile(Names()[0])
	if got, err := os.ReadFile(paths[0]); err != nil || !bytes.Equal(got, want) {
		t.Fatalf("%s differs from the embedded file (err %v)", paths[0], err)
	}
	before, _ := os.Stat(paths[1])
	again, err := Cached()
	if err != nil || again[1] != paths[1] {
		t.Fatalf("second call: %v %v", again, err)
	}
	if after, _ := os.Stat(paths[1]); !after.ModTime().Equal(before.ModTime()) {
		t.Error("a complete cache was written again")
	}
	if err := os.WriteFile(paths[2], []byte("cut short"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Cached(); err != nil {
		t.Fatal(err)
	}
	want, _ = files.ReadFile(Names()[2])
	if got, _ := os.ReadFile(paths[2]); !bytes.Equal(got, want) {
		t.Error("a damaged cached file was not replaced")
	}
}
