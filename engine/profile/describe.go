package profile

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// phrases is the small phrase table that turns a trait into words: for each direction an
// English and a Chinese pattern around the column label or the category value.
var phrases = map[string][2]string{
	"high": {"high %s", "%s较高"},
	"low":  {"low %s", "%s较低"},
	"many": {"many %s", "%s多"},
	"few":  {"few %s", "%s少"},
}

// valuePhrases words the over-represented values of the wide table's categorical columns as
// DOMAIN.md's segment table does ("mostly owners", "多在东部"). Other values are named with their
// column: "credit grade mostly E", "信用等级多为E".
var valuePhrases = map[string]map[string][2]string{
	"region": {
		"east": {"mostly in the east", "多在东部"}, "central": {"mostly in the central region", "多在中部"},
		"west": {"mostly in the west", "多在西部"},
	},
	"housing": {"owner": {"mostly owners", "多为自有住房"}, "renter": {"mostly renters", "多为租房"}},
	"heating": {
		"gas": {"mostly gas heating", "多为燃气采暖"}, "electric": {"mostly electric heating", "多为电采暖"},
		"other": {"mostly other heating", "多为其他采暖"},
	},
	"special_group": {
		"elderly": {"mostly elderly", "多为老年人"}, "low_income": {"mostly low income", "多为低保户"},
		"disabled": {"mostly disabled", "多为残疾人"}, "none": {"mostly no special group", "多无特殊群体"},
	},
	"customer_type": {"residential": {"mostly residential", "多为居民"}, "business": {"mostly business", "多为非居民"}},
}

// categoryPhrase words the trait "segment is mostly value of column", with the column's value
// labels where it has them.
func categoryPhrase(c CategoricalProfile, value string) (en, zh string) {
	if p, ok := valuePhrases[c.Column][value]; ok {
		return p[0], p[1]
	}
	en, zh = value, value
	if l, ok := c.valueLabels[value]; ok {
		en, zh = l[0], l[1]
	}
	return c.LabelEN + " mostly " + en, c.LabelZH + "多为" + zh
}

// Descriptions of a segment that stands out on nothing.
const (
	plainEN = "close to the population on every column"
	plainZH = "各项与总体接近"
)

func phrase(direction, word string) (en, zh string) {
	p := phrases[direction]
	return strings.Replace(p[0], "%s", word, 1), strings.Replace(p[1], "%s", word, 1)
}

// describe picks each segment's strongest traits and writes its descriptions. A numeric
// column is a trait when |standardised difference| ≥ MinScore; a category when its share in
// the segment is ≥ MinShare, its lift ≥ MinLift and the standardised difference of its share
// ≥ MinScore (only the strongest category per column). Traits are ranked by score, then
// column, then value, and the first MaxTraits are kept, so the result is deterministic.
func describe(r *Result, numeric []Column, o Options) {
	countable := map[string]bool{}
	for _, c := range numeric {
		countable[c.Name] = c.Countable
	}
	for j := range r.Segments {
		var traits []Trait
		for _, np := range r.Numeric {
			d := float64(np.Segments[j].StdDiff)
			if math.IsNaN(d) || math.Abs(d) < o.MinScore {
				continue
			}
			dir := map[bool]string{true: "high", false: "low"}[d > 0]
			if countable[np.Column] {
				dir = map[bool]string{true: "many", false: "few"}[d > 0]
			}
			t := Trait{Column: np.Column, Kind: Numeric, Direction: dir, Score: Number(math.Abs(d)),
				Segment: np.Segments[j].Mean, Overall: np.Overall.Mean}
			t.EN, t.ZH = phrase(dir, np.LabelEN)
			_, t.ZH = phrase(dir, np.LabelZH)
			traits = append(traits, t)
		}
		for _, cp := range r.Categorical {
			var best *Trait
			for i, v := range cp.Segments[j].Shares {
				p, all := float64(v.Share), float64(cp.Overall[i].Share)
				if math.IsNaN(p) || p < o.MinShare || float64(v.Lift) < o.MinLift || all <= 0 || all >= 1 {
					continue
				}
				score := (p - all) / math.Sqrt(all*(1-all))
				if score < o.MinScore || (best != nil && score <= float64(best.Score)) {
					continue
				}
				t := Trait{Column: cp.Column, Kind: Categorical, Value: v.Value, Direction: "mostly",
					Score: Number(score), Segment: v.Share, Overall: cp.Overall[i].Share}
				t.EN, t.ZH = categoryPhrase(cp, v.Value)
				best = &t
			}
			if best != nil {
				traits = append(traits, *best)
			}
		}
		slices.SortFunc(traits, func(a, b Trait) int {
			return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.Column, b.Column), cmp.Compare(a.Value, b.Value))
		})
		if len(traits) > o.MaxTraits {
			traits = traits[:o.MaxTraits]
		}
		s := &r.Segments[j]
		s.Traits = traits
		s.DescriptionEN, s.DescriptionZH = plainEN, plainZH
		if len(traits) > 0 {
			en := make([]string, len(traits))
			zh := make([]string, len(traits))
			for i, t := range traits {
				en[i], zh[i] = t.EN, t.ZH
			}
			s.DescriptionEN = strings.Join(en, ", ")
			s.DescriptionZH = strings.Join(zh, "，")
		}
	}
}
