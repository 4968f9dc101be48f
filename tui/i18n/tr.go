package i18n

import "fmt"

// Key names one label of the interface. Every Key has an English and a Chinese text in the
// table of messages.go.
type Key string

// Tr translates labels into one language.
type Tr struct{ Lang Lang }

// T returns the label k in the translator's language. A key missing from the table (a bug
// the tests catch) shows as "?key" rather than as an empty space.
func (t Tr) T(k Key) string {
	texts, ok := messages[k]
	if !ok {
		return "?" + string(k)
	}
	if t.Lang == ZH {
		return texts[1]
	}
	return texts[0]
}

// F returns the label k formatted with args as fmt.Sprintf does.
func (t Tr) F(k Key, args ...any) string {
	return fmt.Sprintf(t.T(k), args...)
}

// add merges texts into the table of labels. A file of the package that brings labels of
// its own declares its Key constants and calls add from init; a key given twice is a
// programming error and panics.
func add(texts map[Key][2]string) {
	for k, v := range texts {
		if _, dup := messages[k]; dup {
			panic("i18n: label " + string(k) + " is defined twice")
		}
		messages[k] = v
	}
}

// Pick returns the text of a pair in t's language: zh in Chinese and en otherwise, the other
// one when that is empty, and else the first non-empty of fallbacks (a column name…).
func (t Tr) Pick(en, zh string, fallbacks ...string) string {
	first, second := en, zh
	if t.Lang == ZH {
		first, second = zh, en
	}
	for _, s := range append([]string{first, second}, fallbacks...) {
		if s != "" {
			return s
		}
	}
	return ""
}
