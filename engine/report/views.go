package report

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/seglab/seglab/engine/definition"
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
	ruleDepth      = 3      // rules of at most three conditions
)

// SegmentViews are the views of the segments a workshop reads beside the profile.
type SegmentViews struct {
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

// segmentViews computes silhouettes per segment, the map and the rules for the prepared
// population pr of table (its rows in the data's units) with labels[i] the segment of
// matrix row i.
func segmentViews(ctx context.Context, d *definition.Definition, table prep.Table, pr *prep.Prepared, labels []int) (*SegmentViews, error) {
	v := &SegmentViews{Fitted: pr.N, Silhouettes: map[int]float64{}}
	seed := d.Algorithm.Seed
	sample := metrics.StratifiedSample(labels, viewSampleRows, seed)
	v.SampleRows = len(sample)
	sil, err := metrics.SegmentSilhouettes(ctx, pr.X, pr.D, labels, d.K+1, sample)
	if err != nil {
		return nil, err
	}
	for id := 1; id <= d.K; id++ {
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
	for _, dim := range d.Preprocessing.Dims {
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
	tree, err := rules.Fit(fitFeatures, fitLabels, rules.Options{MaxDepth: ruleDepth, MinLeaf: max(1, len(fitRows)/50)})
	if err != nil {
		return v, nil // no rule can be drawn (no complete row): the report says nothing of rules
	}
	tree.Recount(features, labels)
	v.Rules, v.RuleAccuracy = tree.BySegment(), tree.Accuracy
	return v, nil
}

// ruleText words a rule's conditions in lang, with feature labels and value words:
// "年用电量 > 3,200 且 采暖方式 = 燃气".
func ruleText(r rules.Rule, lang string) string {
	var parts []string
	for _, c := range r.Conditions {
		label := columnLabel(c.Feature, lang)
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
		return tr(lang, "rule.everyone")
	}
	return strings.Join(parts, tr(lang, "rule.and"))
}

// thresholdText writes a split point with three significant figures and thousands
// separators: 3,200, 4.5, 0.375.
func thresholdText(x float64) string {
	if math.Abs(x) >= 1000 {
		return intText(int(math.Round(x)))
	}
	return strconv.FormatFloat(x, 'g', 3, 64)
}
