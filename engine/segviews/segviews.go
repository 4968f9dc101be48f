// Package segviews computes the views of a segmentation that a workshop reads beside the
// profile: each segment's silhouette, a map of the segments on the first two principal
// components, and short rules in the data's units that describe membership.
package segviews

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/seglab/seglab/engine/metrics"
	"github.com/seglab/seglab/engine/prep"
	"github.com/seglab/seglab/engine/rules"
	"github.com/seglab/seglab/engine/segmap"
	"github.com/seglab/seglab/queries"
)

// Sizes of the samples the segment views are computed on.
const (
	viewSampleRows = 4000   // silhouettes and the map: O(m²) and a readable scatter
	ruleSampleRows = 50_000 // the tree is fitted on these, then counted on everyone
	RuleDepth      = 3      // rules of at most three conditions
)

// Views are the views of the segments a workshop reads beside the profile.
type Views struct {
	// Silhouettes is each segment's mean silhouette (by id) on SampleRows rows of a stratified
	// sample; SampleRows equals Fitted when every row was used.
	Silhouettes map[int]float64
	SampleRows  int
	Fitted      int // customers with every dimension: the rows of the views
	// Map is the plane of the first two principal components of the scaled dimensions, with
	// the sample's customers; nil with fewer than two matrix columns.
	Map *segmap.Map
	// Rules describe membership in the data's units, per segment id, best first; RuleAccuracy
	// is the share of customers whose rule names their own segment.
	Rules        map[int][]rules.Rule
	RuleAccuracy float64
}

// Compute computes silhouettes per segment, the map and the rules for the prepared
// population pr of table (its rows in the data's units) with labels[i] the segment id
// (1..k) of matrix row i; seed draws the samples, so one segmentation always gives the same
// views. The command line's report and the workbench's Clusters screen both call it.
func Compute(ctx context.Context, k int, seed uint64, table prep.Table, pr *prep.Prepared, labels []int) (*Views, error) {
	v := &Views{Fitted: pr.N, Silhouettes: map[int]float64{}}
	sample := metrics.StratifiedSample(labels, viewSampleRows, seed)
	v.SampleRows = len(sample)
	sil, err := metrics.SegmentSilhouettes(ctx, pr.X, pr.D, labels, k+1, sample)
	if err != nil {
		return nil, err
	}
	for id := 1; id <= k; id++ {
		if !math.IsNaN(sil[id]) {
			v.Silhouettes[id] = sil[id]
		}
	}
	if pr.D >= 2 {
		if m, err := segmap.Project(pr.X, pr.N, pr.D, labels, sample); err == nil {
			v.Map = m
		}
	}

	// The rules: the dimensions in the data's units, for the fitted customers.
	var features []rules.Feature
	for _, dim := range pr.Fitted.Dims {
		f := rules.Feature{Name: dim.Column}
		if dim.Kind == prep.Categorical {
			col := table.Text[dim.Column]
			f.Text = make([]string, pr.N)
			for i, row := range pr.Rows {
				f.Text[i] = col[row]
			}
		} else {
			col := table.Numeric[dim.Column]
			f.Numeric = make([]float64, pr.N)
			for i, row := range pr.Rows {
				f.Numeric[i] = col[row]
			}
		}
		features = append(features, f)
	}
	fitRows := metrics.StratifiedSample(labels, ruleSampleRows, seed)
	fitFeatures := make([]rules.Feature, len(features))
	for j, f := range features {
		fitFeatures[j] = rules.Feature{Name: f.Name}
		for _, i := range fitRows {
			if f.Text != nil {
				fitFeatures[j].Text = append(fitFeatures[j].Text, f.Text[i])
			} else {
				fitFeatures[j].Numeric = append(fitFeatures[j].Numeric, f.Numeric[i])
			}
		}
	}
	fitLabels := make([]int, len(fitRows))
	for k, i := range fitRows {
		fitLabels[k] = labels[i]
	}
	tree, err := rules.Fit(fitFeatures, fitLabels, rules.Options{MaxDepth: RuleDepth, MinLeaf: max(1, len(fitRows)/50)})
	if err != nil {
		return v, nil // no rule can be drawn (no complete row): the report says nothing of rules
	}
	tree.Recount(features, labels)
	v.Rules, v.RuleAccuracy = tree.BySegment(), tree.Accuracy
	return v, nil
}

// RuleText words a rule's conditions in lang, with feature labels and value words:
// "年用电量 > 3,200 且 采暖方式 = 燃气".
func RuleText(r rules.Rule, lang string) string {
	var parts []string
	for _, c := range r.Conditions {
		label := queries.FeatureLabel(c.Feature, lang)
		switch c.Op {
		case rules.LE, rules.GT:
			op := "≤"
			if c.Op == rules.GT {
				op = ">"
			}
			parts = append(parts, fmt.Sprintf("%s %s %s", label, op, thresholdText(c.Threshold)))
		case rules.Equal:
			parts = append(parts, label+" = "+queries.ValueLabel(c.Feature, c.Value, lang))
		default:
			parts = append(parts, label+" ≠ "+queries.ValueLabel(c.Feature, c.Value, lang))
		}
	}
	if len(parts) == 0 {
		return map[bool]string{true: "全部客户", false: "everyone"}[lang == "zh"]
	}
	return strings.Join(parts, map[bool]string{true: " 且 ", false: " and "}[lang == "zh"])
}

// thresholdText writes a split point with three significant figures and thousands
// separators: 3,200, 4.5, 0.375.
func thresholdText(x float64) string {
	if math.Abs(x) >= 1000 {
		return Thousands(int(math.Round(x)))
	}
	return strconv.FormatFloat(x, 'g', 3, 64)
}

// Thousands writes n with a comma every three digits: 1234567 → "1,234,567".
func Thousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		return "-" + s
	}
	return s
}
