package i18n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// declaredKeys returns the names of every Key constant declared in the package's files
// (messages.go and any other file that adds labels of its own through add).
func declaredKeys(t *testing.T) map[string]Key {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]Key{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, spec := range g.Specs {
				vs := spec.(*ast.ValueSpec)
				if id, ok := vs.Type.(*ast.Ident); ok && id.Name == "Key" {
					for _, n := range vs.Names {
						keys[n.Name] = ""
					}
				}
			}
		}
	}
	return keys
}

func TestEveryKeyHasBothLanguages(t *testing.T) {
	declared := declaredKeys(t)
	if len(declared) != len(messages) {
		t.Errorf("messages.go declares %d keys but the table has %d texts", len(declared), len(messages))
	}
	for k, texts := range messages {
		if texts[0] == "" || texts[1] == "" {
			t.Errorf("key %q lacks a text: en=%q zh=%q", k, texts[0], texts[1])
		}
	}
}

var verb = regexp.MustCompile(`%[-+# 0]*[0-9]*(\.[0-9]+)?[a-zA-Z%]`)

func TestBothLanguagesTakeTheSameArguments(t *testing.T) {
	for k, texts := range messages {
		en, zh := verb.FindAllString(texts[0], -1), verb.FindAllString(texts[1], -1)
		if !slices.Equal(en, zh) {
			t.Errorf("key %q: English verbs %v, Chinese verbs %v", k, en, zh)
		}
	}
}

func TestMissingKeyIsVisible(t *testing.T) {
	if got := (Tr{Lang: ZH}).T("no.such.key"); got != "?no.such.key" {
		t.Fatalf("missing key shows as %q", got)
	}
	if got := (Tr{Lang: ZH}).T(TabData); got != "数据" {
		t.Fatalf("TabData in Chinese is %q", got)
	}
	if got := (Tr{Lang: EN}).F(DimsSelected, 2, 9); got != "2 of 9 chosen" {
		t.Fatalf("formatted label is %q", got)
	}
}

func TestDetect(t *testing.T) {
	cases := []struct {
		env  map[string]string
		want Lang
	}{
		{map[string]string{}, EN},
		{map[string]string{"LANG": "zh_CN.UTF-8"}, ZH},
		{map[string]string{"LANG": "en_US.UTF-8"}, EN},
		{map[string]string{"LANG": "zh_CN.UTF-8", "LC_MESSAGES": "en_GB"}, EN},
		{map[string]string{"LANG": "en_US", "LC_ALL": "zh_TW.Big5"}, ZH},
		{map[string]string{"LANG": "C", "LC_MESSAGES": "zh"}, ZH},
	}
	for _, c := range cases {
		if got := Detect(func(k string) string { return c.env[k] }); got != c.want {
			t.Errorf("Detect(%v) = %q, want %q", c.env, got, c.want)
		}
	}
}

func TestParse(t *testing.T) {
	for in, want := range map[string]Lang{"en": EN, " ZH ": ZH} {
		if got, err := Parse(in); err != nil || got != want {
			t.Errorf("Parse(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := Parse("fr"); err == nil {
		t.Error("Parse(fr) should fail")
	}
}

func TestPickFallsBack(t *testing.T) {
	en, zh := Tr{Lang: EN}, Tr{Lang: ZH}
	for _, c := range []struct{ got, want string }{
		{en.Pick("kWh", "电量"), "kWh"}, {zh.Pick("kWh", "电量"), "电量"},
		{zh.Pick("kWh", ""), "kWh"}, {en.Pick("", "电量"), "电量"},
		{en.Pick("", "", "annual_kwh"), "annual_kwh"}, {zh.Pick("", ""), ""},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
