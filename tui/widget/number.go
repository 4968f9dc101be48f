package widget

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Count formats n with thousands separators: 1234567 → "1,234,567".
func Count(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

// Percent formats a share in [0, 1] as a percentage with one decimal: 0.0314 → "3.1%".
func Percent(share float64) string {
	return fmt.Sprintf("%.1f%%", 100*share)
}

// Bar draws a share in [0, 1] as a bar of width cells: "#####....." (plain characters, so
// that it reads without colour).
func Bar(share float64, width int) string {
	if width <= 0 {
		return ""
	}
	full := int(math.Round(min(max(share, 0), 1) * float64(width)))
	return strings.Repeat("#", full) + strings.Repeat(".", width-full)
}
