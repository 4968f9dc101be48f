package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/seglab/seglab/engine/data"
	"github.com/seglab/seglab/queries"
)

// chineseWide rewrites the wide table at path with the headers and words a marketing system
// uses — 客户编号, 客户类型 居民/非居民, 区域 东部/中部/西部, 年用电量, 满意度, 停电次数,
// 停电时长(小时) in hours, 缴费渠道 … — and drops the column drop when it is not "".
func chineseWide(t *testing.T, path, out, drop string) {
	t.Helper()
	rename := map[string]string{"customer_id": "客户编号", "customer_type": "客户类型", "region": "区域",
		"annual_kwh": "年用电量", "satisfaction": "满意度", "outages_12m": "停电次数", "main_payment_channel": "缴费渠道",
		"tenure_years": "户龄", "late_payment_count": "逾期次数", "tickets_12m": "工单数", "peak_share": "峰电占比",
		"outage_minutes_12m": "停电时长(小时)"}
	words := map[string]map[string]string{"region": {"east": "东部", "central": "中部", "west": "西部"},
		"customer_type": {"residential": "居民", "business": "非居民"}}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header := rows[0]
	header[0] = strings.TrimPrefix(header[0], "\ufeff") // seglab writes CSV with a byte-order mark
	keep := make([]bool, len(header))
	for j, h := range header {
		keep[j] = h != drop
	}
	var outRows [][]string
	for i, row := range rows {
		var r []string
		for j, v := range row {
			if !keep[j] {
				continue
			}
			switch {
			case i == 0 && rename[v] != "":
				v = rename[v]
			case i == 0:
			case words[header[j]] != nil:
				v = words[header[j]][v]
			case header[j] == "outage_minutes_12m" && v != "":
				x, err := strconv.ParseFloat(v, 64)
				if err != nil {
					t.Fatal(err)
				}
				v = strconv.FormatFloat(x/60, 'g', -1, 64)
			}
			r = append(r, v)
		}
		outRows = append(outRows, r)
	}
	g, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(g)
	if err := w.WriteAll(outRows); err != nil {
		t.Fatal(err)
	}
	if err := g.Close(); err != nil {
		t.Fatal(err)
	}
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	status, out, stderr := runSeglab(t, args...)
	if status != 0 {
		t.Fatalf("seglab %s: status %d: %s", strings.Join(args, " "), status, stderr)
	}
	return out
}

func readText(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimPrefix(string(b), "\ufeff") // the byte-order mark seglab writes CSV with
}

// A wide table with Chinese headers goes through map, cluster, profile (chart and region
// table), score, sql and report keyed by the customer id, with the same results as the table
// with seglab's own names; dims and filters are named as the user's headers; a definition
// saved from it scores next quarter's file with the same headers with no mapping given.
func TestChineseWideTableEndToEnd(t *testing.T) {
	dir := t.TempDir()
	wide := filepath.Join(dir, "wide.csv")
	mustRun(t, "build", "-i", "../../sample-data", "-o", wide)
	zh := filepath.Join(dir, "客户宽表.csv")
	chineseWide(t, wide, zh, "")

	// map → mapping file.
	mapping := filepath.Join(dir, "mapping.yaml")
	mustRun(t, "map", "--input", zh, "--out", mapping)
	if m := readText(t, mapping); !strings.Contains(m, `customer_id: "客户编号"`) || !strings.Contains(m, `outage_minutes_12m: "小时"`) {
		t.Fatalf("mapping file:\n%s", m)
	}

	// cluster with the user's names, and with seglab's names on the original: the same.
	dimsZH := "年用电量:log1p,峰电占比,停电次数,逾期次数,工单数,户龄,缴费渠道::0.5"
	dimsEN := "annual_kwh:log1p,peak_share,outages_12m,late_payment_count,tickets_12m,tenure_years,main_payment_channel::0.5"
	segZH, segEN := filepath.Join(dir, "seg_zh.csv"), filepath.Join(dir, "seg_en.csv")
	defZH, defEN := filepath.Join(dir, "def_zh.yaml"), filepath.Join(dir, "def_en.yaml")
	mustRun(t, "--mapping", mapping, "cluster", "-i", zh, "--filter", "客户类型=居民", "--filter", "区域=东部",
		"--dims", dimsZH, "--k", "4", "--out", segZH, "--save", defZH)
	mustRun(t, "cluster", "-i", wide, "--filter", "customer_type=residential", "--filter", "region=east",
		"--dims", dimsEN, "--k", "4", "--out", segEN, "--save", defEN)
	a, b := readText(t, segZH), readText(t, segEN)
	if a != b || !strings.HasPrefix(a, "customer_id,segment\n") {
		t.Fatalf("assignments differ or are not keyed by the customer id:\n%.200s\n---\n%.200s", a, b)
	}
	if d := readText(t, defZH); !strings.Contains(d, "customer_id: 客户编号") {
		t.Errorf("the definition does not carry the mapping:\n%s", d)
	}

	// profile: the satisfaction-versus-outage chart and the region table, as on the original.
	profile := func(input, assignments string) map[string]any {
		var r map[string]any
		if err := json.Unmarshal([]byte(mustRun(t, "profile", "-i", input, "--assignments", assignments, "--json")), &r); err != nil {
			t.Fatal(err)
		}
		return r
	}
	pZH, pEN := profile(zh, segZH), profile(wide, segEN)
	so, _ := pZH["satisfaction_outage"].(map[string]any)
	if so == nil || len(so["points"].([]any)) != 4 || so["regions"] == nil {
		t.Fatalf("no satisfaction-versus-outage chart or region table on the Chinese table: %v", pZH["satisfaction_outage"])
	}
	for _, key := range []string{"satisfaction_outage", "opportunities", "segments"} {
		if !reflect.DeepEqual(pZH[key], pEN[key]) {
			t.Errorf("profile %s differs between the Chinese and the original table", key)
		}
	}

	// score next quarter's file (same headers, another folder) with no mapping given.
	next := filepath.Join(t.TempDir(), "下季度.csv")
	chineseWide(t, wide, next, "")
	scZH, scEN := filepath.Join(dir, "sc_zh.csv"), filepath.Join(dir, "sc_en.csv")
	mustRun(t, "score", "--definition", defZH, "-i", next, "--out", scZH)
	mustRun(t, "score", "--definition", defEN, "-i", wide, "--out", scEN)
	if a, b := readText(t, scZH), readText(t, scEN); a != b || !strings.HasPrefix(a, "customer_id,segment,segment_name\n") {
		t.Fatalf("scores differ:\n%.200s\n---\n%.200s", a, b)
	}

	// sql: the scoring SELECT reads the user's table through the mapping; run it in DuckDB.
	q := mustRun(t, "sql", "--definition", defZH, "--table", "客户宽表", "--dialect", "duckdb")
	s, err := data.Open(data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	if _, err := s.Load(ctx, zh); err != nil {
		t.Fatal(err)
	}
	rows, err := s.DB().QueryContext(ctx, "SELECT customer_id, segment FROM ("+strings.TrimSuffix(strings.TrimSpace(q), ";")+") ORDER BY customer_id")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for rows.Next() {
		var id string
		var seg int
		if err := rows.Scan(&id, &seg); err != nil {
			t.Fatal(err)
		}
		got = append(got, id+","+strconv.Itoa(seg))
	}
	rows.Close()
	var want []string
	for _, line := range strings.Split(strings.TrimSpace(readText(t, scEN)), "\n")[1:] {
		f := strings.Split(line, ",")
		want = append(want, f[0]+","+f[1])
	}
	slices.Sort(want)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("the scoring SQL over the Chinese table disagrees with seglab score (%d vs %d rows)", len(got), len(want))
	}

	// report.
	report := filepath.Join(dir, "r.html")
	mustRun(t, "report", "--definition", defZH, "-i", zh, "--out", report)
	if r := readText(t, report); !strings.Contains(r, queries.ValueLabel("region", "east", "en")) {
		t.Errorf("the report has no region comparison")
	}
}

// Without an id column, cluster stops and names the columns that could be the id; with
// --row-numbers it numbers the rows and warns, in the text and in the JSON.
func TestNoCustomerIDStops(t *testing.T) {
	dir := t.TempDir()
	wide := filepath.Join(dir, "wide.csv")
	mustRun(t, "build", "-i", "../../sample-data", "-o", wide)
	zh := filepath.Join(dir, "noid.csv")
	chineseWide(t, wide, zh, "")
	// 客户编号 renamed to a header no synonym knows.
	text := strings.Replace(readText(t, zh), "客户编号", "档案标识", 1)
	if err := os.WriteFile(zh, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "seg.csv")
	status, _, stderr := runSeglab(t, "cluster", "-i", zh, "--dims", "年用电量,停电次数", "--k", "3", "--out", out)
	if status != 1 || !strings.Contains(stderr, "档案标识") || !strings.Contains(stderr, "--row-numbers") {
		t.Fatalf("status %d, stderr %s", status, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("an output was written without an id")
	}
	status, stdout, stderr := runSeglab(t, "cluster", "-i", zh, "--dims", "年用电量,停电次数", "--k", "3", "--out", out, "--row-numbers", "--json")
	if status != 0 || !strings.Contains(stderr, "numbered by row") || !strings.Contains(stdout, "numbered by row") {
		t.Fatalf("status %d, stdout %.300s, stderr %s", status, stdout, stderr)
	}
	if !strings.HasPrefix(readText(t, out), "row,segment\n") {
		t.Errorf("row-numbered output: %.50s", readText(t, out))
	}
	// Naming the id with --id, by the user's header, works.
	mustRun(t, "cluster", "-i", zh, "--id", "档案标识", "--dims", "年用电量,停电次数", "--k", "3", "--out", out)
	if !strings.HasPrefix(readText(t, out), "档案标识,segment\n") {
		t.Errorf("output with --id: %.50s", readText(t, out))
	}
}
