package main

import (
	"context"
	"encoding/json"
	"github.com/seglab/seglab/engine/definition"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seglab/seglab/engine/data"
)

// readCSV reads a two-or-more-column CSV written by seglab into id → the other columns.
func readCSV(t *testing.T, path string) (header string, rows map[string][]string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// seglab writes CSV as UTF-8 with a byte-order mark, so that Excel shows Chinese text.
	text, ok := strings.CutPrefix(string(b), "\ufeff")
	if !ok {
		t.Errorf("%s does not start with the UTF-8 byte-order mark", path)
	}
	lines := strings.Split(strings.TrimSpace(text), "\n")
	rows = map[string][]string{}
	for _, l := range lines[1:] {
		f := strings.Split(l, ",")
		rows[f[0]] = f[1:]
	}
	return lines[0], rows
}

// The whole life of a definition on the built-in sample: cluster --save, show, score (every
// customer exactly once, the population with cluster's ids), the printed SQL run in DuckDB
// (the same ids), confirm, verify, a refit with --previous (names carry over, migration).
func TestDefinitionLifeCycle(t *testing.T) {
	dir := t.TempDir()
	wide := filepath.Join(dir, "wide.csv")
	if status, _, stderr := runSeglab(t, "build", "-i", "../../sample-data", "-o", wide); status != 0 {
		t.Fatal(stderr)
	}
	dims := "annual_kwh:log1p,peak_share,outages_12m,late_payment_count:winsorize,region::0.7"
	def := filepath.Join(dir, "res.yaml")
	seg := filepath.Join(dir, "seg.csv")
	status, stdout, stderr := runSeglab(t, "cluster", "-i", wide, "--dims", dims, "--filter", "customer_type=residential",
		"--k", "4", "--seed", "1", "--out", seg, "--save", def)
	if status != 0 || !strings.Contains(stdout, "saved the definition to "+def) {
		t.Fatalf("cluster --save: %d %s %s", status, stdout, stderr)
	}
	saved, err := definition.Load(def)
	if err != nil {
		t.Fatal(err)
	}
	for _, sg := range saved.Segments {
		if sg.Description.EN == "" || sg.Description.ZH == "" {
			t.Errorf("segment %d saved without the profile's description: %+v", sg.ID, sg.Description)
		}
	}
	status, stdout, _ = runSeglab(t, "definition", "show", def, "--lang", "en")
	if status != 0 || !strings.Contains(stdout, "status: draft") || !strings.Contains(stdout, "Segment 4") || !strings.Contains(stdout, "outside population") {
		t.Errorf("show:\n%s", stdout)
	}

	scored := filepath.Join(dir, "scored.csv")
	status, stdout, stderr = runSeglab(t, "score", "--definition", def, "--input", wide, "--out", scored, "--json")
	if status != 0 {
		t.Fatalf("score: %s", stderr)
	}
	var rep scoreReport
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	header, got := readCSV(t, scored)
	_, fitted := readCSV(t, seg)
	if header != "customer_id,segment,segment_name" || int64(len(got)) != rep.InputRows || rep.InputRows != 5000 {
		t.Fatalf("header %q, %d rows of %d", header, len(got), rep.InputRows)
	}
	if rep.Outside == 0 || rep.Outside+rep.Clustered+rep.Routed != len(got) {
		t.Errorf("report %+v", rep)
	}
	for id, f := range fitted {
		if got[id][0] != f[0] {
			t.Fatalf("customer %s: score gives %s, cluster gave %s", id, got[id][0], f[0])
		}
	}
	outside := 0
	for id, g := range got {
		if _, ok := fitted[id]; !ok {
			if g[0] != "0" || g[1] != "未纳入分群" {
				t.Fatalf("customer %s outside the population got %v", id, g)
			}
			outside++
		}
	}
	if outside != rep.Outside {
		t.Errorf("%d customers outside, report says %d", outside, rep.Outside)
	}

	// The SQL of two dialects, in DuckDB on the same table.
	s, err := data.Open(data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	if _, err := s.Load(ctx, wide); err != nil {
		t.Fatal(err)
	}
	for _, dialect := range []string{"duckdb", "postgres"} {
		status, q, stderr := runSeglab(t, "sql", "--definition", def, "--table", "wide", "--dialect", dialect)
		if status != 0 {
			t.Fatalf("sql: %s", stderr)
		}
		rows, err := s.DB().QueryContext(ctx, strings.TrimSuffix(strings.TrimSpace(q), ";"))
		if err != nil {
			t.Fatalf("%s: %v\n%s", dialect, err, q)
		}
		n := 0
		for rows.Next() {
			var id, seg, name string
			if err := rows.Scan(&id, &seg, &name); err != nil {
				t.Fatal(err)
			}
			if n++; got[id][0] != seg || got[id][1] != name {
				t.Fatalf("%s: customer %s: SQL %s %s, score %v", dialect, id, seg, name, got[id])
			}
		}
		rows.Close()
		if n != len(got) {
			t.Errorf("%s: %d rows", dialect, n)
		}
	}

	// Confirm, then show.
	if status, _, _ := runSeglab(t, "definition", "confirm", def); status != 2 {
		t.Errorf("confirm without --by: status %d", status)
	}
	status, stdout, stderr = runSeglab(t, "definition", "confirm", def, "--by", "李明 (营销部)", "--note", "2025年第二次研讨会")
	if status != 0 || !strings.Contains(stdout, def+".~1~") {
		t.Fatalf("confirm: %s %s", stdout, stderr)
	}
	if _, stdout, _ = runSeglab(t, "definition", "show", def); !strings.Contains(stdout, "confirmed by 李明 (营销部)") {
		t.Errorf("show after confirm:\n%s", stdout)
	}

	// Verify: unchanged, then changed.
	status, stdout, stderr = runSeglab(t, "definition", "verify", def, "--refit")
	if status != 0 || !strings.Contains(stdout, "unchanged") || !strings.Contains(stdout, "0.00% of") {
		t.Errorf("verify: %d %s %s", status, stdout, stderr)
	}
	b, _ := os.ReadFile(wide)
	last := strings.Split(strings.TrimSpace(string(b)), "\n")
	extra := "9999999999" + last[len(last)-1][strings.IndexByte(last[len(last)-1], ','):] + "\n"
	os.WriteFile(wide, append(b, extra...), 0o644)
	status, stdout, stderr = runSeglab(t, "definition", "verify", def, "--json")
	var vr verifyReport
	if status != 0 || json.Unmarshal([]byte(stdout), &vr) != nil || vr.Unchanged || vr.Sources[0].Status != "changed" || vr.Sources[0].RowsNow != 5001 {
		t.Errorf("verify after a change: %d %s %s", status, stdout, stderr)
	}
	os.WriteFile(wide, b, 0o644)

	// Refit with another seed and --previous: names carry over, migration reported.
	named := strings.Replace(readString(t, def), "en: Segment 1\n", "en: Thrifty west\n", 1)
	os.WriteFile(def, []byte(named), 0o644)
	def2 := filepath.Join(dir, "res2.yaml")
	status, stdout, stderr = runSeglab(t, "cluster", "-i", wide, "--dims", dims, "--filter", "customer_type=residential",
		"--k", "4", "--seed", "8", "--out", seg, "--save", def2, "--previous", def, "--json")
	if status != 0 {
		t.Fatal(stderr)
	}
	var cr clusterReport
	if err := json.Unmarshal([]byte(stdout), &cr); err != nil || cr.Saved == nil || len(cr.Saved.Migration) == 0 {
		t.Fatalf("cluster --previous: %v %s", err, stdout)
	}
	if cr.Saved.Stayed < 0.9 {
		t.Errorf("only %.3f stayed", cr.Saved.Stayed)
	}
	if !strings.Contains(readString(t, def2), "Thrifty west") {
		t.Error("the name did not carry over")
	}
}

func readString(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Bad use and bad files: usage mistakes exit 2; missing columns (all named), newer or
// damaged definitions and malicious ones exit 1 with the file named; nothing is written.
func TestScoreSQLDefinitionErrors(t *testing.T) {
	dir := t.TempDir()
	wide := filepath.Join(dir, "wide.csv")
	var b strings.Builder
	b.WriteString("customer_id,a,b,kind\n")
	for i := range 60 {
		kind := "r"
		if i%10 == 0 {
			kind = "x"
		}
		b.WriteString(strings.Join([]string{"id" + string(rune('A'+i%26)) + string(rune('a'+i/26)), itoa(i % 7), itoa((i * 5) % 11), kind}, ",") + "\n")
	}
	os.WriteFile(wide, []byte(b.String()), 0o644)
	def := filepath.Join(dir, "d.yaml")
	if status, _, stderr := runSeglab(t, "cluster", "-i", wide, "--dims", "a,b", "--filter", "kind=r", "--k", "3", "--out", filepath.Join(dir, "s.csv"), "--save", def); status != 0 {
		t.Fatal(stderr)
	}
	narrow := writeFile(t, "narrow.csv", "customer_id,c\nx,1\ny,2\n")
	out := filepath.Join(dir, "out.csv")
	text := readString(t, def)
	newer := filepath.Join(dir, "newer.yaml")
	os.WriteFile(newer, []byte(strings.Replace(text, "schema_version: 1", "schema_version: 3", 1)), 0o644)
	damaged := filepath.Join(dir, "damaged.yaml")
	os.WriteFile(damaged, []byte(strings.Replace(text, "centroid: [", "centroid: [0, ", 1)), 0o644)
	pwned := filepath.Join(dir, "pwned")
	evil := filepath.Join(dir, "evil.yaml")
	os.WriteFile(evil, []byte(strings.Replace(text, "column: b\n", `column: 'b"; COPY (SELECT 1) TO ''`+pwned+`''; --'`+"\n", 1)), 0o644)
	climb := filepath.Join(dir, "climb.yaml")
	os.WriteFile(climb, []byte(strings.Replace(text, "path: wide.csv", "path: ../../etc/passwd", 1)), 0o644)

	cases := []struct {
		args   []string
		status int
		want   string
	}{
		{[]string{"score", "--input", wide, "--out", out}, 2, "--definition"},
		{[]string{"score", "--definition", def, "--out", out}, 2, "--input"},
		{[]string{"score", "--definition", def, "--input", wide}, 2, "--out"},
		{[]string{"score", "--definition", def, "--input", wide, "--out", filepath.Join(dir, "x.txt")}, 2, "unknown output format"},
		{[]string{"score", "--definition", def, "--input", narrow, "--out", out}, 1, `lacks 3 column(s) the definition needs: "a", "b", "kind"`},
		{[]string{"score", "--definition", newer, "--input", wide, "--out", out}, 1, "newer.yaml:3:17: written by a newer seglab (schema 3)"},
		{[]string{"score", "--definition", damaged, "--input", wide, "--out", out}, 1, "damaged.yaml:"},
		{[]string{"score", "--definition", evil, "--input", wide, "--out", out}, 1, "refuses in column names"},
		{[]string{"sql", "--definition", evil}, 1, "evil.yaml"},
		{[]string{"sql", "--definition", def, "--dialect", "oracle"}, 2, "--dialect"},
		{[]string{"sql"}, 2, "--definition"},
		{[]string{"sql", "--definition", def, "--table", `t"; DROP TABLE x; --`}, 1, "table name"},
		{[]string{"definition", "show", filepath.Join(dir, "none.yaml")}, 1, "none.yaml: no such file"},
		{[]string{"definition", "show"}, 2, "arg"},
		{[]string{"definition", "verify", climb}, 1, "climbs out"},
		{[]string{"definition", "confirm", newer, "--by", "x"}, 1, "newer seglab"},
		{[]string{"cluster", "-i", wide, "--dims", "a,b", "--k", "2", "--out", out, "--previous", def}, 2, "--previous needs --save"},
		{[]string{"cluster", "-i", wide, "--dims", "a,b", "--k", "2", "--out", out, "--save", filepath.Join(dir, "d.txt")}, 2, "FILE.yaml"},
	}
	for _, c := range cases {
		status, _, stderr := runSeglab(t, c.args...)
		if status != c.status || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: status %d, %q; want %d and %q", c.args, status, stderr, c.status, c.want)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("a failed score wrote the output")
	}
	if _, err := os.Stat(pwned); !os.IsNotExist(err) {
		t.Error("a malicious definition created a file")
	}
	if after := readString(t, newer); !strings.Contains(after, "schema_version: 3") {
		t.Error("refusing a newer file changed it")
	}
	// The sample's definition still scores the small file, every row exactly once.
	status, stdout, stderr := runSeglab(t, "score", "--definition", def, "--input", wide, "--out", out, "--lang", "en")
	if status != 0 || !strings.Contains(stdout, "6 outside the population") {
		t.Errorf("score: %d %s %s", status, stdout, stderr)
	}
}

func itoa(i int) string {
	return strings.TrimSpace(strings.Repeat(" ", 0) + string(rune('0'+i/10)) + string(rune('0'+i%10)))
}
