package source

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/seglab/seglab/engine/inputerr"
	"github.com/seglab/seglab/engine/widetable"
	"github.com/seglab/seglab/queries"
)

// A numeric column of a wide CSV holding text or an infinite value is named with its line,
// column and value — not with DuckDB's conversion error and statement.
func TestReadNamesTheBadValue(t *testing.T) {
	for _, bad := range []string{"N/A", "1,234.5", "−5.0", "¥12.5", "45%", "１２", "0x1F", "-inf", "1e999"} {
		t.Run(bad, func(t *testing.T) {
			dir := t.TempDir()
			var b strings.Builder
			b.WriteString("customer_id,kwh\n")
			for i := 1; i <= 50; i++ {
				v := "12.5"
				if i == 37 {
					v = `"` + bad + `"`
				}
				b.WriteString("C" + string(rune('A'+i%26)) + strings.Repeat("x", i) + "," + v + "\n")
			}
			p := write(t, dir, "wide.csv", b.String())
			s := session(t)
			ctx := context.Background()
			if _, err := Open(ctx, s, []string{p}, widetable.DefaultRules()); err != nil {
				t.Fatal(err)
			}
			_, err := Read(ctx, s, []Column{{Name: "kwh", Kind: queries.KindNumeric}}, nil, "")
			shown := bad
			if bad == "1e999" {
				shown = "inf" // read as a number, too large for one
			}
			var ie *inputerr.Error
			if !errors.As(err, &ie) || ie.File != p || ie.Line != 38 || ie.ColumnName != "kwh" || !strings.Contains(ie.Msg, `"`+shown+`"`) {
				t.Fatalf("error %#v; want %s line 38, column kwh, value %q", err, p, shown)
			}
		})
	}
}

// GuardOutputs refuses an output that is an input file, a file of an input folder (also
// through a symbolic link) or another output, and accepts a new file beside them.
func TestGuardOutputs(t *testing.T) {
	dir := t.TempDir()
	in := write(t, dir, "hen.csv", "a\n1\n")
	exs := filepath.Join(dir, "exs")
	os.Mkdir(exs, 0o755)
	cust := write(t, exs, "customers.csv", "a\n1\n")
	link := filepath.Join(dir, "link.csv")
	os.Symlink(in, link)
	refused := []struct {
		inputs  []string
		outputs []string
	}{
		{[]string{in}, []string{in}},
		{[]string{in}, []string{filepath.Join(dir, ".", "hen.csv")}},
		{[]string{exs}, []string{cust}},
		{[]string{in}, []string{link}},
		{[]string{link}, []string{in}},
		{[]string{exs}, []string{exs}},
		{[]string{in}, []string{filepath.Join(dir, "a.csv"), filepath.Join(dir, "a.csv")}},
	}
	for _, c := range refused {
		err := GuardOutputs(c.inputs, c.outputs...)
		if err == nil || !inputerr.Is(err) {
			t.Errorf("GuardOutputs(%v, %v) = %v; want a refusal", c.inputs, c.outputs, err)
		}
	}
	if err := GuardOutputs([]string{in, exs}, filepath.Join(dir, "seg.csv"), filepath.Join(exs, "wide.parquet"), filepath.Join(dir, "seg.yaml")); err != nil {
		t.Errorf("new outputs refused: %v", err)
	}
	if b, _ := os.ReadFile(in); string(b) != "a\n1\n" {
		t.Error("the guard changed an input")
	}
}

// A CSV output shows text that a spreadsheet would run as a formula as text; numbers, even
// negative ones, are written as they are.
func TestExportEscapesFormulaCells(t *testing.T) {
	s := session(t)
	out := filepath.Join(t.TempDir(), "o.csv")
	q := `SELECT * FROM (VALUES ('=cmd|'' /C calc''!A0', -5), ('+1', 1), ('-2.5', 2), ('@SUM(A1)', 3), ('plain', 4), ('-x', 5)) v(name, n)`
	if err := Export(context.Background(), s.DB(), q, out); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(out)
	want := "\ufeffname,n\n'=cmd|' /C calc'!A0,-5\n+1,1\n-2.5,2\n'@SUM(A1),3\nplain,4\n'-x,5\n"
	if string(b) != want {
		t.Errorf("wrote\n%s\nwant\n%s", b, want)
	}
	if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
}

// CSV outputs are UTF-8 with a byte-order mark by default, so that Excel on Windows shows
// Chinese segment names; WithEncoding(GBK) writes GBK (GB18030) for older tools. An .xlsx
// output holds the same rows as typed cells.
func TestExportEncodingsAndXLSX(t *testing.T) {
	s := session(t)
	dir := t.TempDir()
	q := `SELECT * FROM (VALUES ('0000000001', 1, '基本服务需求', DATE '2024-03-05', 7.5), ('0000000002', 2, '=1+1', NULL, NULL)) v(customer_id, segment, segment_name, day, score)`
	utf := filepath.Join(dir, "u.csv")
	if err := Export(context.Background(), s.DB(), q, utf); err != nil {
		t.Fatal(err)
	}
	want := "customer_id,segment,segment_name,day,score\n0000000001,1,基本服务需求,2024-03-05,7.5\n0000000002,2,'=1+1,,\n"
	if b, _ := os.ReadFile(utf); string(b) != "\ufeff"+want {
		t.Errorf("UTF-8 output %q", b)
	}
	gbk := filepath.Join(dir, "g.csv")
	if err := Export(context.Background(), s.DB(), q, gbk, WithEncoding(GBK)); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(gbk)
	if !bytes.Contains(b, []byte{0xBB, 0xF9, 0xB1, 0xBE}) { // 基本 in GBK
		t.Errorf("GBK output does not hold 基本 in GBK: % x", b)
	}
	if dec, err := simplifiedchinese.GBK.NewDecoder().Bytes(b); err != nil || string(dec) != want {
		t.Errorf("GBK output decodes to %q (%v)", dec, err)
	}
	if e, err := ParseEncoding("GBK"); err != nil || e != GBK {
		t.Errorf("ParseEncoding(GBK) = %v, %v", e, err)
	}
	if _, err := ParseEncoding("latin1"); err == nil {
		t.Error("latin1 accepted")
	}

	x := filepath.Join(dir, "o.xlsx")
	if err := Export(context.Background(), s.DB(), q, x); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(x)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(rows)
	if got != "[[customer_id segment segment_name day score] [0000000001 1 基本服务需求 2024-03-05 7.5] [0000000002 2 =1+1]]" {
		t.Errorf("xlsx rows %s", got)
	}
	if formula, _ := f.GetCellFormula("Sheet1", "C3"); formula != "" {
		t.Errorf("text written as the formula %q", formula)
	}
	if typ, _ := f.GetCellType("Sheet1", "E2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("score cell type %v, want a number", typ)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 3 {
		t.Errorf("files left: %v", entries)
	}
}
