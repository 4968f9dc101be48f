package widget

import (
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

func TestWrapBreaksChineseBetweenCharacters(t *testing.T) {
	s := "推荐 k = 4: 在最小分群占比不低于 5 %、最大不高于 50 % 的 k（k = 3, 4, 5, 6）中，k = 4 获得 3 票。其轮廓系数为 0.371，结构较弱，可能是人为划分（0.26–0.50）：应把分群视为倾向，并与业务人员确认。"
	for _, w := range []int{10, 23, 40, 78} {
		lines := WrapLines(s, w)
		if got := strings.ReplaceAll(strings.Join(lines, ""), " ", ""); got != strings.ReplaceAll(s, " ", "") {
			t.Fatalf("width %d lost text:\n%s", w, strings.Join(lines, "\n"))
		}
		for i, l := range lines {
			if lipgloss.Width(l) > w {
				t.Errorf("width %d: line %q is %d cells", w, l, lipgloss.Width(l))
			}
			if r := []rune(l); len(r) > 0 && strings.ContainsRune(closing, r[0]) {
				t.Errorf("width %d: line %d begins with a closing mark: %q", w, i, l)
			}
			if r := []rune(l); len(r) > 0 && strings.ContainsRune(opening, r[len(r)-1]) {
				t.Errorf("width %d: line %d ends with an opening mark: %q", w, i, l)
			}
			// A line is only short when the next unit would not fit: no line but the last
			// leaves room for the next line's first character.
			if i+1 < len(lines) {
				next := tokens(lines[i+1])[0]
				if lipgloss.Width(l)+lipgloss.Width(next)+1 <= w {
					t.Errorf("width %d: line %d ends early: %q then %q", w, i, l, lines[i+1])
				}
			}
		}
	}
}

func TestWrapEnglishAndStyles(t *testing.T) {
	s := "\x1b[32mRecommended k = 4\x1b[0m: among the k whose smallest segment share is at least 5 % and largest at most 50 %"
	lines := WrapLines(s, 30)
	for _, l := range lines {
		if lipgloss.Width(l) > 30 {
			t.Errorf("line %q is %d cells", l, lipgloss.Width(l))
		}
	}
	if got := ansi.Strip(strings.Join(lines, " ")); got != ansi.Strip(s) {
		t.Errorf("words changed:\n%s\n%s", got, ansi.Strip(s))
	}
	if !strings.HasPrefix(lines[0], "\x1b[32m") {
		t.Errorf("the style escape was lost: %q", lines[0])
	}
	if got := WrapLines("supercalifragilistic", 8); len(got) != 3 || got[0] != "supercal" {
		t.Errorf("a long word is cut: %q", got)
	}
}
