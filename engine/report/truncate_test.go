package report

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/seglab/seglab/engine/report/chart"
)

// truncate gives what dropping one rune at a time until the text and its ellipsis fit gives,
// and stays linear: a 2,100,000-character name is cut at once.
func TestTruncate(t *testing.T) {
	slow := func(s string, width, size float64) string {
		if chart.TextWidth(s, size) <= width {
			return s
		}
		rs := []rune(s)
		for len(rs) > 1 && chart.TextWidth(string(rs)+"…", size) > width {
			rs = rs[:len(rs)-1]
		}
		return string(rs) + "…"
	}
	alphabet := []rune("aiMW .分群东部é|")
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		rs := make([]rune, rng.IntN(40))
		for i := range rs {
			rs[i] = alphabet[rng.IntN(len(alphabet))]
		}
		s, width, size := string(rs), rng.Float64()*200, 8+rng.Float64()*6
		if got, want := truncate(s, width, size), slow(s, width, size); got != want {
			t.Fatalf("truncate(%q, %v, %v) = %q; want %q", s, width, size, got, want)
		}
	}
	// The quadratic version took minutes on this; the linear one is instant.
	if got := truncate(strings.Repeat("分群x", 700_000), 120, 11); got != slow("分群x分群x分群x分群x分群x", 120, 11) {
		t.Fatalf("truncating 2,100,000 characters gave %.60q", got)
	}
}
