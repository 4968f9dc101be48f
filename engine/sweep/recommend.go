package sweep

import (
	"fmt"
	"math"
	"strings"
)

// Index names a quality index that votes for a k.
type Index string

// The indices that vote for the recommended k.
const (
	BySilhouette       Index = "silhouette"        // highest mean silhouette
	ByCalinskiHarabasz Index = "Calinski–Harabasz" // highest CH
	ByDaviesBouldin    Index = "Davies–Bouldin"    // lowest DB
	ByStability        Index = "stability"         // highest mean refit ARI
)

// Vote is one index's choice of k.
type Vote struct {
	Index Index
	K     int
}

// Structure grades the recommended k's mean silhouette in the bands of Kaufman and Rousseeuw
// (Finding Groups in Data, 1990, ch. 2): above 0.70 strong, above 0.50 reasonable, above
// 0.25 weak (it could be artificial), else no substantial structure.
type Structure string

// Structure grades.
const (
	StructureStrong     Structure = "strong"
	StructureReasonable Structure = "reasonable"
	StructureWeak       Structure = "weak"
	StructureNone       Structure = "none"
	StructureUnknown    Structure = "unknown" // no silhouette
)

// GradeStructure is the Kaufman–Rousseeuw band of a mean silhouette.
func GradeStructure(silhouette float64) Structure {
	switch {
	case math.IsNaN(silhouette):
		return StructureUnknown
	case silhouette > 0.70:
		return StructureStrong
	case silhouette > 0.50:
		return StructureReasonable
	case silhouette > 0.25:
		return StructureWeak
	}
	return StructureNone
}

// Describe says in words what a grade means for the segmentation.
func (s Structure) Describe() string {
	switch s {
	case StructureStrong:
		return "a strong structure (silhouette above 0.70)"
	case StructureReasonable:
		return "a reasonable structure (silhouette 0.51–0.70)"
	case StructureWeak:
		return "a weak structure that could be artificial (silhouette 0.26–0.50): the segments overlap, so read them as tendencies and confirm them with the business"
	case StructureNone:
		return "no substantial structure (silhouette 0.25 or less): the segments cut a continuum rather than find groups; confirm them with the business before relying on them"
	}
	return "an unknown structure (no silhouette)"
}

// recommend picks k by vote. The candidates are the k whose shares all lie in [minShare,
// maxShare] (every k when none does, which the rule says). Each index votes for its best
// candidate — silhouette, Calinski–Harabasz and stability the highest, Davies–Bouldin the
// lowest; an index that is NaN for every candidate does not vote. The k with most votes
// wins; a tie goes to the higher stability, then the higher silhouette, then the smaller k.
// It returns k, the votes in the order above and the rule in words.
func recommend(ks []KResult, minShare, maxShare float64) (int, []Vote, string) {
	bounds := fmt.Sprintf("smallest segment share at least %s and largest at most %s", pct(minShare), pct(maxShare))
	var cands []KResult
	for _, r := range ks {
		if r.Qualifies {
			cands = append(cands, r)
		}
	}
	balanced := len(cands) > 0
	if !balanced {
		cands = ks
	}
	indices := []struct {
		name   Index
		value  func(KResult) float64
		higher bool
	}{
		{BySilhouette, func(r KResult) float64 { return r.Silhouette }, true},
		{ByCalinskiHarabasz, func(r KResult) float64 { return r.Quality.CalinskiHarabasz }, true},
		{ByDaviesBouldin, func(r KResult) float64 { return r.Quality.DaviesBouldin }, false},
		{ByStability, func(r KResult) float64 { return r.Stability }, true},
	}
	var votes []Vote
	count := map[int]int{}
	for _, ix := range indices {
		best, found := 0, false
		bestV := 0.0
		for _, r := range cands {
			v := ix.value(r)
			if math.IsNaN(v) {
				continue
			}
			if !found || (ix.higher && v > bestV) || (!ix.higher && v < bestV) {
				best, bestV, found = r.K, v, true
			}
		}
		if found {
			votes = append(votes, Vote{ix.name, best})
			count[best]++
		}
	}
	// Most votes, then stability, silhouette, smaller k. NaN compares as worst.
	better := func(a, b float64) int {
		switch {
		case math.IsNaN(a) && math.IsNaN(b), a == b:
			return 0
		case math.IsNaN(b), a > b:
			return 1
		}
		return -1
	}
	pick := cands[0]
	for _, r := range cands[1:] {
		c := count[r.K] - count[pick.K]
		if c == 0 {
			c = better(r.Stability, pick.Stability)
		}
		if c == 0 {
			c = better(r.Silhouette, pick.Silhouette)
		}
		if c > 0 {
			pick = r
		}
	}

	var b strings.Builder
	if balanced {
		var names []string
		for _, r := range cands {
			names = append(names, fmt.Sprint(r.K))
		}
		fmt.Fprintf(&b, "among the k with %s (k = %s), ", bounds, strings.Join(names, ", "))
	} else {
		fmt.Fprintf(&b, "no k from %d to %d has %s; among all k, ", ks[0].K, ks[len(ks)-1].K, bounds)
	}
	var vs []string
	for _, v := range votes {
		vs = append(vs, fmt.Sprintf("%s → %d", v.Index, v.K))
	}
	fmt.Fprintf(&b, "k = %d has %d of %d votes (%s)", pick.K, count[pick.K], len(votes), strings.Join(vs, ", "))
	var tied []string
	for _, r := range cands {
		if r.K != pick.K && count[r.K] == count[pick.K] {
			tied = append(tied, fmt.Sprint(r.K))
		}
	}
	if len(tied) > 0 {
		fmt.Fprintf(&b, "; tied with k = %s, ties go to the higher stability, then the higher silhouette", strings.Join(tied, ", "))
	}
	fmt.Fprintf(&b, "; its silhouette %.3f shows %s", pick.Silhouette, GradeStructure(pick.Silhouette).Describe())
	return pick.K, votes, b.String()
}

// Warnings says what a fit of len(sizes) segments breaks of the domain's rules of thumb — a
// segment share outside [minShare, maxShare] (0 = DefaultMinShare, DefaultMaxShare), more than
// DefaultKMax segments — and what its silhouette says about the structure when it is weak or
// absent. Nil when there is nothing to say.
func Warnings(sizes []int, silhouette, minShare, maxShare float64) []string {
	if minShare == 0 {
		minShare = DefaultMinShare
	}
	if maxShare == 0 {
		maxShare = DefaultMaxShare
	}
	var out []string
	if len(sizes) > DefaultKMax {
		out = append(out, fmt.Sprintf("k = %d: the domain's rule is at most %d segments", len(sizes), DefaultKMax))
	}
	total := 0
	for _, n := range sizes {
		total += n
	}
	for i, n := range sizes {
		share := float64(n) / float64(total)
		switch {
		case share < minShare:
			out = append(out, fmt.Sprintf("segment %d holds %s of the fitted customers, below the %s the domain's rule asks of every segment", i+1, pct(share), pct(minShare)))
		case share > maxShare:
			out = append(out, fmt.Sprintf("segment %d holds %s of the fitted customers, above the %s the domain's rule allows", i+1, pct(share), pct(maxShare)))
		}
	}
	if st := GradeStructure(silhouette); st == StructureWeak || st == StructureNone {
		out = append(out, fmt.Sprintf("silhouette %.3f: %s", silhouette, st.Describe()))
	}
	return out
}
