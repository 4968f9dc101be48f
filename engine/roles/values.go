package roles

import (
	"slices"
	"strings"

	"github.com/seglab/seglab/queries"
)

// WordCode is a word a column may hold for one of a role's coded values, and that code.
type WordCode struct{ Word, Code string }

// ValueCodes returns the Chinese and English words of a role's coded values with their codes
// (region: 东部 → east; customer type: 居民 and 居民生活 → residential), from
// queries/vocabulary.tsv, sorted by word; nil for a role without a vocabulary.
func ValueCodes(role string) []WordCode {
	labels := queries.ValueLabels(role)
	var out []WordCode
	for code, l := range labels {
		if code == l[1] {
			continue // the vocabulary also keys each entry by its Chinese word: not a code
		}
		for _, w := range l {
			if w != code && !slices.ContainsFunc(out, func(x WordCode) bool { return x.Word == w }) {
				out = append(out, WordCode{w, code})
			}
		}
	}
	if role == CustomerType && labels != nil {
		out = append(out, WordCode{"居民生活", "residential"})
	}
	slices.SortFunc(out, func(a, b WordCode) int { return strings.Compare(a.Word, b.Word) })
	return out
}

// CodeOf returns the code a word of the role's vocabulary stands for (东部 → east), and false
// when word is none of its words.
func CodeOf(role, word string) (string, bool) {
	word = strings.TrimSpace(word)
	for _, wc := range ValueCodes(role) {
		if wc.Word == word {
			return wc.Code, true
		}
	}
	return "", false
}

// UnitFactor is the factor that brings values written in unit to the role's canonical unit,
// or 0 when none is needed or known. The units are those of queries/units.tsv (the table the
// raw-export loader reads headers with): the role's own, else those of any role with the same
// canonical unit, so 停电时长(小时) and a wide table's outage minutes in hours both give 60.
func UnitFactor(role, unit string) float64 {
	r, ok := ByName(role)
	unit = strings.ToLower(strings.TrimSpace(unit))
	if !ok || unit == "" {
		return 0
	}
	match := func(same func(u queries.Unit) bool) (float64, bool) {
		for _, u := range queries.Units {
			if same(u) && strings.ToLower(u.Name) == unit {
				return u.Factor, true
			}
		}
		return 0, false
	}
	f, found := match(func(u queries.Unit) bool { return u.Role == role })
	if !found && r.Unit != "" {
		f, found = match(func(u queries.Unit) bool {
			o, ok := ByName(u.Role)
			return ok && o.Unit == r.Unit
		})
	}
	if !found || f == 1 {
		return 0
	}
	return f
}
