// Package textsafe keeps text that came from data or definitions from steering a terminal:
// escape sequences (CSI, OSC — window titles, the clipboard through OSC 52), other control
// characters and bidirectional overrides are shown as visible escapes instead of being sent
// raw.
package textsafe

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Unsafe reports whether r must not reach a terminal raw: a C0 or C1 control character or
// DEL (line feed and tab are safe when multiline is true), a bidirectional control that
// reorders how text is shown, or a line or paragraph separator.
func Unsafe(r rune, multiline bool) bool {
	if multiline && (r == '\n' || r == '\t') {
		return false
	}
	return unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) || r == '\u2028' || r == '\u2029'
}

// Terminal returns s with every unsafe character (see Unsafe; line feeds and tabs are kept)
// written as a visible Go-style escape (\x1b, \u202e) and every invalid UTF-8 byte as \xNN.
// Text without such characters is returned unchanged.
func Terminal(s string) string { return clean(s, true) }

// Line is Terminal for text printed on one line: line feeds and tabs are escaped too.
func Line(s string) string { return clean(s, false) }

func clean(s string, multiline bool) string {
	i := strings.IndexFunc(s, func(r rune) bool { return r == utf8.RuneError || Unsafe(r, multiline) })
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.WriteString(s[:i])
	for s = s[i:]; s != ""; {
		r, n := utf8.DecodeRuneInString(s)
		switch {
		case r == utf8.RuneError && n <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[0])
		case Unsafe(r, multiline) && r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		case Unsafe(r, multiline):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[:n])
		}
		s = s[n:]
	}
	return b.String()
}
