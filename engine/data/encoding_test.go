package data

import (
	"context"
	"encoding/binary"
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"
)

// lines400 is a UTF-8 export of 400 lines with Chinese text on each.
func lines400() []string {
	var b strings.Builder
	b.WriteString("户号,名称,金额\n")
	for i := 1; i < 400; i++ {
		fmt.Fprintf(&b, "%d,张三丰,%d.5\n", i, i)
	}
	return strings.SplitAfter(b.String(), "\n")
}

// Encoding errors are named on the line where they are, whatever the mix: a GBK line early or
// late in a UTF-8 export, an undecodable byte deep in a GBK one, a broken UTF-16 pair.
func TestEncodingErrorsOnTheirLine(t *testing.T) {
	ls := lines400()
	withGBKLine := func(n int) []byte { // line n (1-based) in GBK, the rest UTF-8
		var out []byte
		for i, l := range ls {
			if i == n-1 {
				out = append(out, gbk(t, l)...)
			} else {
				out = append(out, l...)
			}
		}
		return out
	}
	gbkFile := gbk(t, strings.Join(ls, ""))
	at := len(gbk(t, strings.Join(ls[:299], ""))) + len("299,")
	badGBK := append(append(append([]byte{}, gbkFile[:at]...), 0xFF, 0x20), gbkFile[at:]...)
	text := strings.Join(ls, "")
	le := utf16Bytes(text, binary.LittleEndian)
	// A lone high surrogate before the first field of line 300.
	off := 2 + 2*len(utf16.Encode([]rune(strings.Join(ls[:299], ""))))
	loneSurrogate := append(append(append([]byte{}, le[:off]...), 0x00, 0xD8), le[off:]...)
	cases := []struct {
		name      string
		content   []byte
		line, col int
		part      string
	}{
		{"UTF-8 with a GBK line 2", withGBKLine(2), 2, 2, "this line is in another encoding"},
		{"UTF-8 with a GBK line 300", withGBKLine(300), 300, 2, "does not decode as UTF-8"},
		{"GBK with a bad byte on line 300", badGBK, 300, 0, "neither UTF-8 nor GBK"},
		{"UTF-16 with a lone surrogate on line 300", loneSurrogate, 300, 0, "does not decode as UTF-16LE"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := newSession(t)
			p := writeFile(t, t.TempDir(), "export.csv", c.content)
			_, err := s.Load(context.Background(), p)
			wantInputErr(t, err, p, c.line, c.col, c.part)
		})
	}
}

// A GBK export whose first lines are ASCII, and one with a single Chinese line, still read as
// GBK: the test for a UTF-8 file with foreign lines needs a majority of UTF-8 lines.
func TestGBKStillReads(t *testing.T) {
	for name, text := range map[string]string{
		"many": "id,name,amount\n1,abc,2.5\n" + strings.Join(lines400()[1:], ""),
		"one":  "id,name,amount\n1,abc,2.5\n2,李四,3.5\n",
	} {
		t.Run(name, func(t *testing.T) {
			s := newSession(t)
			p := writeFile(t, t.TempDir(), "gbk.csv", gbk(t, text))
			ts, err := s.Load(context.Background(), p)
			if err != nil {
				t.Fatal(err)
			}
			var n int
			if err := s.DB().QueryRow(`SELECT count(*) FROM "` + ts[0].Name + `" WHERE name IN ('李四', '张三丰')`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if want := strings.Count(text, "\n") - 2; n != want {
				t.Errorf("%d rows with the Chinese names read, want %d", n, want)
			}
		})
	}
}

// UTF-32 big-endian, and Excel's "Unicode text" as Excel writes it (UTF-16LE, tabs, CRLF line
// ends), read like UTF-8.
func TestUTF32BEAndExcelUnicodeText(t *testing.T) {
	text := "名称\t金额\n张三\t1.5\n李四\t2.5\n"
	var be []byte
	for _, r := range "\uFEFF" + text {
		be = binary.BigEndian.AppendUint32(be, uint32(r))
	}
	for name, b := range map[string][]byte{
		"utf32be.txt": be,
		"excel.txt":   utf16Bytes(strings.ReplaceAll(text, "\n", "\r\n"), binary.LittleEndian),
	} {
		t.Run(name, func(t *testing.T) {
			s := newSession(t)
			p := writeFile(t, t.TempDir(), strings.TrimSuffix(name, ".txt")+".tsv", b)
			ts, err := s.Load(context.Background(), p)
			if err != nil {
				t.Fatal(err)
			}
			var sum float64
			var last string
			if err := s.DB().QueryRow(`SELECT sum("金额"), max("名称") FROM "`+ts[0].Name+`"`).Scan(&sum, &last); err != nil {
				t.Fatal(err)
			}
			if sum != 4 || last != "李四" {
				t.Errorf("read %v %q; want 4 李四", sum, last)
			}
		})
	}
}
