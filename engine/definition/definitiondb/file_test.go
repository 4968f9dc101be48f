package definitiondb

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/seglab/seglab/engine/definition"

	"github.com/seglab/seglab/engine/inputerr"
	"github.com/seglab/seglab/engine/prep"
)

// fit → save → reopen → score gives every customer the id the fit gave, the original-unit
// centroids are the inverse of the preprocessing, and the file keeps every parameter exactly.
func TestRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := session(t)
	synth(t, s, 20_000, 2)
	d, rows, pr, res := fit(t, s, testSpec, 4, 11, testRoutes)
	path := filepath.Join(t.TempDir(), "seg.yaml")
	if backup, err := definition.Save(path, d); err != nil || backup != "" {
		t.Fatalf("Save: %q %v", backup, err)
	}
	back, err := definition.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.Preprocessing, d.Preprocessing) || !reflect.DeepEqual(back.Centroids(), d.Centroids()) {
		t.Fatal("preprocessing or centroids changed on the way through the file")
	}
	// In-memory scoring of the population with what the fit produced.
	want, _, err := prep.Score(pr.Fitted, rows.Table, res.Centroids, 4)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := Score(ctx, s, back)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]int{}
	for i, id := range sc.IDs {
		byID[id] = sc.Segments[i]
	}
	for i, id := range rows.IDs {
		if byID[id] != want[i]+1 {
			t.Fatalf("customer %s: reopened definition gives %d, the fit %d", id, byID[id], want[i]+1)
		}
	}
	// The fit's own labels of its fitted rows agree too (Lloyd converged).
	for j, i := range pr.Rows {
		if int(res.Labels[j]) != want[i] {
			t.Fatalf("fitted row %d: fit label %d, nearest centroid %d", i, res.Labels[j], want[i])
		}
	}
	// Original units: a numeric dimension's value goes back through the preprocessing.
	for c, seg := range back.Segments {
		for j, coord := range seg.Original {
			dim := back.Preprocessing.Dims[j]
			if dim.Column == "kwh" {
				got := (log1p(*coord.Value) - dim.Centre) / dim.Scale * dim.Weight
				if diff := got - seg.Centroid[0]; diff > 1e-9 || diff < -1e-9 {
					t.Errorf("segment %d: kwh %v does not map back to %v", c+1, *coord.Value, seg.Centroid[0])
				}
			}
			if dim.Kind == prep.Categorical {
				sum := 0.0
				for _, v := range coord.Shares {
					sum += v
				}
				if sum < 0.999999 || sum > 1.000001 {
					t.Errorf("segment %d: category shares sum to %v", c+1, sum)
				}
			}
		}
	}
}

func TestConfirm(t *testing.T) {
	s := session(t)
	synth(t, s, 2_000, 4)
	d, _, _, _ := fit(t, s, testSpec, 3, 1, nil)
	path := filepath.Join(t.TempDir(), "seg.yaml")
	if _, err := definition.Save(path, d); err != nil {
		t.Fatal(err)
	}
	when := time.Date(2025, 3, 4, 10, 30, 0, 0, time.FixedZone("CST", 8*3600))
	if _, _, err := definition.Confirm(path, " ", "", when); err == nil {
		t.Error("confirming without a name succeeded")
	}
	_, backup, err := definition.Confirm(path, "王芳", "营销部研讨会确认", when)
	if err != nil || backup == "" {
		t.Fatalf("Confirm: %q %v", backup, err)
	}
	back, err := definition.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	c := back.Confirmation
	if c.Status != definition.Confirmed || c.By != "王芳" || c.Note != "营销部研讨会确认" || !c.At.Equal(when) {
		t.Errorf("confirmation %+v", c)
	}
	if old, _ := definition.Load(backup); old.Confirmation.Status != definition.Draft {
		t.Error("the backup should be the draft")
	}
}

// mutate saves a good definition, edits its text with edit, and loads it.
func mutate(t *testing.T, edit func(string) string) (string, error) {
	t.Helper()
	s := session(t)
	synth(t, s, 1_000, 5)
	d, _, _, _ := fit(t, s, testSpec, 3, 1, testRoutes)
	dir := t.TempDir()
	path := filepath.Join(dir, "seg.yaml")
	if _, err := definition.Save(path, d); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	text := edit(string(b))
	if text == string(b) {
		t.Fatal("the edit changed nothing")
	}
	os.WriteFile(path, []byte(text), 0o644)
	_, err := definition.Load(path)
	return text, err
}

func lineOf(text, needle string) int {
	i := strings.Index(text, needle)
	return strings.Count(text[:i], "\n") + 1
}

func TestLoadRefusesBadFiles(t *testing.T) {
	cases := []struct {
		name   string
		edit   func(string) string
		want   string
		atLine string // the error names the line holding this text
	}{
		{"newer schema", func(s string) string {
			return strings.Replace(s, "schema_version: 1", "schema_version: 7\nnew_thing: {a: 1}", 1)
		}, "written by a newer seglab (schema 7)", "schema_version"},
		{"bad yaml", func(s string) string { return strings.Replace(s, "k: 3", "k: [3", 1) }, "damaged definition", ""},
		{"unknown key", func(s string) string { return strings.Replace(s, "k: 3", "k: 3\nkay: 4", 1) }, "kay", "kay: 4"},
		{"missing k", func(s string) string { return strings.Replace(s, "\nk: 3\n", "\n", 1) }, "k is missing", ""},
		{"centroid too short", func(s string) string { return strings.Replace(s, "centroid: [", "centroid: [1, ", 1) }, "preprocessing has 6 columns", "centroid: [1, "},
		{"k mismatch", func(s string) string { return strings.Replace(s, "\nk: 3\n", "\nk: 4\n", 1) }, "3 segments for k = 4", "segments:"},
		{"unknown transform", func(s string) string { return strings.Replace(s, "transform: log1p", "transform: sqrt", 1) }, `unknown transform "sqrt"`, "transform: sqrt"},
		{"unknown scaling", func(s string) string { return strings.Replace(s, "scaling: zscore", "scaling: magic", 1) }, `unknown scaling "magic"`, "scaling: magic"},
		{"string as centroid", func(s string) string { return strings.Replace(s, "centroid: [", "centroid: [abc, ", 1) }, "damaged definition", "centroid: [abc"},
		{"route inside 1..k", func(s string) string { return strings.Replace(s, "segment: 10", "segment: 2", 1) }, "route segments must be above k", "segment: 2"},
		{"bad status", func(s string) string { return strings.Replace(s, "status: draft", "status: maybe", 1) }, "want draft or confirmed", "status: maybe"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			text, err := mutate(t, c.edit)
			if err == nil || !inputerr.Is(err) || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "seg.yaml") {
				t.Fatalf("error %v; want an input error naming seg.yaml with %q", err, c.want)
			}
			if c.atLine != "" {
				var ie *inputerr.Error
				errors.As(err, &ie)
				if want := lineOf(text, c.atLine); ie.Line != want {
					t.Errorf("error at line %d, want %d: %v", ie.Line, want, err)
				}
			}
		})
	}
}

func log1p(v float64) float64 { return math.Log1p(v) }
