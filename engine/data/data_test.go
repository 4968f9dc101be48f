package data

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/seglab/seglab/engine/inputerr"
)

func newSession(t testing.TB) *Session {
	t.Helper()
	s, err := Open(Options{Threads: 2})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func writeFile(t testing.TB, dir, name string, content []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, content, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const customersEN = `customer_id,customer_class,region,industry_code,voltage,contract_capacity_kva,open_date,housing,heating,special_group,household_size
0000000001,居民生活,东部,,220V,8,2015-03-01,自有,燃气,无,3
0000000002,一般工商业,西部,C3130,10kV,315.5,2009-11-20,,其他,无,
0000000003,居民生活,中部,,220V,6,2020-01-15,租赁,电采暖,老年,1
`

const customersCN = "户号,用电类别,区域,行业代码,电压等级,合同容量,立户日期,房屋产权,采暖方式,特殊群体,家庭人口,备注\n" +
	"1000000001,居民生活,东部,,220V,8,2015-03-01,自有,燃气,无,3,新装\n" +
	"1000000002,居民生活,西部,,220V,4,2016-07-09,租赁,其他,低保,2,\n"

const billingCN = "户号,账期,抄见电量,峰时电量,应收电费,缴费截止日期\n" +
	"1000000001,2024-01,210.5,80,115.3,2024-02-20\n" +
	"1000000002,2024-01,98,30.5,52.1,2024-02-20\n" +
	"1000000001,2024-02,190,70,104.6,2024-03-20\n"

func mustLoad(t *testing.T, s *Session, paths ...string) []Table {
	t.Helper()
	ts, err := s.Load(context.Background(), paths...)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return ts
}

func columnTypes(t Table) map[string]string {
	m := map[string]string{}
	for _, c := range t.Columns {
		m[c.Name] = c.Type
	}
	return m
}

func TestLoadUTF8CustomersAndRawView(t *testing.T) {
	s := newSession(t)
	p := writeFile(t, t.TempDir(), "客户档案.csv", []byte(customersEN))
	ts := mustLoad(t, s, p)
	if len(ts) != 1 {
		t.Fatalf("got %d tables", len(ts))
	}
	tb := ts[0]
	if tb.Name != "客户档案" || tb.Kind != Customers || tb.Rows != 3 || tb.Source != p {
		t.Fatalf("table = %+v", tb)
	}
	want := map[string]string{"customer_id": "VARCHAR", "contract_capacity_kva": "DOUBLE", "open_date": "DATE", "household_size": "BIGINT", "region": "VARCHAR"}
	got := columnTypes(tb)
	for c, typ := range want {
		if got[c] != typ {
			t.Errorf("column %s: type %s, want %s", c, got[c], typ)
		}
	}
	var id, class string
	var capacity float64
	var size *int64
	err := s.DB().QueryRow(`SELECT customer_id, customer_class, contract_capacity_kva, household_size FROM raw_customers WHERE customer_id = ?`, "0000000002").
		Scan(&id, &class, &capacity, &size)
	if err != nil {
		t.Fatal(err)
	}
	if class != "一般工商业" || capacity != 315.5 || size != nil {
		t.Errorf("raw_customers row = %q %v %v", class, capacity, size)
	}
	if k := s.Kinds(); len(k) != 1 || k[0] != Customers {
		t.Errorf("Kinds = %v", k)
	}
}

func TestLoadBOMChineseHeaders(t *testing.T) {
	s := newSession(t)
	p := writeFile(t, t.TempDir(), "customers.csv", append([]byte("\xEF\xBB\xBF"), customersCN...))
	tb := mustLoad(t, s, p)[0]
	if tb.Columns[0].Name != "户号" || tb.Kind != Customers {
		t.Fatalf("first column %q, kind %q", tb.Columns[0].Name, tb.Kind)
	}
	var n int
	if err := s.DB().QueryRow(`SELECT count(*) FROM raw_customers WHERE special_group = '低保' AND household_size = 2`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("count = %d, err %v", n, err)
	}
}

func gbk(t *testing.T, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestLoadGBK(t *testing.T) {
	s := newSession(t)
	dir := t.TempDir()
	p := writeFile(t, dir, "档案.csv", gbk(t, customersCN))
	tb := mustLoad(t, s, p)[0]
	if tb.Kind != Customers || tb.Columns[1].Name != "用电类别" {
		t.Fatalf("kind %q, columns %v", tb.Kind, tb.Columns)
	}
	var class, region string
	if err := s.DB().QueryRow(`SELECT customer_class, region FROM raw_customers WHERE customer_id = '1000000002'`).Scan(&class, &region); err != nil {
		t.Fatal(err)
	}
	if class != "居民生活" || region != "西部" {
		t.Errorf("got %q %q", class, region)
	}
}

func TestLoadTSVAndSemicolon(t *testing.T) {
	s := newSession(t)
	dir := t.TempDir()
	tsv := writeFile(t, dir, "survey.tsv", []byte("户号\t调查日期\t满意度\n1\t2024-05-01\t8.5\n2\t2024-05-02\t6\n"))
	semi := writeFile(t, dir, "other.csv", []byte("a;b\n1;x\n"))
	ts := mustLoad(t, s, tsv, semi)
	if ts[0].Kind != Survey || len(ts[0].Columns) != 3 || len(ts[1].Columns) != 2 || ts[1].Kind != "" {
		t.Fatalf("tables = %+v", ts)
	}
	var avg float64
	if err := s.DB().QueryRow(`SELECT avg(satisfaction) FROM raw_survey`).Scan(&avg); err != nil || avg != 7.25 {
		t.Fatalf("avg = %v, err %v", avg, err)
	}
}

func TestLoadParquet(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "tickets.parquet")
	w := newSession(t)
	_, err := w.DB().Exec(`COPY (SELECT 'T' || i AS "工单编号", lpad(CAST(i % 3 AS VARCHAR), 10, '0') AS "户号",
		TIMESTAMP '2024-01-01 08:00:00' + INTERVAL (i) HOUR AS "受理时间", '投诉' AS "业务类型", '95598电话' AS "受理渠道"
		FROM range(10) t(i)) TO '` + strings.ReplaceAll(p, "'", "''") + `' (FORMAT parquet)`)
	if err != nil {
		t.Fatal(err)
	}
	s := newSession(t)
	tb := mustLoad(t, s, p)[0]
	if tb.Kind != Tickets || tb.Rows != 10 || tb.Format != "parquet" {
		t.Fatalf("table = %+v", tb)
	}
	var n int
	if err := s.DB().QueryRow(`SELECT count(*) FROM raw_tickets WHERE customer_id = '0000000001' AND accept_time >= TIMESTAMP '2024-01-01 09:00:00'`).Scan(&n); err != nil || n != 3 {
		t.Fatalf("count = %d, err %v", n, err)
	}
}

func TestLoadFolderStacksSameKind(t *testing.T) {
	s := newSession(t)
	dir := t.TempDir()
	lines := strings.SplitAfter(billingCN, "\n")
	writeFile(t, dir, "b_billing_q2.csv", []byte(lines[0]+lines[3]))
	writeFile(t, dir, "a_billing_q1.csv", []byte(lines[0]+lines[1]+lines[2]))
	writeFile(t, dir, "c_customers.csv", []byte(customersCN))
	writeFile(t, dir, "readme.txt", []byte("not data"))
	ts := mustLoad(t, s, dir)
	var names []string
	for _, tb := range ts {
		names = append(names, tb.Name+":"+string(tb.Kind))
	}
	if got := strings.Join(names, " "); got != "a_billing_q1:billing b_billing_q2:billing c_customers:customers" {
		t.Fatalf("tables = %s", got)
	}
	var n int
	var kwh float64
	if err := s.DB().QueryRow(`SELECT count(*), sum(kwh) FROM raw_billing`).Scan(&n, &kwh); err != nil || n != 3 || kwh != 498.5 {
		t.Fatalf("raw_billing: %d rows, %v kWh, err %v", n, kwh, err)
	}
	if err := s.Require("the wide table", Customers, Billing); err != nil {
		t.Fatal(err)
	}
	err := s.Require("the wide table", Customers, Billing, Survey)
	if err == nil || !strings.HasPrefix(err.Error(), "the wide table needs customers, billing and survey exports; found none of survey\n") ||
		!strings.Contains(err.Error(), "seglab exports") {
		t.Fatalf("Require: %v", err)
	}
}

func TestNameClashesAreSuffixed(t *testing.T) {
	s := newSession(t)
	a := writeFile(t, t.TempDir(), "x.csv", []byte("a\n1\n"))
	b := writeFile(t, t.TempDir(), "X.csv", []byte("a\n2\n"))
	c := writeFile(t, t.TempDir(), "raw_billing.csv", []byte("a\n3\n"))
	ts := mustLoad(t, s, a, b, c)
	if ts[0].Name != "x" || ts[1].Name != "X_2" || ts[2].Name != "raw_billing_2" {
		t.Fatalf("names %q %q %q", ts[0].Name, ts[1].Name, ts[2].Name)
	}
}

// wantInputErr checks that err is an *inputerr.Error with the given file, line and column
// (column 0: not checked) and a message containing each of parts.
func wantInputErr(t *testing.T, err error, file string, line, col int, parts ...string) {
	t.Helper()
	var ie *inputerr.Error
	if !errors.As(err, &ie) {
		t.Fatalf("want *inputerr.Error, got %T: %v", err, err)
	}
	if ie.File != file || ie.Line != line || (col != 0 && ie.Column != col) {
		t.Errorf("error at %s:%d:%d, want %s:%d:%d (%v)", ie.File, ie.Line, ie.Column, file, line, col, err)
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("error %q does not mention %q", err, p)
		}
	}
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	var bigRagged strings.Builder
	bigRagged.WriteString("a,b,c\n")
	for i := range 30000 {
		if i == 25000 {
			bigRagged.WriteString("1,2\n")
			continue
		}
		bigRagged.WriteString("1,\"x,y\",3\n")
	}
	badGBK := append(gbk(t, "户号,满意度\n1,8\n2,"), 0xFF, 0xFE, '\n')
	var damagedUTF8 strings.Builder
	damagedUTF8.WriteString("户号,名称,金额\n")
	for i := 1; i < 400; i++ {
		if i == 299 {
			damagedUTF8.WriteString("299,张三,\xff5\n")
			continue
		}
		fmt.Fprintf(&damagedUTF8, "%d,张三,%d.5\n", i, i)
	}
	cases := []struct {
		name, file string
		content    []byte
		line, col  int
		parts      []string
	}{
		{"empty", "empty.csv", nil, 0, 0, []string{"empty"}},
		{"blank", "blank.csv", []byte("\n\n  \n"), 0, 0, []string{"empty"}},
		{"short row", "short.csv", []byte("a,b,c\n1,2,3\n4,5\n6,7,8\n"), 3, 0, []string{"2 fields", "header has 3"}},
		{"long row", "long.csv", []byte("a,b,c\n1,2,3\n4,5,6\n7,8,9,10\n"), 4, 0, []string{"4 fields"}},
		{"ragged after quoted newline", "quoted.csv", []byte("a,b\n\"multi\nline\",2\n3\n"), 4, 0, []string{"1 fields"}},
		{"ragged deep in file", "big.csv", []byte(bigRagged.String()), 25002, 0, []string{"2 fields"}},
		{"unclosed quote", "unclosed.csv", []byte("a,b\n1,\"open\n2,3\n"), 2, 0, []string{"never closed"}},
		{"text in number", "账单.csv", []byte(strings.Replace(billingCN, "98,30.5", "98,三十", 1)), 3, 4, []string{`column "峰时电量"`, `"三十" is not a number`}},
		{"bad date", "bill.csv", []byte(strings.Replace(billingCN, "2024-03-20", "2024-13-45", 1)), 4, 6, []string{`column "缴费截止日期"`, "not a date"}},
		{"empty bill month", "bill3.csv", []byte(strings.Replace(billingCN, "2024-02,", ",", 1)), 4, 2, []string{`column "账期"`, "every bill needs one"}},
		{"bad bill month", "bill2.csv", []byte(strings.Replace(billingCN, "2024-02,", "2024/13,", 1)), 4, 2, []string{`"2024/13" is not a bill month`}},
		{"fractional household", "cust.csv", []byte(strings.Replace(customersEN, "老年,1", "老年,1.5", 1)), 4, 11, []string{`"1.5" is not a whole number`}},
		{"unknown encoding", "enc.csv", badGBK, 3, 0, []string{"unknown text encoding"}},
		{"damaged UTF-8 on line 300", "utf8.csv", []byte(damagedUTF8.String()), 300, 3, []string{"0xFF does not decode as UTF-8"}},
		{"fifo", "pipe.csv", nil, 0, 0, []string{"not a regular file"}},
		{"duplicate header", "dup-header.csv", []byte("id,annual_kwh,Annual_kWh\n1,2,3\n"), 1, 3, []string{"twice", "also column 2"}},
		{"binary", "bin.csv", []byte("PK\x03\x04\x00\x00garbage\n\x00\x01"), 1, 0, []string{"binary"}},
		{"not a data file", "notes.txt", []byte("hello"), 0, 0, []string{"not a CSV"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := newSession(t)
			p := filepath.Join(dir, c.file)
			if c.name == "fifo" {
				if err := syscall.Mkfifo(p, 0o644); err != nil {
					t.Fatal(err)
				}
			} else {
				p = writeFile(t, dir, c.file, c.content)
			}
			_, err := s.Load(context.Background(), p)
			t.Log(err)
			wantInputErr(t, err, p, c.line, c.col, c.parts...)
			if len(s.Tables()) != 0 || len(s.Kinds()) != 0 {
				t.Errorf("failed load left tables %v", s.Tables())
			}
		})
	}
}

func TestMissingFileAndBadFolders(t *testing.T) {
	s := newSession(t)
	dir := t.TempDir()
	missing := filepath.Join(dir, "nope.csv")
	_, err := s.Load(context.Background(), missing)
	wantInputErr(t, err, missing, 0, 0, "no such file")

	empty := filepath.Join(dir, "empty")
	os.Mkdir(empty, 0o755)
	writeFile(t, empty, "notes.txt", []byte("x"))
	_, err = s.Load(context.Background(), empty)
	wantInputErr(t, err, empty, 0, 0, "no CSV, TSV, Parquet or Excel")

	plain := filepath.Join(dir, "plain")
	os.Mkdir(plain, 0o755)
	writeFile(t, plain, "a.csv", []byte("x,y\n1,2\n"))
	_, err = s.Load(context.Background(), plain)
	wantInputErr(t, err, plain, 0, 0, "none of the 1 files", "recognised export")
	if len(s.Tables()) != 0 {
		t.Errorf("tables left behind: %v", s.Tables())
	}
}

// A customer id on several rows, within a file or across files, is a warning: the first row
// (in file order) is kept.
func TestDuplicateCustomersAcrossFiles(t *testing.T) {
	s := newSession(t)
	dir := t.TempDir()
	a := writeFile(t, dir, "a.csv", []byte(customersCN))
	lines := strings.SplitAfter(customersCN, "\n")
	b := writeFile(t, dir, "b.csv", []byte(lines[0]+strings.Replace(lines[2], "西部", "东部", 1)+lines[2]))
	mustLoad(t, s, a, b)
	w := findWarning(t, s, WarnRepeatedIDs)
	if w.Count != 1 || !strings.Contains(w.Msg, `"1000000002"`) || !strings.Contains(w.Msg, "3 rows") {
		t.Errorf("warning %+v", w)
	}
	var n int
	var region string
	if err := s.DB().QueryRow(`SELECT count(*), any_value(region) FILTER (WHERE customer_id = '1000000002') FROM raw_customers`).Scan(&n, &region); err != nil {
		t.Fatal(err)
	}
	if n != 2 || region != "西部" {
		t.Errorf("raw_customers: %d rows, region of the repeated id %s; want 2 and the first row's 西部", n, region)
	}
}

// findWarning returns the session's warning with code, failing the test when there is none.
func findWarning(t *testing.T, s *Session, code string) Warning {
	t.Helper()
	for _, w := range s.Warnings() {
		if w.Code == code {
			return w
		}
	}
	t.Fatalf("no %s warning among %v", code, s.Warnings())
	return Warning{}
}

func TestDescribe(t *testing.T) {
	s := newSession(t)
	p := writeFile(t, t.TempDir(), "d.csv", []byte("v,s,d\n1,a,2024-01-02\n2,e,\n3,c,2023-12-31\n4,b,2024-05-05\n5,d,2024-01-01\n,,\n"))
	mustLoad(t, s, p)
	stats, err := s.Describe(context.Background(), "d")
	if err != nil {
		t.Fatal(err)
	}
	if len(stats) != 3 {
		t.Fatalf("%d columns", len(stats))
	}
	v, str, d := stats[0], stats[1], stats[2]
	// Hand-computed: values 1..5 and one NULL in six rows; mean 3; sample variance 10/4.
	if v.Name != "v" || v.Type != "BIGINT" || v.Rows != 6 || v.Distinct != 5 || !v.Numeric {
		t.Errorf("v = %+v", v)
	}
	if math.Abs(v.NullShare-1.0/6) > 0.0001 || v.Mean != 3 || math.Abs(v.Std-math.Sqrt(2.5)) > 1e-12 || v.Q50 != 3 {
		t.Errorf("v stats = %+v", v)
	}
	if v.Min != "1" || v.Max != "5" || v.Q25 < 1.5 || v.Q25 > 2 || v.Q75 < 4 || v.Q75 > 4.5 {
		t.Errorf("v range/quartiles = %+v", v)
	}
	if str.Type != "VARCHAR" || str.Numeric || str.Min != "a" || str.Max != "e" || math.Abs(str.NullShare-1.0/6) > 0.0001 {
		t.Errorf("s = %+v", str)
	}
	if d.Type != "DATE" || d.Min != "2023-12-31" || d.Max != "2024-05-05" || math.Abs(d.NullShare-2.0/6) > 0.0001 {
		t.Errorf("d = %+v", d)
	}
}

func TestReadMatrix(t *testing.T) {
	s := newSession(t)
	ctx := context.Background()
	_, err := s.DB().Exec(`CREATE TABLE m AS SELECT i, i * 0.5 AS half, CASE WHEN i % 3 = 0 THEN NULL ELSE i::DOUBLE END AS sparse,
		(i % 7)::DECIMAL(6,2) AS dec FROM range(5000) t(i)`)
	if err != nil {
		t.Fatal(err)
	}
	const q = "SELECT i, half, sparse, dec FROM m WHERE i >= ? ORDER BY i"
	fast, err := s.ReadMatrix(ctx, q, 10)
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("SEGLAB_SCAN_READER", "1")
	slow, err := s.ReadMatrix(ctx, q, 10)
	if err != nil {
		t.Fatal(err)
	}
	if fast.Rows != 4990 || strings.Join(fast.Columns, ",") != "i,half,sparse,dec" || len(fast.Data) != 4990*4 {
		t.Fatalf("fast: %d rows, columns %v, %d values", fast.Rows, fast.Columns, len(fast.Data))
	}
	for r := range fast.Rows {
		i := float64(r + 10)
		want := []float64{i, i / 2, i, float64(int(i) % 7)}
		if int(i)%3 == 0 {
			want[2] = math.NaN()
		}
		for j, w := range want {
			got, other := fast.Row(r)[j], slow.Row(r)[j]
			same := func(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }
			if !same(got, w) || !same(other, w) {
				t.Fatalf("row %d col %d: fast %v, scan %v, want %v", r, j, got, other, w)
			}
		}
	}
	for _, env := range []string{"1", ""} {
		t.Setenv("SEGLAB_SCAN_READER", env)
		if _, err := s.ReadMatrix(ctx, "SELECT i, 'x' AS label FROM m"); err == nil || !strings.Contains(err.Error(), `"label" is VARCHAR`) {
			t.Errorf("reader %q: text column accepted: %v", env, err)
		}
	}
}

func TestFastPathReachesDriverConnection(t *testing.T) {
	s := newSession(t)
	conn, err := s.DB().Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var ok bool
	conn.Raw(func(dc any) error {
		_, ok = rawConnection(dc)
		return nil
	})
	if !ok {
		t.Fatal("the duckdb-go driver no longer keeps its C connection in field conn: ReadMatrix would fall back to Scan")
	}
	if _, ok := rawConnection(&struct{ conn int }{}); ok {
		t.Fatal("a field of the wrong type was taken for a connection")
	}
}

func TestReadStrings(t *testing.T) {
	s := newSession(t)
	got, err := s.ReadStrings(context.Background(), "SELECT * FROM (VALUES ('户1'), (NULL), ('b')) t(x) WHERE x IS NULL OR x <> ?", "b")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0] != "户1" || got[1] != "" {
		t.Fatalf("got %q", got)
	}
}

func TestConfine(t *testing.T) {
	s := newSession(t)
	ctx := context.Background()
	allowed, outside := t.TempDir(), t.TempDir()
	in := writeFile(t, allowed, "in.csv", []byte("a\n1\n"))
	out := writeFile(t, outside, "out.csv", []byte("a\n2\n"))
	if err := s.Confine(ctx, []string{allowed}, nil); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s.DB().QueryRow("SELECT count(*) FROM read_csv(?)", in).Scan(&n); err != nil || n != 1 {
		t.Fatalf("allowed file: %d rows, err %v", n, err)
	}
	if err := s.DB().QueryRow("SELECT count(*) FROM read_csv(?)", out).Scan(&n); err == nil {
		t.Fatal("a file outside the allowed folders was read")
	}
	if _, err := s.DB().Exec("SET enable_external_access = true"); err == nil {
		t.Fatal("configuration not locked")
	}
	if _, err := s.Load(ctx, in); err != nil {
		t.Fatalf("Load inside the allowed folder: %v", err)
	}
	gb := writeFile(t, allowed, "gbk.csv", gbk(t, "户号,满意度\n1,8\n"))
	if _, err := s.Load(ctx, gb); err != nil {
		t.Fatalf("Load of a transcoded file: %v", err)
	}
}

// TestDescribeLarge checks Describe on a table large enough for the quartiles to be taken from
// a sample (see quartileSample) against exact values computed here. Tolerances: count, NULL
// share, min, max, mean and standard deviation exact (to rounding); distinct counts of more
// than exactDistinctBelow values are HyperLogLog estimates, allowed 30 % (DuckDB's sketch is
// coarse: 5–25 % off is usual), fewer are counted exactly; quartiles are those of a
// pseudo-random sample of about 262,144 rows, whose rank error is about 0.1 % (one standard
// error), allowed 0.5 % of the rows. Column p repeats 0..11 in row order, so a sample that
// followed the rows' period (every 4th row, say) would get its quartiles wrong.
func TestDescribeLarge(t *testing.T) {
	const n = 1_200_000
	s := newSession(t)
	_, err := s.DB().Exec(`CREATE TABLE big AS SELECT i AS u, i % 12 AS p,
		CASE WHEN i % 5 = 0 THEN NULL ELSE i * 0.5 END AS h, 'k' || (i % 1000) AS s,
		CASE WHEN i % 100000 = 7 THEN 'rare' || i ELSE 'common' END AS r,
		CASE WHEN i % 8 = 0 THEN i ELSE -1 END AS w FROM range(?) t(i)`, n)
	if err != nil {
		t.Fatal(err)
	}
	stats, err := s.Describe(context.Background(), "big")
	if err != nil {
		t.Fatal(err)
	}
	if len(stats) != 6 {
		t.Fatalf("%d columns", len(stats))
	}
	u, p, h, str := stats[0], stats[1], stats[2], stats[3]
	near := func(got, want, tol float64) bool { return math.Abs(got-want) <= tol }
	// r: 12 rare values (one row each, most of them outside any sample) and 'common'; w: one
	// row in eight its own value, the rest -1: 150,001 values, of which the sample of about
	// 300,000 rows holds far fewer than 100,000, so it is counted, not estimated.
	if r := stats[4]; r.Distinct != 13 || r.DistinctEstimated {
		t.Errorf("r: %d distinct (estimated %v), want exactly 13", r.Distinct, r.DistinctEstimated)
	}
	if w := stats[5]; w.Distinct != n/8+1 || w.DistinctEstimated {
		t.Errorf("w: %d distinct (estimated %v), want exactly %d", w.Distinct, w.DistinctEstimated, n/8+1)
	}
	// p and w are described from their GROUP BY: mean and standard deviation against a
	// two-pass computation over every row here.
	for _, c := range []struct {
		st       ColumnStats
		value    func(i int) float64
		min, max string
	}{
		{stats[1], func(i int) float64 { return float64(i % 12) }, "0", "11"},
		{stats[5], func(i int) float64 {
			if i%8 == 0 {
				return float64(i)
			}
			return -1
		}, "-1", "1199992"},
	} {
		var sum, ss float64
		for i := range n {
			sum += c.value(i)
		}
		mean := sum / n
		for i := range n {
			ss += (c.value(i) - mean) * (c.value(i) - mean)
		}
		std := math.Sqrt(ss / (n - 1))
		if c.st.Rows != n || c.st.NullShare != 0 || !c.st.Numeric || c.st.Min != c.min || c.st.Max != c.max ||
			!near(c.st.Mean, mean, 1e-9*math.Abs(mean)) || !near(c.st.Std, std, 1e-9*std) {
			t.Errorf("%s = %+v, want mean %v, std %v, min %s, max %s", c.st.Name, c.st, mean, std, c.min, c.max)
		}
	}
	// A view has no rowid to sample by: every row is used, and the columns whose estimate is
	// below 100,000 are counted.
	if _, err := s.DB().Exec(`CREATE VIEW bigview AS SELECT u, p, r FROM big`); err != nil {
		t.Fatal(err)
	}
	view, err := s.Describe(context.Background(), "bigview")
	if err != nil {
		t.Fatal(err)
	}
	if len(view) != 3 || !view[0].DistinctEstimated || view[0].Distinct > n || view[1].Distinct != 12 || view[1].DistinctEstimated ||
		view[2].Distinct != 13 || view[2].DistinctEstimated || view[1].Q50 < 5 || view[1].Q50 > 6 {
		t.Errorf("view: %+v", view)
	}
	// u = 0..n-1: mean (n-1)/2, sample variance n(n+1)/12.
	if u.Rows != n || u.NullShare != 0 || u.Min != "0" || u.Max != "1199999" || !u.Numeric ||
		!near(u.Mean, (n-1)/2.0, 1e-6) || !near(u.Std, math.Sqrt(n*(n+1)/12.0), 1e-6) {
		t.Errorf("u = %+v", u)
	}
	if !near(float64(u.Distinct), n, 0.3*n) || u.Distinct > n || !u.DistinctEstimated {
		t.Errorf("u: %d distinct (estimated %v), want an estimate of about %d and at most %d", u.Distinct, u.DistinctEstimated, n, n)
	}
	if p.DistinctEstimated || str.DistinctEstimated {
		t.Errorf("columns with few values are counted, not estimated: p %+v, s %+v", p, str)
	}
	for _, q := range []struct{ got, p float64 }{{u.Q25, 0.25}, {u.Q50, 0.5}, {u.Q75, 0.75}} {
		if !near(q.got, q.p*(n-1), 0.005*n) {
			t.Errorf("u: quantile %v = %v, want %v ± %v", q.p, q.got, q.p*(n-1), 0.005*n)
		}
	}
	if p.Distinct != 12 || p.Q25 < 2 || p.Q25 > 3 || p.Q50 < 5 || p.Q50 > 6 || p.Q75 < 8 || p.Q75 > 9 {
		t.Errorf("p = %+v, want 12 distinct and quartiles 2–3, 5–6, 8–9", p)
	}
	// h = i/2 for i not a multiple of 5: one row in five NULL.
	if !near(h.NullShare, 0.2, 1e-12) || h.Min != "0.5" || h.Max != "599999.5" || !near(h.Q50, n/4.0, 0.005*n/2) ||
		!near(float64(h.Distinct), 0.8*n, 0.3*0.8*n) || h.Distinct > 0.8*n {
		t.Errorf("h = %+v", h)
	}
	if str.Numeric || str.Min != "k0" || str.Max != "k999" || str.Distinct != 1000 {
		t.Errorf("s = %+v", str)
	}
}

// TestTypedRead checks that well-formed files are read in one typed pass (an export's
// required columns with their contract's types, other columns with inferred types) and that
// a value that does not convert sends the file down the text path, where validate names it.
func TestTypedRead(t *testing.T) {
	s := newSession(t)
	dir := t.TempDir()
	cust := writeFile(t, dir, "cust.csv", []byte(strings.Replace(customersCN, "低保,2,", "低保,2.0,", 1)))
	other := writeFile(t, dir, "other.csv", []byte("id,n,x,d,ts,s,e,sci,dashed\n"+
		"007,1,1.5,2024-01-02,2024-01-02 10:00:00,abc,,9.3e-05,1-2\n"+
		"010,-2,3,2024-12-31,2024-12-31 23:59:59,,,-1.2E+03,3\n"))
	ts := mustLoad(t, s, cust, other)
	for _, tb := range ts {
		if tb.textRead {
			t.Errorf("%s was read as text", tb.Name)
		}
	}
	want := map[string]string{"户号": "VARCHAR", "合同容量": "DOUBLE", "立户日期": "DATE", "家庭人口": "BIGINT", "备注": "VARCHAR"}
	got := columnTypes(ts[0])
	for c, typ := range want {
		if got[c] != typ {
			t.Errorf("cust column %s: type %s, want %s", c, got[c], typ)
		}
	}
	want = map[string]string{"id": "VARCHAR", "n": "BIGINT", "x": "DOUBLE", "d": "DATE", "ts": "TIMESTAMP", "s": "VARCHAR", "e": "VARCHAR",
		"sci": "DOUBLE", "dashed": "VARCHAR"} // exponents are numbers; an inner dash is not
	got = columnTypes(ts[1])
	for c, typ := range want {
		if got[c] != typ {
			t.Errorf("other column %s: type %s, want %s", c, got[c], typ)
		}
	}
	var id string
	var x float64
	var size int64
	if err := s.DB().QueryRow(`SELECT id, x FROM other WHERE n = -2`).Scan(&id, &x); err != nil || id != "010" || x != 3 {
		t.Errorf("other row: %q %v, err %v", id, x, err)
	}
	if err := s.DB().QueryRow(`SELECT household_size FROM raw_customers WHERE customer_id = '1000000002'`).Scan(&size); err != nil || size != 2 {
		t.Errorf("household size %v, err %v", size, err)
	}

	bad := writeFile(t, dir, "bad.csv", []byte(strings.Replace(billingCN, "98,30.5", "98,三十", 1)))
	textRead, err := s.loadCSV(context.Background(), bad, "bad")
	if err != nil || !textRead {
		t.Fatalf("loadCSV of a bad value: text read %v, err %v", textRead, err)
	}
	cols, err := s.columns(context.Background(), "bad")
	if err != nil || len(cols) != 6 {
		t.Fatalf("text-read columns %v, err %v", cols, err)
	}
	for _, c := range cols {
		if c.Type != "VARCHAR" {
			t.Errorf("text-read export column %s is %s, want VARCHAR (validate names bad values)", c.Name, c.Type)
		}
	}
}

// Excel's "Unicode text" (UTF-16 with a byte-order mark, tab-separated) and UTF-32 files are
// read like UTF-8 ones.
func TestUTF16AndUTF32(t *testing.T) {
	text := "名称\t金额\n张三\t1.5\n李四\t2.5\n"
	enc := map[string][]byte{
		"utf16le.tsv": utf16Bytes(text, binary.LittleEndian),
		"utf16be.tsv": utf16Bytes(text, binary.BigEndian),
		"utf32le.tsv": utf32Bytes(text),
	}
	for name, b := range enc {
		t.Run(name, func(t *testing.T) {
			s := newSession(t)
			p := writeFile(t, t.TempDir(), name, b)
			ts, err := s.Load(context.Background(), p)
			if err != nil {
				t.Fatal(err)
			}
			var sum float64
			var first string
			if err := s.DB().QueryRow(`SELECT sum("金额"), min("名称") FROM "`+ts[0].Name+`"`).Scan(&sum, &first); err != nil {
				t.Fatal(err)
			}
			if sum != 4 || first != "张三" {
				t.Errorf("read %v %q; want 4 张三", sum, first)
			}
		})
	}
}

// utf16Bytes encodes s as UTF-16 in order, with its byte-order mark.
func utf16Bytes(s string, order binary.AppendByteOrder) []byte {
	out := order.AppendUint16(nil, 0xFEFF)
	for _, u := range utf16.Encode([]rune(s)) {
		out = order.AppendUint16(out, u)
	}
	return out
}

// utf32Bytes encodes s as UTF-32 little-endian with its byte-order mark.
func utf32Bytes(s string) []byte {
	out := []byte{0xFF, 0xFE, 0, 0}
	for _, r := range s {
		out = append(out, byte(r), byte(r>>8), byte(r>>16), byte(r>>24))
	}
	return out
}
