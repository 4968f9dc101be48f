package source

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seglab/seglab/engine/data"
	"github.com/seglab/seglab/engine/inputerr"
	"github.com/seglab/seglab/engine/prep"
	"github.com/seglab/seglab/engine/widetable"
	"github.com/seglab/seglab/queries"
)

func session(t *testing.T) *data.Session {
	t.Helper()
	s, err := data.Open(data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// A single file that is no export is taken as the wide table; Read orders by id, applies the
// filter with bound values and keeps missing values missing.
func TestOpenWideFileAndRead(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "customers_wide.csv", "customer_id,customer_type,annual_kwh,网格\n"+
		"c3,residential,300,东\nc1,residential,,西\nc2,business,9000,东\nc4,residential,400,\n")
	ctx := context.Background()
	s := session(t)
	opened, err := Open(ctx, s, []string{p}, widetable.DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	if opened.Built != nil || opened.Rows != 4 {
		t.Fatalf("opened %+v", opened)
	}
	cols, err := Columns(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]queries.Kind{}
	for _, c := range cols {
		kinds[c.Name] = c.Kind
	}
	if kinds["customer_id"] != queries.KindID || kinds["annual_kwh"] != queries.KindNumeric || kinds["网格"] != queries.KindCategorical {
		t.Errorf("kinds %v", kinds)
	}
	kwh, _ := Find(cols, "annual_kwh")
	region, _ := Find(cols, "网格")
	rows, err := Read(ctx, s, []Column{kwh, region}, prep.Filter{{Column: "customer_type", Equals: "residential"}}, "customer_id")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows.IDs, ",") != "c1,c3,c4" || rows.N != 3 {
		t.Fatalf("ids %v n %d", rows.IDs, rows.N)
	}
	got := rows.Table.Numeric["annual_kwh"]
	if !math.IsNaN(got[0]) || got[1] != 300 || got[2] != 400 {
		t.Errorf("annual_kwh %v", got)
	}
	if strings.Join(rows.Table.Text["网格"], ",") != "西,东," {
		t.Errorf("网格 %q", rows.Table.Text["网格"])
	}
	if _, err := Find(cols, "nope"); !inputerr.Is(err) || !strings.Contains(err.Error(), "annual_kwh") {
		t.Errorf("Find error %v", err)
	}
}

func TestOpenRejectsSeveralNonExports(t *testing.T) {
	dir := t.TempDir()
	a := write(t, dir, "a.csv", "x,y\n1,2\n")
	b := write(t, dir, "b.csv", "x,y\n3,4\n")
	_, err := Open(context.Background(), session(t), []string{a, b}, widetable.DefaultRules())
	if err == nil || !strings.Contains(err.Error(), "a.csv") || !strings.Contains(err.Error(), "only one wide-table file") {
		t.Fatalf("err = %v", err)
	}
}

func TestOpenBuildsFromExports(t *testing.T) {
	ctx := context.Background()
	s := session(t)
	opened, err := Open(ctx, s, []string{"../../sample-data"}, widetable.DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	var customers int64
	for _, tb := range opened.Tables {
		if tb.Kind == data.Customers {
			customers = tb.Rows
		}
	}
	if opened.Built == nil || opened.Rows != customers || customers == 0 {
		t.Fatalf("rows %d, customers export %d", opened.Rows, customers)
	}
}

// Export replaces the target only with a complete file: a failing query leaves the old file
// as it was and no temporary file behind.
func TestExportIsAtomic(t *testing.T) {
	ctx := context.Background()
	s := session(t)
	dir := t.TempDir()
	out := write(t, dir, "out.csv", "previous\n")
	if err := Export(ctx, s.DB(), "SELECT 1 AS a, 'x' AS b", out); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(out); string(b) != "\ufeffa,b\n1,x\n" {
		t.Fatalf("wrote %q", b)
	}
	if err := Export(ctx, s.DB(), "SELECT no_such_column", out); err == nil {
		t.Fatal("bad query exported")
	}
	if b, _ := os.ReadFile(out); string(b) != "\ufeffa,b\n1,x\n" {
		t.Errorf("failed export touched the file: %q", b)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
	if err := Export(ctx, s.DB(), "SELECT 1", filepath.Join(dir, "out.txt")); !inputerr.Is(err) {
		t.Errorf("unknown extension: %v", err)
	}
}

// A file called wide.csv becomes the table wide itself.
func TestOpenFileNamedWide(t *testing.T) {
	p := write(t, t.TempDir(), "wide.csv", "customer_id,annual_kwh\nc1,3\n")
	s := session(t)
	opened, err := Open(context.Background(), s, []string{p}, widetable.DefaultRules())
	if err != nil || opened.Rows != 1 {
		t.Fatalf("opened %+v, err %v", opened, err)
	}
	if _, err := Columns(context.Background(), s); err != nil {
		t.Fatal(err)
	}
}

// Without an id column Read keeps the file's order, and the text columns (read as codes into
// their distinct texts) stay beside their rows: over several of DuckDB's vectors, with
// missing texts, a filter, and texts that sort differently from their first appearance.
func TestReadTextInFileOrderWithoutID(t *testing.T) {
	const n = 9000
	var b strings.Builder
	b.WriteString("kind,seq,grade,shade\n")
	grades := []string{"D", "a", "C", "", "B", "东"}
	for i := range n {
		kind := "residential"
		if i%7 == 3 {
			kind = "business"
		}
		fmt.Fprintf(&b, "%s,%d,%s,s%d\n", kind, n-i, grades[(i*5)%len(grades)], i%3)
	}
	p := write(t, t.TempDir(), "wide.csv", b.String())
	ctx := context.Background()
	s := session(t)
	if _, err := Open(ctx, s, []string{p}, widetable.DefaultRules()); err != nil {
		t.Fatal(err)
	}
	cols, err := Columns(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	var read []Column
	for _, name := range []string{"grade", "seq", "shade"} {
		c, err := Find(cols, name)
		if err != nil {
			t.Fatal(err)
		}
		read = append(read, c)
	}
	rows, err := Read(ctx, s, read, prep.Filter{{Column: "kind", Equals: "residential"}}, "")
	if err != nil {
		t.Fatal(err)
	}
	r := 0
	for i := range n {
		if i%7 == 3 {
			continue
		}
		seq, grade, zone := rows.Table.Numeric["seq"][r], rows.Table.Text["grade"][r], rows.Table.Text["shade"][r]
		if seq != float64(n-i) || grade != grades[(i*5)%len(grades)] || zone != fmt.Sprintf("s%d", i%3) {
			t.Fatalf("row %d: seq %v grade %q zone %q; want file row %d: %d %q s%d", r, seq, grade, zone, i, n-i, grades[(i*5)%len(grades)], i%3)
		}
		r++
	}
	if rows.N != r {
		t.Fatalf("%d rows, want %d", rows.N, r)
	}
}
