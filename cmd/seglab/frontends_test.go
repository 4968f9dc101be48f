package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/seglab/seglab/engine/definition"
	"github.com/seglab/seglab/engine/prep"
	"github.com/seglab/seglab/engine/workspace"
	"github.com/seglab/seglab/tui/backend"
	"github.com/seglab/seglab/tui/engineadapter"
	"github.com/seglab/seglab/tui/i18n"
	"github.com/seglab/seglab/tui/screens/definitions"
	"github.com/seglab/seglab/tui/task"
)

// timing matches the lines of a definition that say when it was written and how long the
// fit took: the only ones that may differ between two saves of one fit.
var timing = regexp.MustCompile(`(?m)^(\s*(?:created|fit_seconds)): .*$`)

// TestClusterAndWorkbenchSaveTheSameDefinition fits the same data, population, dimensions,
// k and seed with seglab cluster --save and through the workbench's session (sweep, fit of
// k, save as the Definitions screen does): the two files are byte for byte the same but for
// the time of writing and the fit's duration.
func TestClusterAndWorkbenchSaveTheSameDefinition(t *testing.T) {
	if testing.Short() {
		t.Skip("fits the sample twice")
	}
	dir := t.TempDir()
	data := "../../sample-data"
	cli := filepath.Join(dir, "cli.yaml")
	if status, _, stderr := runSeglab(t, "cluster", "-i", data, "--filter", "customer_type=residential",
		"--dims", "annual_kwh:log1p,peak_share,outages_12m:winsorize,late_payment_count,tickets_12m,housing::0.5",
		"--k", "5", "--out", filepath.Join(dir, "seg.csv"), "--save", cli); status != 0 {
		t.Fatal(stderr)
	}

	req := backend.SegmentRequest{Population: backend.Population{Kind: backend.Residential}, Dimensions: []backend.Dimension{
		{Name: "annual_kwh", Transform: backend.TransformLog1p}, {Name: "peak_share"},
		{Name: "outages_12m", Transform: backend.TransformWinsorise}, {Name: "late_payment_count"}, {Name: "tickets_12m"},
		{Name: "housing", Weight: 0.5}}}
	ta := sameDefinition(t, cli, workbenchSave(t, data, &req, 5, filepath.Join(dir, "tui.yaml")))
	for _, want := range []string{"silhouette_exact: true", "silhouette_rows: ", "max_iter: 300", "equals: residential", "description:"} {
		if !strings.Contains(ta, want) {
			t.Errorf("the definition lacks %q", want)
		}
	}
}

// TestClusterMerges merges two segments on the command line: the assignments and the saved
// definition have one segment fewer, and scoring the data with the definition gives every
// customer the segment of the assignments.
func TestClusterMerges(t *testing.T) {
	if testing.Short() {
		t.Skip("fits the sample")
	}
	dir := t.TempDir()
	data := "../../sample-data"
	out, def := filepath.Join(dir, "seg.csv"), filepath.Join(dir, "merged.yaml")
	status, stdout, stderr := runSeglab(t, "cluster", "-i", data, "--filter", "customer_type=residential",
		"--dims", "annual_kwh:log1p,outages_12m,late_payment_count,tickets_12m", "--k", "5", "--merge", "5:1",
		"--out", out, "--save", def, "--json")
	if status != 0 {
		t.Fatal(stderr)
	}
	var rep clusterReport
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Merges) != 1 || rep.Merges[0].From != 5 || rep.Merges[0].Into != 1 || len(rep.ScoredSizes) != 4 {
		t.Fatalf("merges %+v, scored sizes %v", rep.Merges, rep.ScoredSizes)
	}
	d, err := definition.Load(def)
	if err != nil {
		t.Fatal(err)
	}
	if d.K != 4 {
		t.Fatalf("the merged definition has k = %d", d.K)
	}
	scored := filepath.Join(dir, "scored.csv")
	if status, _, stderr := runSeglab(t, "score", "--definition", def, "-i", data, "--out", scored); status != 0 {
		t.Fatal(stderr)
	}
	want := segmentsOf(t, out)
	got := segmentsOf(t, scored)
	for id, s := range want {
		if got[id] != s {
			t.Fatalf("customer %s: assignments %s, the merged definition scores %s", id, s, got[id])
		}
	}
	if len(want) == 0 {
		t.Fatal("no assignments")
	}
	for _, bad := range []string{"5:5", "6:1", "x"} {
		if status, _, _ := runSeglab(t, "cluster", "-i", data, "--dims", "annual_kwh", "--k", "5", "--merge", bad, "--out", out); status != 2 {
			t.Errorf("--merge %s: status %d, want 2", bad, status)
		}
	}
}

// segmentsOf reads an assignments CSV (id, segment, …) into id → segment.
func segmentsOf(t *testing.T, path string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n")[1:] {
		f := strings.Split(line, ",")
		out[f[0]] = f[1]
	}
	return out
}

// workbenchSave fits k on data through the workbench's session (sweep, fit of k, save as
// the Definitions screen does) and returns the path of the saved definition. A nil req takes
// the session's suggestion, as the workbench starts.
func workbenchSave(t *testing.T, data string, req *backend.SegmentRequest, k int, path string) string {
	t.Helper()
	ctx := context.Background()
	s, err := engineadapter.Open(ctx, i18n.Tr{Lang: i18n.EN}, []string{data}, workspace.Options{}, func(task.Step) {})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if req == nil {
		pop, dims := s.(backend.Suggester).Suggest()
		req = &backend.SegmentRequest{Population: pop, Dimensions: dims}
	}
	sg := s.(backend.Segmenter)
	sw, err := sg.Sweep(ctx, *req, func(backend.SweepStep) {})
	if err != nil {
		t.Fatal(err)
	}
	seg, err := sg.Segment(ctx, sw, k)
	if err != nil {
		t.Fatal(err)
	}
	d, err := s.(backend.Drafter).Draft(ctx, seg, path)
	if err != nil {
		t.Fatal(err)
	}
	definitions.Annotate(d, "", "")
	if _, err := definition.Save(path, d); err != nil {
		t.Fatal(err)
	}
	return path
}

// sameDefinition fails unless the definitions at paths a and b are the same but for the
// time of writing and the fit's duration, and returns a's text with those blanked.
func sameDefinition(t *testing.T, a, b string) string {
	t.Helper()
	ab, _ := os.ReadFile(a)
	bb, _ := os.ReadFile(b)
	ta, tb := timing.ReplaceAllString(string(ab), "$1: …"), timing.ReplaceAllString(string(bb), "$1: …")
	if ta != tb || len(ta) < 1000 {
		al, bl := strings.Split(ta, "\n"), strings.Split(tb, "\n")
		for i := range min(len(al), len(bl)) {
			if al[i] != bl[i] {
				t.Fatalf("the definitions differ first at line %d:\ncluster --save: %s\nworkbench:      %s", i+1, al[i], bl[i])
			}
		}
		t.Fatalf("the definitions differ in length: %d and %d lines", len(al), len(bl))
	}
	return ta
}

// TestClusterWithoutDimsUsesTheWorkbenchDefaults runs seglab cluster with neither --dims nor
// --filter and the workbench from its suggestion on the same data: both take the same
// defaults (the command line says which) and save the same definition.
func TestClusterWithoutDimsUsesTheWorkbenchDefaults(t *testing.T) {
	if testing.Short() {
		t.Skip("fits the sample twice")
	}
	dir := t.TempDir()
	data := "../../sample-data"
	cli := filepath.Join(dir, "cli.yaml")
	status, _, stderr := runSeglab(t, "cluster", "-i", data, "--k", "6", "--out", filepath.Join(dir, "seg.csv"), "--save", cli)
	if status != 0 {
		t.Fatal(stderr)
	}
	if !strings.Contains(stderr, "no --dims given, so seglab's defaults") || !strings.Contains(stderr, "region::2.5") {
		t.Fatalf("cluster does not say which defaults it took:\n%s", stderr)
	}
	text := sameDefinition(t, cli, workbenchSave(t, data, nil, 6, filepath.Join(dir, "tui.yaml")))
	d, err := definition.Load(cli)
	if err != nil {
		t.Fatal(err)
	}
	if want := prep.DefaultResidential(); len(d.Preprocessing.Dims) != len(want.Dims) || !strings.Contains(text, "equals: residential") {
		t.Fatalf("the defaults saved %d dimensions (want %d)", len(d.Preprocessing.Dims), len(want.Dims))
	}
}
