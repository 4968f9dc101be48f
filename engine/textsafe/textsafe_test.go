package textsafe

import "testing"

func TestTerminal(t *testing.T) {
	cases := []struct{ in, term, line string }{
		{"分群1 plain", "分群1 plain", "分群1 plain"},
		{"分群\x1b]0;PWNED\x07\x1b[2J", `分群\x1b]0;PWNED\x07\x1b[2J`, `分群\x1b]0;PWNED\x07\x1b[2J`},
		{"a\u009b2Jb", `a\x9b2Jb`, `a\x9b2Jb`},
		{"two\nlines\tand tab", "two\nlines\tand tab", `two\x0alines\x09and tab`},
		{"evil\u202etxt.exe", `evil\u202etxt.exe`, `evil\u202etxt.exe`},
		{"bad\xffbyte", `bad\xffbyte`, `bad\xffbyte`},
		{"del\x7f", `del\x7f`, `del\x7f`},
	}
	for _, c := range cases {
		if got := Terminal(c.in); got != c.term {
			t.Errorf("Terminal(%q) = %q; want %q", c.in, got, c.term)
		}
		if got := Line(c.in); got != c.line {
			t.Errorf("Line(%q) = %q; want %q", c.in, got, c.line)
		}
	}
}
