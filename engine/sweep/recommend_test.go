package sweep

import (
	"math"
	"strings"
	"testing"

	"github.com/seglab/seglab/engine/metrics"
)

// kr is a KResult with the given measures.
func kr(k int, sil, ch, db, stab float64, qualifies bool) KResult {
	return KResult{K: k, Silhouette: sil, Stability: stab, Qualifies: qualifies,
		Quality: metrics.Quality{CalinskiHarabasz: ch, DaviesBouldin: db}}
}

func TestRecommendByVotes(t *testing.T) {
	nan := math.NaN()
	cases := []struct {
		name  string
		ks    []KResult
		want  int
		votes string // index → k, in order
		rule  []string
	}{
		{
			// The 329k case: silhouette alone picks k = 3; the other indices do not.
			name: "votes beat silhouette alone",
			ks: []KResult{kr(2, 0.19, 900, 1.9, 0.95, false), kr(3, 0.172, 800, 1.7, 0.80, true), kr(4, 0.16, 780, 1.6, 0.76, true),
				kr(5, 0.15, 760, 1.65, 0.741, true), kr(6, 0.165, 790, 1.5, 0.988, true), kr(7, 0.14, 700, 1.8, 0.90, true)},
			want: 6, votes: "silhouette→3 Calinski–Harabasz→3 Davies–Bouldin→6 stability→6",
			rule: []string{"(k = 3, 4, 5, 6, 7)", "k = 6 has 2 of 4 votes", "tied with k = 3", "no substantial structure"},
		},
		{
			name: "two votes beat the best silhouette; stability NaN does not vote",
			ks:   []KResult{kr(2, 0.30, 100, 1.0, nan, true), kr(3, 0.35, 90, 1.2, nan, true), kr(4, 0.20, 80, 1.3, nan, true)},
			want: 2, votes: "silhouette→3 Calinski–Harabasz→2 Davies–Bouldin→2",
			rule: []string{"k = 2 has 2 of 3 votes", "weak structure"},
		},
		{
			name: "no balanced k: every k is a candidate",
			ks:   []KResult{kr(2, 0.8, 100, 0.4, 1, false), kr(3, 0.6, 90, 0.5, 0.9, false)},
			want: 2, votes: "silhouette→2 Calinski–Harabasz→2 Davies–Bouldin→2 stability→2",
			rule: []string{"no k from 2 to 3 has", "among all k", "k = 2 has 4 of 4 votes", "strong structure"},
		},
	}
	for _, c := range cases {
		k, votes, rule := recommend(c.ks, 0.05, 0.5)
		var vs []string
		for _, v := range votes {
			vs = append(vs, string(v.Index)+"→"+string(rune('0'+v.K)))
		}
		if got := strings.Join(vs, " "); got != c.votes {
			t.Errorf("%s: votes %s, want %s", c.name, got, c.votes)
		}
		if k != c.want {
			t.Errorf("%s: recommended %d, want %d (%s)", c.name, k, c.want, rule)
		}
		for _, w := range c.rule {
			if !strings.Contains(rule, w) {
				t.Errorf("%s: rule %q does not say %q", c.name, rule, w)
			}
		}
	}
}

func TestTiesGoToStabilityThenSilhouette(t *testing.T) {
	nan := math.NaN()
	// Each index votes for a different k: four one-vote ties.
	ks := []KResult{kr(2, 0.40, 10, 0.9, 0.70, true), kr(3, 0.30, 50, 0.8, 0.75, true), kr(4, 0.20, 20, 0.5, 0.72, true), kr(5, 0.10, 5, 0.9, 0.99, true)}
	if k, _, _ := recommend(ks, 0.05, 0.5); k != 5 {
		t.Errorf("four single votes: recommended %d, want 5 (highest stability)", k)
	}
	for i := range ks {
		ks[i].Stability = nan
	}
	if k, _, _ := recommend(ks, 0.05, 0.5); k != 2 {
		t.Errorf("three single votes, no stability: recommended %d, want 2 (highest silhouette)", k)
	}
}

func TestGradeStructureBands(t *testing.T) {
	for _, c := range []struct {
		s    float64
		want Structure
	}{{0.71, StructureStrong}, {0.70, StructureReasonable}, {0.51, StructureReasonable}, {0.50, StructureWeak},
		{0.26, StructureWeak}, {0.25, StructureNone}, {-0.1, StructureNone}, {math.NaN(), StructureUnknown}} {
		if got := GradeStructure(c.s); got != c.want {
			t.Errorf("silhouette %v: %s, want %s", c.s, got, c.want)
		}
	}
}

func TestWarnings(t *testing.T) {
	if w := Warnings([]int{300, 250, 250, 200}, 0.62, 0, 0); w != nil {
		t.Errorf("balanced, reasonable structure: %q", w)
	}
	w := Warnings([]int{985, 5, 5, 5}, 0.97, 0, 0)
	if len(w) != 4 || !strings.Contains(w[0], "segment 1 holds 98.5 %") || !strings.Contains(w[0], "above the 50 %") ||
		!strings.Contains(w[1], "segment 2 holds 0.5 %") {
		t.Errorf("one giant segment: %q", w)
	}
	w = Warnings([]int{10, 10, 10, 10, 10, 10, 10, 10}, 0.17, 0, 0)
	if len(w) != 2 || !strings.Contains(w[0], "at most 7") || !strings.Contains(w[1], "no substantial structure") {
		t.Errorf("k = 8 with a silhouette of 0.17: %q", w)
	}
}
