package sample

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// readAll writes a sample with opts into a fresh directory and returns every file's bytes.
func readAll(t *testing.T, opts Options) map[string][]byte {
	t.Helper()
	dir := t.TempDir()
	sum, err := Write(context.Background(), dir, opts)
	if err != nil {
		t.Fatalf("Write: %v", err)
	}
	files := map[string][]byte{}
	for _, f := range sum.Files {
		data, err := os.ReadFile(f.Path)
		if err != nil {
			t.Fatal(err)
		}
		if int64(len(data)) != f.Bytes {
			t.Errorf("%s: summary says %d bytes, file has %d", f.Name, f.Bytes, len(data))
		}
		if lines := bytes.Count(data, []byte("\n")) - 1; lines != f.Rows {
			t.Errorf("%s: summary says %d rows, file has %d", f.Name, f.Rows, lines)
		}
		files[f.Name] = data
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != len(sum.Files) {
		t.Errorf("dir holds %d entries, want the %d files written (temporary files left behind?)", len(entries), len(sum.Files))
	}
	return files
}

func TestSameOptionsSameBytesWhateverGOMAXPROCS(t *testing.T) {
	opts := Options{Customers: 3*chunkSize + 77, Seed: 42, Truth: true}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	one := readAll(t, opts)
	if len(one) != 7 {
		t.Fatalf("wrote %d files, want 7", len(one))
	}
	for _, procs := range []int{2, 4} {
		runtime.GOMAXPROCS(procs)
		more := readAll(t, opts)
		for name, data := range one {
			if !bytes.Equal(data, more[name]) {
				t.Errorf("%s differs between GOMAXPROCS 1 and %d", name, procs)
			}
		}
	}
	opts.Seed = 43
	other := readAll(t, opts)
	for _, name := range exportFiles() {
		if bytes.Equal(one[name], other[name]) {
			t.Errorf("%s is the same for seeds 42 and 43", name)
		}
	}
}

func TestGBKDecodesToTheUTF8Text(t *testing.T) {
	opts := Options{Customers: 700, Seed: 3}
	utf := readAll(t, opts)
	opts.Encoding = "gbk"
	gbk := readAll(t, opts)
	for _, name := range exportFiles() {
		if bytes.Equal(utf[name], gbk[name]) {
			t.Errorf("%s: GBK output equals UTF-8 output; nothing was transcoded", name)
		}
		text, err := simplifiedchinese.GBK.NewDecoder().Bytes(gbk[name])
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !bytes.Equal(text, utf[name]) {
			t.Errorf("%s: GBK output decodes to different text than the UTF-8 output", name)
		}
	}
}

// TestHeadersFollowEXPORTS reads the column tables of queries/EXPORTS.md and checks that
// Exports and the files written carry exactly those columns, in that order.
func TestHeadersFollowEXPORTS(t *testing.T) {
	doc, err := os.ReadFile("../../queries/EXPORTS.md")
	if err != nil {
		t.Fatal(err)
	}
	section := regexp.MustCompile(`^### (\w+) — `)
	row := regexp.MustCompile("^\\| (\\w+) \\| ([^|]+?) \\| (\\w+) \\|")
	want := map[string][]Column{}
	kind := ""
	for _, line := range strings.Split(string(doc), "\n") {
		if m := section.FindStringSubmatch(line); m != nil {
			kind = m[1]
		} else if strings.HasPrefix(line, "## ") {
			kind = ""
		} else if m := row.FindStringSubmatch(line); m != nil && kind != "" && m[1] != "canonical" {
			want[kind] = append(want[kind], Column{m[1], m[2], m[3]})
		}
	}
	if len(want) != 6 {
		t.Fatalf("found %d export tables in EXPORTS.md, want 6", len(want))
	}
	files := readAll(t, Options{Customers: 10, Seed: 1})
	for _, e := range Exports() {
		w := want[e.Kind]
		if len(w) != len(e.Columns) {
			t.Errorf("%s: %d columns, EXPORTS.md has %d", e.Kind, len(e.Columns), len(w))
			continue
		}
		for i := range w {
			if w[i] != e.Columns[i] {
				t.Errorf("%s column %d: %+v, EXPORTS.md says %+v", e.Kind, i+1, e.Columns[i], w[i])
			}
		}
		header, _, _ := bytes.Cut(files[e.File], []byte("\n"))
		var names []string
		for _, c := range w {
			names = append(names, c.Header)
		}
		if got := string(header); got != strings.Join(names, ",") {
			t.Errorf("%s header %q, want %q", e.File, got, strings.Join(names, ","))
		}
	}
}

// TestValuesFollowTheContract checks every value of every export against the formats and
// vocabularies of EXPORTS.md, and the references between files.
func TestValuesFollowTheContract(t *testing.T) {
	w := generateWorld(t, Options{Customers: 4000, Seed: 11, AsOf: "2024-06"})
	type check struct {
		file   string
		col    int
		re     string
		orNone bool
	}
	date := `20(2[34])-[01]\d-[0-3]\d`
	checks := []check{
		{"customers.csv", 0, `31\d{8}`, false},
		{"customers.csv", 1, `居民生活|一般工商业|大工业|农业生产`, false},
		{"customers.csv", 2, `东部|中部|西部`, false},
		{"customers.csv", 3, `[A-T]\d{4}`, true},
		{"customers.csv", 4, `220V|380V|10kV|35kV|110kV`, false},
		{"customers.csv", 5, `\d+`, false},
		{"customers.csv", 6, `(19|20)\d\d-[01]\d-[0-3]\d`, false},
		{"customers.csv", 7, `自有|租赁`, true},
		{"customers.csv", 8, `电采暖|燃气|其他`, true},
		{"customers.csv", 9, `无|老年|低保|残疾`, false},
		{"customers.csv", 10, `[1-9]`, true},
		{"billing.csv", 1, `2023-(0[7-9]|1[0-2])|2024-0[1-6]`, false},
		{"billing.csv", 2, `\d+`, false},
		{"billing.csv", 3, `\d+`, false},
		{"billing.csv", 4, `\d+\.\d\d`, false},
		{"billing.csv", 5, date, false},
		{"payments.csv", 2, date, false},
		{"payments.csv", 3, `\d+\.\d\d`, false},
		{"payments.csv", 4, strings.Join(channelNames[:], "|"), false},
		{"outages.csv", 0, `TD\d{15}`, false},
		{"outages.csv", 2, `2023-(0[7-9]|1[0-2])-[0-3]\d [0-2]\d:[0-5]\d:[0-5]\d|2024-0[1-6]-[0-3]\d [0-2]\d:[0-5]\d:[0-5]\d`, false},
		{"outages.csv", 3, `\d+`, false},
		{"outages.csv", 4, `计划停电|故障停电`, false},
		{"tickets.csv", 0, `GD\d{11}`, false},
		{"tickets.csv", 3, `投诉|咨询|故障报修|意见建议|表扬|催办`, false},
		{"tickets.csv", 4, `95598电话|网上国网|微信公众号|营业厅|短信`, false},
		{"survey.csv", 1, date, false},
		{"survey.csv", 2, `\d|10`, false},
	}
	for _, c := range checks {
		re := regexp.MustCompile(`^(` + c.re + `)$`)
		for i, r := range w.data(c.file) {
			if v := r[c.col]; !re.MatchString(v) && !(c.orNone && v == "") {
				t.Errorf("%s line %d column %d: %q does not match %s", c.file, i+2, c.col+1, v, c.re)
				break
			}
		}
	}

	ids := map[string][]string{}
	for _, r := range w.data("customers.csv") {
		if ids[r[0]] != nil {
			t.Fatalf("customer id %s appears twice", r[0])
		}
		ids[r[0]] = r
		residential := r[1] == "居民生活"
		if residential != (r[3] == "") || residential && r[7] == "" || !residential && (r[7] != "" || r[10] != "") {
			t.Errorf("customer %v: industry, housing and household size do not fit class %s", r, r[1])
		}
		if r[1] == "大工业" && (r[4] == "220V" || r[4] == "380V" || num(t, r[5]) < 315) {
			t.Errorf("大工业 customer %v below 10kV or 315 kVA", r)
		}
		if r[6] > "2024-06-30" {
			t.Errorf("customer %s opened after the reference date: %s", r[0], r[6])
		}
	}
	for _, file := range []string{"billing.csv", "payments.csv", "survey.csv", "outages.csv", "tickets.csv", TruthFile} {
		col := 0
		if file == "outages.csv" || file == "tickets.csv" {
			col = 1
		}
		for _, r := range w.data(file) {
			if ids[r[col]] == nil {
				t.Fatalf("%s names unknown customer %s", file, r[col])
			}
		}
	}
	for _, r := range w.data("billing.csv") {
		if num(t, r[3]) > num(t, r[2]) {
			t.Errorf("bill %v: peak kWh above kWh", r)
		}
	}
	type event struct{ start, minutes, kind string }
	events := map[string]event{}
	for _, r := range w.data("outages.csv") {
		e := event{r[2], r[3], r[4]}
		if old, ok := events[r[0]]; ok && old != e {
			t.Fatalf("outage %s described two ways: %v and %v", r[0], old, e)
		}
		events[r[0]] = e
	}
	if shared := float64(len(w.data("outages.csv"))) / float64(len(events)); shared < 5 {
		t.Errorf("an outage reaches %.1f customers on average; outages should hit feeders, not single homes", shared)
	}
	tickets := map[string]bool{}
	for _, r := range w.data("tickets.csv") {
		if tickets[r[0]] {
			t.Fatalf("ticket id %s appears twice", r[0])
		}
		tickets[r[0]] = true
	}
	if len(w.data("survey.csv")) == 0 || len(w.data("tickets.csv")) == 0 {
		t.Fatal("no survey answers or tickets")
	}
}

func TestMissingValuesAppear(t *testing.T) {
	w := generateWorld(t, Options{Customers: 3000, Seed: 5})
	var noHeating, noHousehold int
	for _, r := range w.data("customers.csv") {
		if r[1] == "居民生活" {
			if r[8] == "" {
				noHeating++
			}
			if r[10] == "" {
				noHousehold++
			}
		}
	}
	if noHeating == 0 || noHousehold == 0 || noHeating > 150 || noHousehold > 200 {
		t.Errorf("%d residential customers lack heating and %d household size; want a few of each", noHeating, noHousehold)
	}
}

func TestBadOptionsAreRefused(t *testing.T) {
	for _, opts := range []Options{
		{Customers: 0},
		{Customers: MaxCustomers + 1},
		{Customers: 10, Encoding: "latin1"},
		{Customers: 10, AsOf: "2025-13"},
		{Customers: 10, AsOf: "2025-1"},
		{Customers: 10, AsOf: "25-12"},
	} {
		dir := t.TempDir()
		if _, err := Write(context.Background(), dir, opts); err == nil {
			t.Errorf("%+v: no error", opts)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("%+v: left %d files behind", opts, len(entries))
		}
	}
}

func TestCancelledRunLeavesNoFiles(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Write(ctx, dir, Options{Customers: 50 * chunkSize, Seed: 1})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("cancelled run left %d files behind", len(entries))
	}
}

func TestMissingDirIsAnError(t *testing.T) {
	if _, err := Write(context.Background(), filepath.Join(t.TempDir(), "nope"), Options{Customers: 5}); err == nil {
		t.Fatal("no error for a directory that does not exist")
	}
}

func TestAppendYuanMatchesStrconv(t *testing.T) {
	for _, v := range []float64{0, 0.01, 0.1, 0.56, 1, 9.99, 10.05, 117.38, 1234567.89, 20795822.8} {
		if got, want := string(appendYuan(nil, v)), strconv.FormatFloat(v, 'f', 2, 64); got != want {
			t.Errorf("appendYuan(%v) = %s, want %s", v, got, want)
		}
	}
}

func TestCivilDatesRoundTrip(t *testing.T) {
	for z := dayOf(1899, 12, 31); z < dayOf(2101, 1, 1); z++ {
		y, m, d := civil(z)
		if dayOf(y, m, d) != z {
			t.Fatalf("day %d → %d-%d-%d → %d", z, y, m, d, dayOf(y, m, d))
		}
	}
	if got := string(appendDate(nil, dayOf(2024, 2, 29)+1)); got != "2024-03-01" {
		t.Errorf("day after 2024-02-29 is %s", got)
	}
	if got := string(appendTime(nil, int64(dayOf(1970, 1, 2))*86400+3661)); got != "1970-01-02 01:01:01" {
		t.Errorf("appendTime = %s", got)
	}
}

// BenchmarkWorkedCase writes the 329,028 customers of the National Grid USA case as UTF-8
// and as GBK CSV.
func BenchmarkWorkedCase(b *testing.B) {
	for _, enc := range []string{"utf-8", "gbk"} {
		b.Run(enc, func(b *testing.B) { benchmarkWrite(b, Options{Customers: 329028, Seed: 1, Encoding: enc}) })
	}
}

func benchmarkWrite(b *testing.B, opts Options) {
	dir := b.TempDir()
	var bytes int64
	for b.Loop() {
		sum, err := Write(context.Background(), dir, opts)
		if err != nil {
			b.Fatal(err)
		}
		bytes = 0
		for _, f := range sum.Files {
			bytes += f.Bytes
		}
	}
	b.ReportMetric(float64(bytes)/1e6, "MB")
}
