// Package rules describes segment membership in the data's own units with a shallow
// classification tree (CART: binary splits chosen by the Gini impurity, as scikit-learn's
// DecisionTreeClassifier), fitted to the segment labels: a numeric column splits at the
// midpoint between two neighbouring values ("annual kWh > 3,200"), a categorical column on
// one value against the rest ("heating = gas"). Each leaf becomes a rule for its majority
// segment, with how many customers it covers and how many of them are in that segment — a
// short description that a service hall can apply without the model.
package rules

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
)

// Feature is one column in its original units: Numeric (NaN for missing) or Text ("" for
// missing), of the same length as the labels.
type Feature struct {
	Name    string
	Numeric []float64
	Text    []string
}

// Options bound the tree. The zero value is depth 3 and leaves of at least 1 % of the rows.
type Options struct {
	MaxDepth int // 0 = 3
	MinLeaf  int // 0 = max(1, rows / 100)
}

// Op is how a condition compares.
type Op string

// Condition operators.
const (
	LE    Op = "<="
	GT    Op = ">"
	Equal Op = "="
	Other Op = "!=" // the categorical column is not Value
)

// Condition is one test of a rule.
type Condition struct {
	Feature   string
	Op        Op
	Threshold float64 // for LE and GT
	Value     string  // for Equal and Other
}

// Rule is a path from the root to a leaf: the customers meeting every condition are
// predicted to be in Segment.
type Rule struct {
	Segment    int
	Conditions []Condition
	Covered    int // rows the rule covers
	Correct    int // of those, rows in Segment
}

// Precision is Correct / Covered.
func (r Rule) Precision() float64 { return float64(r.Correct) / float64(r.Covered) }

// Tree is a fitted classification tree.
type Tree struct {
	root     *node
	features []Feature
	Rules    []Rule  // one per leaf, left to right
	Accuracy float64 // share of the fitting rows whose leaf's segment is their own
}

type node struct {
	cond        *Condition
	feature     int
	left, right *node // left: the condition holds
	segment     int   // majority label (leaves)
}

// Fit grows a tree on the rows whose features are all present. Labels are segment ids; ties
// in a leaf's majority go to the smaller id. Among splits of equal impurity the first
// feature, then the smaller threshold (or earlier value), wins, so the tree is deterministic.
func Fit(features []Feature, labels []int, opt Options) (*Tree, error) {
	n := len(labels)
	if len(features) == 0 {
		return nil, errors.New("rules: no feature")
	}
	for _, f := range features {
		if (f.Numeric == nil) == (f.Text == nil) {
			return nil, fmt.Errorf("rules: feature %s must be numeric or text", f.Name)
		}
		if max(len(f.Numeric), len(f.Text)) != n {
			return nil, fmt.Errorf("rules: feature %s has %d values for %d labels", f.Name, max(len(f.Numeric), len(f.Text)), n)
		}
	}
	if opt.MaxDepth <= 0 {
		opt.MaxDepth = 3
	}
	if opt.MinLeaf <= 0 {
		opt.MinLeaf = max(1, n/100)
	}
	var rows []int
	for i := range n {
		if complete(features, i) {
			rows = append(rows, i)
		}
	}
	if len(rows) == 0 {
		return nil, errors.New("rules: no row has every feature")
	}
	ids := map[int]int{} // segment id → class index
	var classes []int
	for _, i := range rows {
		if _, ok := ids[labels[i]]; !ok {
			ids[labels[i]] = 0
			classes = append(classes, labels[i])
		}
	}
	slices.Sort(classes)
	for c, id := range classes {
		ids[id] = c
	}
	y := make([]int, n)
	for _, i := range rows {
		y[i] = ids[labels[i]]
	}
	g := &grower{f: features, y: y, k: len(classes), classes: classes, opt: opt}
	t := &Tree{features: features}
	t.root = g.grow(rows, 0)
	correct := 0
	t.collect(t.root, nil, rows, labels, &correct)
	t.Accuracy = float64(correct) / float64(len(rows))
	return t, nil
}

func complete(fs []Feature, i int) bool {
	for _, f := range fs {
		if f.Numeric != nil && math.IsNaN(f.Numeric[i]) || f.Text != nil && f.Text[i] == "" {
			return false
		}
	}
	return true
}

// Predict returns the segment of row i of features laid out as at Fit, or 0 when a feature
// the path needs is missing.
func (t *Tree) Predict(features []Feature, i int) int {
	n := t.root
	for n.cond != nil {
		f := features[n.feature]
		if f.Numeric != nil && math.IsNaN(f.Numeric[i]) || f.Text != nil && f.Text[i] == "" {
			return 0
		}
		if holds(*n.cond, f, i) {
			n = n.left
		} else {
			n = n.right
		}
	}
	return n.segment
}

func holds(c Condition, f Feature, i int) bool {
	switch c.Op {
	case LE:
		return f.Numeric[i] <= c.Threshold
	case GT:
		return f.Numeric[i] > c.Threshold
	case Equal:
		return f.Text[i] == c.Value
	}
	return f.Text[i] != c.Value
}

// collect appends the rule of every leaf below n, counting its rows.
func (t *Tree) collect(n *node, path []Condition, rows []int, labels []int, correct *int) {
	if n.cond == nil {
		r := Rule{Segment: n.segment, Conditions: slices.Clone(path), Covered: len(rows)}
		for _, i := range rows {
			if labels[i] == n.segment {
				r.Correct++
			}
		}
		*correct += r.Correct
		t.Rules = append(t.Rules, r)
		return
	}
	f := t.features[n.feature]
	var in, out []int
	for _, i := range rows {
		if holds(*n.cond, f, i) {
			in = append(in, i)
		} else {
			out = append(out, i)
		}
	}
	neg := *n.cond
	switch neg.Op {
	case LE:
		neg.Op = GT
	case Equal:
		neg.Op = Other
	}
	t.collect(n.left, append(slices.Clip(path), *n.cond), in, labels, correct)
	t.collect(n.right, append(slices.Clip(path), neg), out, labels, correct)
}

// grower holds what growing the tree needs.
type grower struct {
	f       []Feature
	y       []int // class index per row
	k       int
	classes []int // class index → segment id
	opt     Options
}

func (g *grower) counts(rows []int) []int {
	c := make([]int, g.k)
	for _, i := range rows {
		c[g.y[i]]++
	}
	return c
}

func gini(c []int, n int) float64 {
	if n == 0 {
		return 0
	}
	s := 0.0
	for _, v := range c {
		p := float64(v) / float64(n)
		s += p * p
	}
	return 1 - s
}

func (g *grower) grow(rows []int, depth int) *node {
	counts := g.counts(rows)
	best := 0
	for c := range counts {
		if counts[c] > counts[best] {
			best = c
		}
	}
	leaf := &node{segment: g.classes[best]}
	if depth == g.opt.MaxDepth || len(rows) < 2*g.opt.MinLeaf || counts[best] == len(rows) {
		return leaf
	}
	parent := gini(counts, len(rows))
	bestGain, bestF := 1e-12, -1
	var bestCond Condition
	for fi, f := range g.f {
		var cond Condition
		var gain float64
		var ok bool
		if f.Numeric != nil {
			cond, gain, ok = g.numericSplit(f, rows, counts, parent)
		} else {
			cond, gain, ok = g.textSplit(f, rows, counts, parent)
		}
		if ok && gain > bestGain {
			bestGain, bestF, bestCond = gain, fi, cond
		}
	}
	if bestF < 0 {
		return leaf
	}
	var in, out []int
	for _, i := range rows {
		if holds(bestCond, g.f[bestF], i) {
			in = append(in, i)
		} else {
			out = append(out, i)
		}
	}
	return &node{cond: &bestCond, feature: bestF, left: g.grow(in, depth+1), right: g.grow(out, depth+1)}
}

// numericSplit finds the best threshold of f: the midpoint between two neighbouring distinct
// values that leaves at least MinLeaf rows on each side and most lowers the weighted Gini.
func (g *grower) numericSplit(f Feature, rows []int, total []int, parent float64) (Condition, float64, bool) {
	sorted := slices.Clone(rows)
	slices.SortFunc(sorted, func(a, b int) int { return cmp.Compare(f.Numeric[a], f.Numeric[b]) })
	left := make([]int, g.k)
	right := slices.Clone(total)
	n := len(sorted)
	best, bestGain, found := 0.0, 0.0, false
	for j := 0; j < n-1; j++ {
		c := g.y[sorted[j]]
		left[c]++
		right[c]--
		v, next := f.Numeric[sorted[j]], f.Numeric[sorted[j+1]]
		nl := j + 1
		if v == next || nl < g.opt.MinLeaf || n-nl < g.opt.MinLeaf {
			continue
		}
		gain := parent - (float64(nl)*gini(left, nl)+float64(n-nl)*gini(right, n-nl))/float64(n)
		if !found || gain > bestGain {
			best, bestGain, found = v/2+next/2, gain, true
		}
	}
	return Condition{Feature: f.Name, Op: LE, Threshold: best}, bestGain, found
}

// textSplit finds the best value of f to split on, one value against the rest.
func (g *grower) textSplit(f Feature, rows []int, total []int, parent float64) (Condition, float64, bool) {
	byValue := map[string][]int{}
	for _, i := range rows {
		v := f.Text[i]
		if byValue[v] == nil {
			byValue[v] = make([]int, g.k)
		}
		byValue[v][g.y[i]]++
	}
	values := make([]string, 0, len(byValue))
	for v := range byValue {
		values = append(values, v)
	}
	slices.Sort(values)
	n := len(rows)
	best, bestGain, found := "", 0.0, false
	right := make([]int, g.k)
	for _, v := range values {
		in := byValue[v]
		nl := 0
		for c := range in {
			nl += in[c]
			right[c] = total[c] - in[c]
		}
		if nl < g.opt.MinLeaf || n-nl < g.opt.MinLeaf {
			continue
		}
		gain := parent - (float64(nl)*gini(in, nl)+float64(n-nl)*gini(right, n-nl))/float64(n)
		if !found || gain > bestGain {
			best, bestGain, found = v, gain, true
		}
	}
	return Condition{Feature: f.Name, Op: Equal, Value: best}, bestGain, found
}

// BySegment returns, for each segment id that some leaf predicts, its rules ordered by how
// many customers they cover correctly (most first).
func (t *Tree) BySegment() map[int][]Rule {
	out := map[int][]Rule{}
	for _, r := range t.Rules {
		out[r.Segment] = append(out[r.Segment], r)
	}
	for _, rs := range out {
		slices.SortStableFunc(rs, func(a, b Rule) int { return cmp.Compare(b.Correct, a.Correct) })
	}
	return out
}

// Recount counts every rule's customers again over the rows of features and labels (laid out
// as at Fit; a tree fitted on a sample is counted on everyone this way), and the accuracy
// over the rows that have every feature the tree needs.
func (t *Tree) Recount(features []Feature, labels []int) {
	leaf := map[*node]int{}
	var number func(n *node)
	number = func(n *node) {
		if n.cond == nil {
			leaf[n] = len(leaf)
			return
		}
		number(n.left)
		number(n.right)
	}
	number(t.root)
	for i := range t.Rules {
		t.Rules[i].Covered, t.Rules[i].Correct = 0, 0
	}
	counted, correct := 0, 0
	for i := range labels {
		n := t.root
		for n != nil && n.cond != nil {
			f := features[n.feature]
			if f.Numeric != nil && math.IsNaN(f.Numeric[i]) || f.Text != nil && f.Text[i] == "" {
				n = nil
				break
			}
			if holds(*n.cond, f, i) {
				n = n.left
			} else {
				n = n.right
			}
		}
		if n == nil {
			continue
		}
		r := &t.Rules[leaf[n]]
		r.Covered++
		counted++
		if labels[i] == r.Segment {
			r.Correct++
			correct++
		}
	}
	if counted > 0 {
		t.Accuracy = float64(correct) / float64(counted)
	}
}
