package definition

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seglab/seglab/engine/profile"

	"github.com/seglab/seglab/engine/prep"
)

// smallDefinition returns a valid definition of two segments on one dimension, built in
// memory, for the tests that only save and load.
func smallDefinition(t *testing.T) *Definition {
	t.Helper()
	pr, err := prep.Fit(prep.Spec{Scaling: prep.ZScore, Dims: []prep.DimSpec{{Column: "kwh", Kind: prep.Numeric}}},
		prep.Table{Numeric: map[string][]float64{"kwh": {100, 120, 140, 400, 420, 440}}})
	if err != nil {
		t.Fatal(err)
	}
	d := New(pr.Fitted, 2, []float64{-1, 1}, []int{3, 3})
	if err := d.Validate(); err != nil {
		t.Fatal(err)
	}
	return d
}

// A save that fails midway leaves the previous file as it was and no temporary file; a
// successful save keeps the previous version as PATH.~N~.
func TestSaveIsAtomicAndKeepsBackups(t *testing.T) {
	d := smallDefinition(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "seg.yaml")
	if _, err := Save(path, d); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)

	d.Notes = "second version"
	crash := errors.New("simulated crash")
	_, err := stage(path, d, func(w io.Writer) io.Writer { return &failAfter{w: w, n: 100, err: crash} })
	if !errors.Is(err, crash) {
		t.Fatalf("save error %v", err)
	}
	after, _ := os.ReadFile(path)
	if string(after) != string(before) {
		t.Fatal("a failed save changed the file")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("a failed save left files behind: %v", entries)
	}

	for i, want := range []string{path + ".~1~", path + ".~2~"} {
		d.Notes = strings.Repeat("v", i+2)
		backup, err := Save(path, d)
		if err != nil || backup != want {
			t.Fatalf("save %d: backup %q, %v; want %q", i, backup, err, want)
		}
	}
	if b, _ := os.ReadFile(path + ".~1~"); string(b) != string(before) {
		t.Error("the first backup does not hold the first version")
	}
	if back, err := Load(path + ".~2~"); err != nil || back.Notes != "vv" {
		t.Errorf("the second backup: %v", err)
	}
	if back, err := Load(path); err != nil || back.Notes != "vvv" {
		t.Errorf("the current file: %v", err)
	}
}

type failAfter struct {
	w   io.Writer
	n   int
	err error
}

func (f *failAfter) Write(b []byte) (int, error) {
	if len(b) > f.n {
		n, _ := f.w.Write(b[:f.n])
		return n, f.err
	}
	f.n -= len(b)
	return f.w.Write(b)
}

func TestDescribeFillsSegmentDescriptions(t *testing.T) {
	d := &Definition{Segments: []Segment{{ID: 1}, {ID: 2, Description: Text{EN: "kept", ZH: "保留"}}, {ID: 3}}}
	d.Describe(&profile.Result{Segments: []profile.Segment{
		{ID: 1, DescriptionEN: "many outages", DescriptionZH: "停电多"},
		{ID: 2, DescriptionEN: "low bills", DescriptionZH: "电费较低"},
	}})
	if got := d.Segments[0].Description; got != (Text{EN: "many outages", ZH: "停电多"}) {
		t.Errorf("segment 1: %+v", got)
	}
	if got := d.Segments[1].Description; got != (Text{EN: "low bills", ZH: "电费较低"}) {
		t.Errorf("segment 2: %+v", got)
	}
	if got := d.Segments[2].Description; got != (Text{}) {
		t.Errorf("segment 3, not profiled: %+v", got)
	}
}
