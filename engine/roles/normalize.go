package roles

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Normalize returns the key a header is compared by, and the unit written in brackets at its
// end ("" when none). The key ignores letter case, full or half width (Ａ and A, （ and (),
// spaces, a byte-order mark and the separators _ - . ·; 【】 and [] count as brackets. So
// "停电时长（小时）" gives key 停电时长 and unit 小时, and "Customer ID" and "customer_id" give
// the same key.
func Normalize(header string) (key, unit string) {
	h := strings.TrimSpace(strings.Map(foldWidth, header))
	if base, u, ok := splitUnit(h); ok {
		h, unit = base, strings.ToLower(strings.TrimSpace(u))
	}
	var b strings.Builder
	for _, r := range h {
		switch {
		case unicode.IsSpace(r), r == '_', r == '-', r == '.', r == '·', r == '\ufeff':
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String(), unit
}

// foldWidth maps full-width ASCII forms and the ideographic space to their ASCII forms, and
// 【】 to [].
func foldWidth(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFEE0
	case r == 0x3000:
		return ' '
	case r == '【':
		return '['
	case r == '】':
		return ']'
	}
	return r
}

// splitUnit splits "name(unit)" or "name[unit]" (brackets already folded to ASCII) into name
// and unit. It reports false when h does not end with a bracketed part after a non-empty name.
func splitUnit(h string) (base, unit string, ok bool) {
	var open byte
	switch {
	case strings.HasSuffix(h, ")"):
		open = '('
	case strings.HasSuffix(h, "]"):
		open = '['
	default:
		return "", "", false
	}
	i := strings.LastIndexByte(h, open)
	if i <= 0 {
		return "", "", false
	}
	base = strings.TrimSpace(h[:i])
	if base == "" {
		return "", "", false
	}
	return base, h[i+1 : len(h)-1], true
}

// Similarity is how alike two headers are, from 0 (nothing in common) to 1 (the same once
// normalised): twice the length of their longest common run of characters over the sum of
// their lengths, on the normalised keys.
func Similarity(a, b string) float64 {
	ka, _ := Normalize(a)
	kb, _ := Normalize(b)
	return keySimilarity(ka, kb)
}

func keySimilarity(ka, kb string) float64 {
	ra, rb := []rune(ka), []rune(kb)
	if len(ra) == 0 || len(rb) == 0 {
		return 0
	}
	// Longest common substring by dynamic programming over one row.
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	best := 0
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			if ra[i-1] == rb[j-1] {
				cur[j] = prev[j-1] + 1
				best = max(best, cur[j])
			} else {
				cur[j] = 0
			}
		}
		prev, cur = cur, prev
	}
	return 2 * float64(best) / float64(len(ra)+len(rb))
}

// longEnough reports whether a normalised name is specific enough to be looked for inside a
// longer header: two characters of Chinese, or four of ASCII.
func longEnough(key string) bool {
	n := utf8.RuneCountInString(key)
	if n == len(key) { // all ASCII
		return n >= 4
	}
	return n >= 2
}
