package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/seglab/seglab/engine/data"
)

// Tried as a new user would: the sample's exports rewritten in the style of a marketing system
// — other header wordings, billing in monthly columns, slash, compact and Chinese dates,
// thousands separators and currency signs, outage durations in hours, a totals row, GBK — go
// through `seglab build` with no hand edits, and give the same wide table as the originals.
func TestMarketingSystemExportsBuildTheSameWideTable(t *testing.T) {
	src := "../../sample-data"
	dir := t.TempDir()
	rewritten := filepath.Join(dir, "营销系统导出")
	os.Mkdir(rewritten, 0o755)
	rewriteAsMarketingSystem(t, src, rewritten)

	want, got := filepath.Join(dir, "want.parquet"), filepath.Join(dir, "got.parquet")
	if status, _, stderr := runSeglab(t, "build", "--input", src, "--out", want); status != 0 {
		t.Fatalf("build of the sample: %s", stderr)
	}
	status, stdout, stderr := runSeglab(t, "build", "--input", rewritten, "--out", got)
	if status != 0 {
		t.Fatalf("build of the marketing-system exports: %s", stderr)
	}
	if !strings.Contains(stdout, "warning: ") || !strings.Contains(stdout, "1 totals rows") {
		t.Errorf("the totals row is not reported:\n%s", stdout)
	}
	compareWideTables(t, want, got, 5000)
}

// rewriteAsMarketingSystem writes the six exports of src into dir as a marketing system might
// export them, in GBK.
func rewriteAsMarketingSystem(t *testing.T, src, dir string) {
	read := func(name string) [][]string {
		f, err := os.Open(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		recs, err := csv.NewReader(f).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return recs[1:]
	}
	write := func(name string, header []string, rows [][]string) {
		var b bytes.Buffer
		w := csv.NewWriter(&b)
		w.Write(header)
		w.WriteAll(rows)
		gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes(b.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), gbk, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// 2025-02-14 → 2025/2/14.
	slash := func(d string) string {
		y, m, day := d[:4], strings.TrimLeft(d[5:7], "0"), strings.TrimLeft(d[8:10], "0")
		return y + "/" + m + "/" + day
	}
	compact := func(d string) string { return strings.NewReplacer("-", "", ":", "", " ", "").Replace(d) }

	var customers [][]string
	for _, r := range read("customers.csv") {
		customers = append(customers, []string{r[0], r[1], r[2], r[3], r[4], thousands(r[5]), slash(r[6]), r[7], r[8], r[9], r[10]})
	}
	customers = append(customers, []string{"合计", "", "", "", "", "", "", "", "", "", strconv.Itoa(len(customers))})
	write("SG186客户档案.csv", []string{"用户编号", "用电分类", "地区", "行业分类", "供电电压", "运行容量(kVA)", "开户日期",
		"住房性质", "取暖方式", "特殊客户群体", "家庭人口数"}, customers)

	// Billing: one row per customer and year, four columns per month.
	type key struct{ id, year string }
	byYear := map[key][]string{}
	var order []key
	for _, r := range read("billing.csv") {
		k := key{r[0], r[1][:4]}
		row, ok := byYear[k]
		if !ok {
			row = make([]string, 2+4*12)
			row[0], row[1] = k.id, k.year
			order = append(order, k)
		}
		m, _ := strconv.Atoi(r[1][5:])
		copy(row[2+4*(m-1):], []string{thousands(r[2]), thousands(r[3]), "￥" + thousands(r[4]), compact(r[5])})
		byYear[k] = row
	}
	header := []string{"户号", "年份"}
	for m := 1; m <= 12; m++ {
		header = append(header, fmt.Sprintf("%d月电量", m), fmt.Sprintf("%d月峰电量", m), fmt.Sprintf("%d月电费", m), fmt.Sprintf("%d月缴费期限", m))
	}
	var billing [][]string
	for _, k := range order {
		billing = append(billing, byYear[k])
	}
	write("电费发行.csv", header, billing)

	var payments [][]string
	for _, r := range read("payments.csv") {
		payments = append(payments, []string{r[0], strings.ReplaceAll(r[1], "-", ""), slash(r[2]), thousands(r[3]), r[4]})
	}
	write("实收明细.csv", []string{"客户编号", "账务年月", "缴费时间", "实收电费", "缴费方式"}, payments)

	var outages [][]string
	for _, r := range read("outages.csv") {
		minutes, err := strconv.ParseFloat(r[3], 64)
		if err != nil {
			t.Fatal(err)
		}
		outages = append(outages, []string{r[0], r[1], compact(r[2]), strconv.FormatFloat(minutes/60, 'g', -1, 64), r[4]})
	}
	write("停电信息.csv", []string{"停电事件编号", "用户号", "停电时间", "停电时长(小时)", "停电性质"}, outages)

	var tickets [][]string
	for _, r := range read("tickets.csv") {
		d := r[2]
		zh := d[:4] + "年" + strings.TrimLeft(d[5:7], "0") + "月" + strings.TrimLeft(d[8:10], "0") + "日" + d[10:]
		tickets = append(tickets, []string{r[0], r[1], zh, r[3], r[4]})
	}
	write("95598工单.csv", []string{"工单号", "用户编号", "受理日期", "工单类型", "来电渠道"}, tickets)

	var survey [][]string
	for _, r := range read("survey.csv") {
		survey = append(survey, []string{r[0], compact(r[1]), r[2]})
	}
	write("回访.csv", []string{"用户编号", "回访日期", "满意度得分"}, survey)
}

// thousands writes the number s with thousands separators: 12345.6 → 12,345.6.
func thousands(s string) string {
	whole, frac, hasFrac := strings.Cut(s, ".")
	neg := strings.HasPrefix(whole, "-")
	whole = strings.TrimPrefix(whole, "-")
	var b strings.Builder
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	out := b.String()
	if neg {
		out = "-" + out
	}
	if hasFrac {
		out += "." + frac
	}
	return out
}

// compareWideTables fails unless the wide tables in the Parquet files want and got have the
// same columns and, customer by customer, the same values (numbers to 1e-9 relative: hours
// turned back into minutes may differ in the last bit).
func compareWideTables(t *testing.T, want, got string, customers int) {
	t.Helper()
	s, err := data.Open(data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	db := s.DB()
	if _, err := db.Exec(fmt.Sprintf(`CREATE VIEW w AS SELECT * FROM read_parquet('%s'); CREATE VIEW g AS SELECT * FROM read_parquet('%s')`, want, got)); err != nil {
		t.Fatal(err)
	}
	cols := func(view string) []string {
		rows, err := db.QueryContext(ctx, `SELECT column_name || ':' || data_type FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index`, view)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var c string
			rows.Scan(&c)
			out = append(out, c)
		}
		return out
	}
	wc, gc := cols("w"), cols("g")
	if strings.Join(wc, ",") != strings.Join(gc, ",") {
		t.Fatalf("columns differ:\nwant %v\n got %v", wc, gc)
	}
	var nw, ng, matched int
	if err := db.QueryRow(`SELECT (SELECT count(*) FROM w), (SELECT count(*) FROM g), (SELECT count(*) FROM w JOIN g USING (customer_id))`).Scan(&nw, &ng, &matched); err != nil {
		t.Fatal(err)
	}
	if nw != customers || ng != nw || matched != nw {
		t.Fatalf("customers: %d in the original, %d rewritten, %d in both", nw, ng, matched)
	}
	for _, c := range wc {
		name, typ, _ := strings.Cut(c, ":")
		q := `"` + name + `"`
		same := "w." + q + " IS NOT DISTINCT FROM g." + q
		if typ == "DOUBLE" {
			same += " OR abs(w." + q + " - g." + q + ") <= 1e-9 * greatest(1, abs(w." + q + "))"
		}
		var differ int
		var example string
		err := db.QueryRow(`SELECT count(*), coalesce(any_value(customer_id || ': ' || coalesce(CAST(w.`+q+` AS VARCHAR), 'NULL') || ' vs ' || coalesce(CAST(g.`+q+` AS VARCHAR), 'NULL')), '')
			FROM w JOIN g USING (customer_id) WHERE NOT (`+same+`)`).Scan(&differ, &example)
		if err != nil {
			t.Fatal(err)
		}
		if differ > 0 {
			t.Errorf("%s differs for %d customers, e.g. %s", name, differ, example)
		}
	}
}
