package roles

import (
	"strings"
)

// Method says how a role's column was found.
type Method string

// The methods, from the surest to the least sure. Unresolved means no column was found.
const (
	ByMapping   Method = "mapping"   // the user's mapping names the column
	ByCanonical Method = "canonical" // the header is the canonical name
	ByChinese   Method = "chinese"   // the header is the Chinese contract name
	BySynonym   Method = "synonym"   // the header is a known synonym
	ByPartial   Method = "partial"   // the header contains a name of the role: to be confirmed
	Unresolved  Method = ""
)

// Confidence is how sure a match by method m is, from 0 to 1.
func (m Method) Confidence() float64 {
	switch m {
	case ByMapping, ByCanonical, ByChinese:
		return 1
	case BySynonym:
		return 0.9
	case ByPartial:
		return 0.5
	}
	return 0
}

// Sure reports whether a match by m needs no confirmation by the user.
func (m Method) Sure() bool { return m.Confidence() >= BySynonym.Confidence() }

// Match is the column found for one role of a table.
type Match struct {
	Role       string   `json:"role"`
	Column     string   `json:"column,omitempty"` // the table's header; "" when unresolved
	Method     Method   `json:"method,omitempty"`
	Confidence float64  `json:"confidence"`
	Unit       string   `json:"unit,omitempty"`    // from the mapping, else from the header's brackets
	Samples    []string `json:"samples,omitempty"` // a few values of the column; the caller fills them in
}

// Resolve finds, for each role of scope, the column of headers that holds it, in the order
// (a) the mapping m, (b) the canonical or Chinese contract name, (c) a synonym, (d) a header
// containing one of the role's names. Each header serves at most one role, and an earlier
// step wins over a later one whichever role asks. A mapping entry whose column is not among
// headers is passed over (a mapping may cover several files). The result has one Match per
// role of scope, in the order of queries/roles.tsv; unresolved roles have an empty Column.
func Resolve(scope Scope, headers []string, m Mapping) []Match {
	rs := InScope(scope)
	out := make([]Match, len(rs))
	claimed := make([]bool, len(headers))
	keys := make([]string, len(headers))
	units := make([]string, len(headers))
	for j, h := range headers {
		keys[j], units[j] = Normalize(h)
	}
	set := func(i, j int, how Method) {
		out[i].Column, out[i].Method, out[i].Confidence = headers[j], how, how.Confidence()
		out[i].Unit = units[j]
		claimed[j] = true
	}
	for i, r := range rs {
		out[i].Role = r.Name
		want, ok := m.Columns[r.Name]
		if !ok {
			continue
		}
		if j := indexOf(headers, claimed, want); j >= 0 {
			set(i, j, ByMapping)
		}
	}
	// (b) then (c): exact names before synonyms, so that a synonym of one role never takes
	// the column another role is named by.
	for _, step := range []struct {
		how   Method
		names func(Role) []string
	}{
		{ByCanonical, func(r Role) []string { return []string{r.Name} }},
		{ByChinese, func(r Role) []string { return []string{r.Chinese} }},
		{BySynonym, func(r Role) []string { return r.Synonyms }},
	} {
		for i, r := range rs {
			if out[i].Column != "" {
				continue
			}
			for _, name := range step.names(r) {
				k, _ := Normalize(name)
				if j := indexKey(keys, claimed, k); j >= 0 {
					set(i, j, step.how)
					break
				}
			}
		}
	}
	// (d): the header that contains the longest of the role's names.
	for i, r := range rs {
		if out[i].Column != "" {
			continue
		}
		best, bestLen := -1, 0
		for _, name := range r.Names() {
			k, _ := Normalize(name)
			if !longEnough(k) || len(k) <= bestLen {
				continue
			}
			for j, hk := range keys {
				if !claimed[j] && strings.Contains(hk, k) {
					best, bestLen = j, len(k)
					break
				}
			}
		}
		if best >= 0 {
			set(i, best, ByPartial)
		}
	}
	for i := range out {
		if u, ok := m.Units[out[i].Role]; ok && out[i].Column != "" {
			out[i].Unit = u
		}
	}
	return out
}

// indexOf returns the first unclaimed header equal to want, or failing that equal once
// normalised; -1 when none.
func indexOf(headers []string, claimed []bool, want string) int {
	for j, h := range headers {
		if !claimed[j] && h == want {
			return j
		}
	}
	k, _ := Normalize(want)
	for j, h := range headers {
		if hk, _ := Normalize(h); !claimed[j] && hk == k && k != "" {
			return j
		}
	}
	return -1
}

func indexKey(keys []string, claimed []bool, k string) int {
	for j, hk := range keys {
		if !claimed[j] && hk == k {
			return j
		}
	}
	return -1
}

// Find returns the match for role in ms.
func Find(ms []Match, role string) (Match, bool) {
	for _, m := range ms {
		if m.Role == role {
			return m, true
		}
	}
	return Match{}, false
}

// Closest returns the header of headers most like one of the role's names, with its
// Similarity; "" and 0 when headers is empty. It is for diagnostics: "用户编号 looks like the
// customer id".
func Closest(r Role, headers []string) (string, float64) {
	best, score := "", 0.0
	for _, h := range headers {
		hk, _ := Normalize(h)
		for _, name := range r.Names() {
			k, _ := Normalize(name)
			if s := keySimilarity(hk, k); s > score {
				best, score = h, s
			}
		}
	}
	return best, score
}
