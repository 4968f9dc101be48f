package definitiondb

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/seglab/seglab/engine/definition"

	"github.com/seglab/seglab/engine/inputerr"
	"github.com/seglab/seglab/engine/sqlgen"
)

// A definition is data: a column name that tries to break out of its quotes, and source
// paths that point outside the definition's folder, are refused when the file is loaded,
// and nothing is executed or created.
func TestMaliciousDefinitions(t *testing.T) {
	pwned := filepath.Join(t.TempDir(), "pwned")
	evil := `x"; COPY (SELECT 1) TO '` + pwned + `'; --`
	cases := []struct {
		name string
		edit func(string) string
		want string
	}{
		{"column in dims", func(s string) string {
			return strings.Replace(s, "column: peak_share", "column: '"+strings.ReplaceAll(evil, "'", "''")+"'", 1)
		}, "refuses in column names"},
		{"column in population", func(s string) string {
			return strings.Replace(s, "column: customer_type", "column: '"+strings.ReplaceAll(evil, "'", "''")+"'", 1)
		}, "refuses in column names"},
		{"id column", func(s string) string {
			return strings.Replace(s, "id_column: customer_id", "id_column: '"+strings.ReplaceAll(evil, "'", "''")+"'", 1)
		}, "refuses in column names"},
		{"control character", func(s string) string {
			return strings.Replace(s, "column: peak_share", `column: "peak\nshare"`, 1)
		}, "refuses in column names"},
		{"climbing source path", func(s string) string {
			return strings.Replace(s, "sources: []", "sources:\n  - file: passwd\n    path: ../../etc/passwd\n    rows: 1\n    bytes: 1\n    sha256: ab", 1)
		}, "climbs out of the definition's folder"},
		{"absolute source path", func(s string) string {
			return strings.Replace(s, "sources: []", "sources:\n  - file: passwd\n    path: /etc/passwd\n    rows: 1\n    bytes: 1\n    sha256: ab", 1)
		}, "is absolute"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := mutate(t, c.edit)
			if err == nil || !inputerr.Is(err) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v; want %q", err, c.want)
			}
			if _, err := os.Stat(pwned); !os.IsNotExist(err) {
				t.Fatal("the malicious definition created a file")
			}
		})
	}
	// Even a definition built in memory (never loaded) with such a name is not turned into
	// SQL or scored.
	s := session(t)
	synth(t, s, 500, 1)
	d, _, _, _ := fit(t, s, testSpec, 2, 1, nil)
	d.Preprocessing.Dims[0].Column = evil
	if _, err := definition.SQL(d, "wide", sqlgen.DuckDB, "en"); err == nil {
		t.Error("SQL accepted a malicious column name")
	}
	if _, err := definition.SQL(d, `wide"; DROP TABLE wide; --`, sqlgen.DuckDB, "en"); err == nil {
		t.Error("SQL accepted a malicious table name")
	}
	if _, err := Score(context.Background(), s, d); err == nil {
		t.Error("Score accepted a malicious column name")
	}
	if _, err := os.Stat(pwned); !os.IsNotExist(err) {
		t.Fatal("the malicious definition created a file")
	}
}

// Hostile definitions of the adversarial pass are refused at load, each at the line of the
// field at fault: control codes that steer a terminal, a formula for a spreadsheet, numbers
// that are not finite, k beyond MaxK, names beyond their bound.
func TestHostileDefinitionsRefusedAtLoad(t *testing.T) {
	osc := "\\u001b]0;PWNED\\u0007\\u001b[2J"
	cases := []struct {
		name string
		edit func(string) string
		want string
	}{
		{"escape in a zh name", func(s string) string {
			return strings.Replace(s, "zh: 分群1", `zh: "分群`+osc+`"`, 1)
		}, "control character U+001B"},
		{"OSC 52 in notes", func(s string) string {
			return strings.Replace(s, `notes: ""`, `notes: "\u001b]52;c;cm0gLXJmIH4=\u0007"`, 1)
		}, "control character U+001B"},
		{"C1 CSI in a description", func(s string) string {
			return strings.Replace(s, "description:\n      en: ", "description:\n      en: \"\\u009b2J\" #", 1)
		}, "control character U+009B"},
		{"bidi override in outside name", func(s string) string {
			return strings.Replace(s, "en: outside population", "en: \"outside \\u202epopulation\"", 1)
		}, "U+202E"},
		{"formula name", func(s string) string {
			return strings.Replace(s, "en: Segment 1", `en: "=cmd|' /C calc'!A0"`, 1)
		}, "formula"},
		{"infinite population value", func(s string) string {
			return strings.Replace(s, "equals: residential", "equals: .inf", 1)
		}, "not a finite number"},
		{"NaN share", func(s string) string {
			return regexp.MustCompile(`share: [-0-9.e]+`).ReplaceAllString(s, "share: .nan")
		}, "not a finite number"},
		{"huge k", func(s string) string {
			return strings.Replace(s, "k: 3\n", "k: 200000\n", 1)
		}, "at most 20 segments"},
		{"long name", func(s string) string {
			return strings.Replace(s, "en: Segment 1", "en: "+strings.Repeat("x", definition.MaxNameRunes+1), 1)
		}, "at most 200"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			text, err := mutate(t, c.edit)
			if err == nil || !inputerr.Is(err) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v; want %q", err, c.want)
			}
			var ie *inputerr.Error
			errors.As(err, &ie)
			if ie.Line == 0 || ie.Line > strings.Count(text, "\n")+1 {
				t.Errorf("error at line %d; want the line of the field", ie.Line)
			}
			if _, ok := definition.UnsafeRune(err.Error(), true); ok {
				t.Errorf("the error message carries a control character: %q", err.Error())
			}
		})
	}
}

// Confirming with a name holding an escape sequence is refused and leaves the file as it was.
func TestConfirmRefusesControlCharacters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "seg.yaml")
	text, err := mutate(t, func(s string) string { return strings.Replace(s, "notes: \"\"", "notes: fine", 1) })
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(path, []byte(text), 0o644)
	if _, _, err := definition.Confirm(path, "a\x1b[2Jb", "", time.Now()); err == nil || !strings.Contains(err.Error(), "control character") {
		t.Fatalf("error %v; want the control character refused", err)
	}
	if b, _ := os.ReadFile(path); string(b) != text {
		t.Error("the refused confirmation changed the file")
	}
}
