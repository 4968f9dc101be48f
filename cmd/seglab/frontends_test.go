package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/seglab/seglab/engine/definition"
	"github.com/seglab/seglab/engine/prep"
	"github.com/seglab/seglab/engine/profile"
	"github.com/seglab/seglab/engine/report"
	"github.com/seglab/seglab/engine/workspace"
	"github.com/seglab/seglab/internal/engineadapter"
	"github.com/seglab/seglab/tui/backend"
	"github.com/seglab/seglab/tui/i18n"
	"github.com/seglab/seglab/tui/screens/definitions"
	"github.com/seglab/seglab/tui/task"
)

// timing matches the lines of a definition that say when it was written and how long the
// fit took: the only ones that may differ between two saves of one fit.
var timing = regexp.MustCompile(`(?m)^(\s*(?:created|fit_seconds)): .*$`)

// sampleData is the built-in sample: 5,000 residential and business customers.
const sampleData = "../../sample-data"

// frontCase is one segmentation asked of both front ends: the population, the dimensions,
// k and the merges, as cluster's flags and as the workbench's request.
type frontCase struct {
	name   string
	filter string // cluster --filter
	pop    backend.PopulationKind
	dims   string // cluster --dims
	wdims  []backend.Dimension
	k      int
	merges [][2]int // FROM, INTO, in order
}

// openWorkbench opens the sample as the workbench does (engineadapter, the session behind
// every screen), with opts.
func openWorkbench(t *testing.T, opts workspace.Options) backend.Session {
	t.Helper()
	s, err := engineadapter.Open(context.Background(), i18n.Tr{Lang: i18n.EN}, []string{sampleData}, opts, func(task.Step) {})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// segmentInWorkbench runs c through the workbench's session: the Segments screen's sweep of
// k = 2..7, the fit of k, then the Profiles screen's merges. Without dimensions, c takes the
// session's suggestion, as the workbench starts.
func segmentInWorkbench(t *testing.T, s backend.Session, c frontCase) *backend.Segmentation {
	t.Helper()
	ctx := context.Background()
	req := backend.SegmentRequest{Population: backend.Population{Kind: c.pop}, Dimensions: c.wdims}
	if c.wdims == nil {
		req.Population, req.Dimensions = s.(backend.Suggester).Suggest()
	}
	sg := s.(backend.Segmenter)
	sw, err := sg.Sweep(ctx, req, func(backend.SweepStep) {})
	if err != nil {
		t.Fatal(err)
	}
	seg, err := sg.Segment(ctx, sw, c.k)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range c.merges {
		if seg, _, err = s.(backend.Profiler).Merge(ctx, seg, m[1], m[0]); err != nil {
			t.Fatal(err)
		}
	}
	return seg
}

// workbenchSave runs c through the workbench's session (segmentInWorkbench) and saves the
// definition at path as the Definitions screen does; it returns path.
func workbenchSave(t *testing.T, c frontCase, path string) string {
	t.Helper()
	ctx := context.Background()
	s := openWorkbench(t, workspace.Options{})
	seg := segmentInWorkbench(t, s, c)
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

// clusterArgs are cluster's arguments for c, writing the assignments to out.
func clusterArgs(c frontCase, out string) []string {
	args := []string{"cluster", "-i", sampleData, "--filter", c.filter, "--dims", c.dims, "--k", strconv.Itoa(c.k), "--out", out}
	for _, m := range c.merges {
		args = append(args, "--merge", strconv.Itoa(m[0])+":"+strconv.Itoa(m[1]))
	}
	return args
}

// TestClusterAndWorkbenchSaveTheSameDefinition fits the same data, population, dimensions,
// k and seed with seglab cluster --save and through the workbench's session (sweep, fit of
// k, merges, save as the Definitions screen does): the two files are byte for byte the same
// but for the time of writing and the fit's duration — for residential customers, for
// business customers, and after merging two segments (cluster --merge and the Profiles
// screen's merge, both workspace.Segmentation.Merge).
func TestClusterAndWorkbenchSaveTheSameDefinition(t *testing.T) {
	if testing.Short() {
		t.Skip("fits the sample twice per case")
	}
	residential := []backend.Dimension{
		{Name: "annual_kwh", Transform: backend.TransformLog1p}, {Name: "peak_share"},
		{Name: "outages_12m", Transform: backend.TransformWinsorise}, {Name: "late_payment_count"}, {Name: "tickets_12m"},
		{Name: "housing", Weight: 0.5}}
	residentialDims := "annual_kwh:log1p,peak_share,outages_12m:winsorize,late_payment_count,tickets_12m,housing::0.5"
	cases := []frontCase{
		{name: "residential", filter: "customer_type=residential", pop: backend.Residential, dims: residentialDims, wdims: residential, k: 5},
		{name: "business", filter: "customer_type=business", pop: backend.Business,
			dims:  "annual_kwh:log1p,outages_12m,tickets_12m",
			wdims: []backend.Dimension{{Name: "annual_kwh", Transform: backend.TransformLog1p}, {Name: "outages_12m"}, {Name: "tickets_12m"}}, k: 3},
		{name: "merged", filter: "customer_type=residential", pop: backend.Residential, dims: residentialDims, wdims: residential, k: 6,
			merges: [][2]int{{5, 1}, {2, 4}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			cli := filepath.Join(dir, "cli.yaml")
			if status, _, stderr := runSeglab(t, append(clusterArgs(c, filepath.Join(dir, "seg.csv")), "--save", cli)...); status != 0 {
				t.Fatal(stderr)
			}

			tui := workbenchSave(t, c, filepath.Join(dir, "tui.yaml"))
			ta := sameDefinition(t, cli, tui)
			saved, err := definition.Load(cli)
			if err != nil {
				t.Fatal(err)
			}
			if want := c.k - len(c.merges); saved.K != want {
				t.Errorf("k = %d saved, want %d", saved.K, want)
			}
			pop, _, _ := strings.Cut(c.filter, "=")
			for _, want := range []string{"silhouette_exact: true", "silhouette_rows: ", "max_iter: 300", "column: " + pop,
				"equals: " + strings.TrimPrefix(c.filter, pop+"="), "description:"} {
				if !strings.Contains(ta, want) {
					t.Errorf("the definition lacks %q", want)
				}
			}
		})
	}
}

// TestProfileWorkbenchAndReportDrawTheSameReferenceLines profiles one residential
// segmentation three ways — seglab profile on cluster's assignments, the workbench's
// Profiles screen, and the report of the saved definition — and finds the same chart: the
// same reference lines (the residential customers' averages, not every customer's) and the
// same points.
func TestProfileWorkbenchAndReportDrawTheSameReferenceLines(t *testing.T) {
	if testing.Short() {
		t.Skip("fits and profiles the sample three ways")
	}
	c := frontCase{filter: "customer_type=residential", pop: backend.Residential, k: 4,
		dims:  "annual_kwh:log1p,outages_12m,late_payment_count,tickets_12m",
		wdims: []backend.Dimension{{Name: "annual_kwh", Transform: backend.TransformLog1p}, {Name: "outages_12m"}, {Name: "late_payment_count"}, {Name: "tickets_12m"}}}
	dir := t.TempDir()
	seg, def := filepath.Join(dir, "seg.csv"), filepath.Join(dir, "def.yaml")
	if status, _, stderr := runSeglab(t, append(clusterArgs(c, seg), "--save", def)...); status != 0 {
		t.Fatal(stderr)
	}
	status, stdout, stderr := runSeglab(t, "profile", "-i", sampleData, "--assignments", seg, "--json")
	if status != 0 {
		t.Fatal(stderr)
	}
	var cli profile.Result
	if err := json.Unmarshal([]byte(stdout), &cli); err != nil {
		t.Fatal(err)
	}

	ctx := context.Background()
	s := openWorkbench(t, workspace.Options{})
	segmentInWorkbench(t, s, c)
	tui, err := s.(backend.Profiler).Profile(ctx, func(task.Step) {})
	if err != nil {
		t.Fatal(err)
	}

	d, err := definition.Load(def)
	if err != nil {
		t.Fatal(err)
	}
	ws, err := workspace.Open(ctx, []string{sampleData}, workspace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	rep, err := report.Build(ctx, ws.Session(), d, report.Options{})
	if err != nil {
		t.Fatal(err)
	}

	residential, err := ws.Count(ctx, mustPopulation(t, ws, workspace.Residential))
	if err != nil {
		t.Fatal(err)
	}
	want := cli.SatisfactionOutage
	if want.Reference.Customers != int(residential) || !(want.Reference.OutageRatio > 0) || !(want.Reference.Satisfaction > 0) {
		t.Fatalf("seglab profile's reference %+v is not that of the %d residential customers", want.Reference, residential)
	}
	for name, r := range map[string]*profile.Result{"workbench": tui, "report": rep.Profile} {
		got := r.SatisfactionOutage
		if got.Reference != want.Reference {
			t.Errorf("%s reference lines %+v, seglab profile %+v", name, got.Reference, want.Reference)
		}
		if len(got.Points) != c.k || len(got.Points) != len(want.Points) {
			t.Fatalf("%s has %d points, seglab profile %d", name, len(got.Points), len(want.Points))
		}
		for i, p := range got.Points {
			w := want.Points[i]
			if p.Segment != w.Segment || p.Customers != w.Customers || p.Answers != w.Answers ||
				p.OutageRatio != w.OutageRatio || p.Satisfaction != w.Satisfaction || p.Quadrant != w.Quadrant {
				t.Errorf("%s point %d %+v, seglab profile %+v", name, i, p, w)
			}
		}
	}
}

// mustPopulation returns the workspace's filter of preset p.
func mustPopulation(t *testing.T, ws *workspace.Workspace, p workspace.Preset) prep.Filter {
	t.Helper()
	f, err := ws.Population(p)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestClusterMerges merges two segments on the command line: the assignments and the saved
// definition have one segment fewer, and scoring the data with the definition gives every
// customer the segment of the assignments.
func TestClusterMerges(t *testing.T) {
	if testing.Short() {
		t.Skip("fits the sample")
	}
	dir := t.TempDir()
	data := sampleData
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
	// A merge never writes over what the command reads: the data, or the definition it
	// carries names over from.
	copied := t.TempDir()
	files, _ := filepath.Glob(filepath.Join(data, "*.csv"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err == nil {
			err = os.WriteFile(filepath.Join(copied, filepath.Base(f)), b, 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	before, _ := os.ReadFile(def)
	customers, _ := os.ReadFile(filepath.Join(data, "customers.csv"))
	for _, args := range [][]string{
		{"-i", copied, "--out", filepath.Join(copied, "customers.csv")},
		{"-i", data, "--out", filepath.Join(dir, "again.csv"), "--save", def, "--previous", def},
	} {
		args = append([]string{"cluster", "--dims", "annual_kwh:log1p,outages_12m", "--k", "4", "--merge", "4:1"}, args...)
		if status, _, stderr := runSeglab(t, args...); status == 0 || !strings.Contains(stderr, "this output is an input") {
			t.Errorf("%v: status %d, %s", args, status, stderr)
		}
	}
	if after, _ := os.ReadFile(def); string(after) != string(before) {
		t.Error("the refused merge changed the definition")
	}
	if b, _ := os.ReadFile(filepath.Join(copied, "customers.csv")); string(b) != string(customers) {
		t.Error("the refused merge changed the data")
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

// TestClusterWithoutDimsUsesTheWorkbenchDefaults runs seglab cluster with neither --dims nor
// --filter and the workbench from its suggestion on the same data: both take the same
// defaults (the command line says which) and save the same definition.
func TestClusterWithoutDimsUsesTheWorkbenchDefaults(t *testing.T) {
	if testing.Short() {
		t.Skip("fits the sample twice")
	}
	dir := t.TempDir()
	cli := filepath.Join(dir, "cli.yaml")
	status, _, stderr := runSeglab(t, "cluster", "-i", sampleData, "--k", "6", "--out", filepath.Join(dir, "seg.csv"), "--save", cli)
	if status != 0 {
		t.Fatal(stderr)
	}
	if !strings.Contains(stderr, "no --dims given, so seglab's defaults") || !strings.Contains(stderr, "region::2.5") {
		t.Fatalf("cluster does not say which defaults it took:\n%s", stderr)
	}
	text := sameDefinition(t, cli, workbenchSave(t, frontCase{k: 6}, filepath.Join(dir, "tui.yaml")))
	d, err := definition.Load(cli)
	if err != nil {
		t.Fatal(err)
	}
	if want := prep.DefaultResidential(); len(d.Preprocessing.Dims) != len(want.Dims) || !strings.Contains(text, "equals: residential") {
		t.Fatalf("the defaults saved %d dimensions (want %d)", len(d.Preprocessing.Dims), len(want.Dims))
	}
}
