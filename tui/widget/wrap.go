package widget

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// closing are the marks that never begin a line; opening those that never end one.
const (
	closing = "，。、；：！？）」』》〉】”’%,.;:!?)]}"
	opening = "（「『《〈【“‘([{"
)

// Wrap breaks s into lines of at most w cells: between words, and in Chinese between any two
// characters, keeping closing punctuation (，。）…) on the line of the character before it and
// opening punctuation with the character after it. Existing newlines are kept, styling
// escapes pass through, and a word wider than w is cut.
func Wrap(s string, w int) string {
	if w <= 0 {
		return ""
	}
	paras := strings.Split(s, "\n")
	for i, p := range paras {
		paras[i] = wrapLine(p, w)
	}
	return strings.Join(paras, "\n")
}

// WrapLines is Wrap split into lines; an empty s gives none.
func WrapLines(s string, w int) []string {
	if s == "" || w <= 0 {
		return nil
	}
	return strings.Split(Wrap(s, w), "\n")
}

func wrapLine(s string, w int) string {
	var lines []string
	var line strings.Builder
	lineW, pending := 0, "" // pending: the spaces before the next unit, kept inside a line
	flush := func() {
		lines = append(lines, strings.TrimRight(line.String(), " "))
		line.Reset()
		lineW, pending = 0, ""
	}
	for _, tok := range tokens(s) {
		if strings.TrimSpace(ansi.Strip(tok)) == "" && lipgloss.Width(tok) > 0 {
			pending = tok
			continue
		}
		tw := lipgloss.Width(tok)
		if lineW > 0 && lineW+lipgloss.Width(pending)+tw > w {
			flush()
		}
		line.WriteString(pending) // leading spaces of the text are kept too
		lineW += lipgloss.Width(pending)
		pending = ""
		if tw > w-lineW {
			for _, part := range strings.Split(ansi.Hardwrap(tok, w, false), "\n") {
				if lineW > 0 {
					flush()
				}
				line.WriteString(part)
				lineW = lipgloss.Width(part)
			}
			continue
		}
		line.WriteString(tok)
		lineW += tw
	}
	lines = append(lines, strings.TrimRight(line.String(), " "))
	return strings.Join(lines, "\n")
}

// tokens splits s into the units Wrap never breaks: runs of spaces, words of narrow
// characters, and single wide characters with the punctuation that must stay with them.
// Escape sequences stay with the unit they precede.
func tokens(s string) []string {
	var out []string
	var cur strings.Builder
	kind := 0 // 0 none, 1 space run, 2 word, 3 wide character (closed)
	emit := func() {
		if cur.Len() > 0 {
			out = append(out, cur.String())
			cur.Reset()
		}
		kind = 0
	}
	for i := 0; i < len(s); {
		if s[i] == 0x1b { // an escape sequence: copy it whole into the current unit
			j := i + 1
			if j < len(s) && s[j] == '[' {
				j++
				for j < len(s) && (s[j] < 0x40 || s[j] > 0x7e) {
					j++
				}
			}
			j = min(j+1, len(s))
			cur.WriteString(s[i:j])
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == ' ':
			if kind != 1 {
				emit()
			}
			kind = 1
		case strings.ContainsRune(closing, r):
			if kind == 1 {
				emit()
			}
			if kind == 0 {
				kind = 2
			}
			cur.WriteRune(r)
			if lipgloss.Width(string(r)) > 1 {
				kind = 3 // a wide mark closes its unit: break after it
			}
			continue
		case strings.ContainsRune(opening, r):
			if kind != 0 && kind != 2 || (kind == 2 && lipgloss.Width(string(r)) > 1) {
				emit()
			}
			cur.WriteRune(r)
			kind = 4 // open: the next character joins
			continue
		case lipgloss.Width(string(r)) > 1 || unicode.Is(unicode.Han, r):
			if kind != 4 {
				emit()
			}
			kind = 3
		default:
			if kind != 2 && kind != 4 {
				emit()
			}
			kind = 2
		}
		cur.WriteRune(r)
	}
	emit()
	return out
}
