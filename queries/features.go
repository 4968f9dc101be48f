package queries

import (
	_ "embed"
	"fmt"
	"strings"
)

// Feature describes one column of the customer wide table, in both languages.
type Feature struct {
	Name      string // column name in table wide, snake_case English
	LabelZH   string // short Chinese label, e.g. 年用电量
	LabelEN   string // short English label, e.g. Annual consumption
	MeaningEN string // what the value means, in English
	MeaningZH string // what the value means, in Chinese
	Unit      string // kWh, 元, %, days, count, score…; empty for ids and categories
	Sources   []string
	Kind      Kind
}

// Kind says how a feature may be used: as an identifier, a category or a number.
type Kind string

// The kinds of feature.
const (
	KindID          Kind = "id"
	KindCategorical Kind = "categorical"
	KindNumeric     Kind = "numeric"
)

//go:embed features.tsv
var featuresTSV string

var features = mustParseFeatures(featuresTSV)

// Features returns the feature catalogue, one entry per column of table wide, in column
// order. The slice is a fresh copy; callers may modify it.
func Features() []Feature {
	out := make([]Feature, len(features))
	for i, f := range features {
		f.Sources = append([]string(nil), f.Sources...)
		out[i] = f
	}
	return out
}

// FeatureByName returns the catalogue entry for the wide-table column name.
func FeatureByName(name string) (Feature, bool) {
	for _, f := range features {
		if f.Name == name {
			f.Sources = append([]string(nil), f.Sources...)
			return f, true
		}
	}
	return Feature{}, false
}

// mustParseFeatures parses the embedded catalogue and panics if it is malformed: the file is
// part of the program, so a fault in it is a programming error caught by the tests.
func mustParseFeatures(tsv string) []Feature {
	fs, err := parseFeatures(tsv)
	if err != nil {
		panic("queries: features.tsv: " + err.Error())
	}
	return fs
}

// exportKinds are the kinds of raw export a feature can come from (EXPORTS.md).
var exportKinds = map[string]bool{"customers": true, "billing": true, "payments": true,
	"outages": true, "tickets": true, "survey": true}

// parseFeatures reads a tab-separated catalogue whose first line is the header
// name, label_zh, label_en, meaning_en, meaning_zh, unit, source, kind.
func parseFeatures(tsv string) ([]Feature, error) {
	const header = "name\tlabel_zh\tlabel_en\tmeaning_en\tmeaning_zh\tunit\tsource\tkind"
	lines := strings.Split(strings.TrimRight(tsv, "\n"), "\n")
	if len(lines) == 0 || lines[0] != header {
		return nil, fmt.Errorf("line 1: header must be %q", header)
	}
	seen := map[string]bool{}
	var out []Feature
	for i, line := range lines[1:] {
		n := i + 2
		cols := strings.Split(line, "\t")
		if len(cols) != 8 {
			return nil, fmt.Errorf("line %d: %d fields, want 8", n, len(cols))
		}
		f := Feature{Name: cols[0], LabelZH: cols[1], LabelEN: cols[2], MeaningEN: cols[3],
			MeaningZH: cols[4], Unit: cols[5], Kind: Kind(cols[7])}
		for _, s := range strings.Split(cols[6], ",") {
			s = strings.TrimSpace(s)
			if !exportKinds[s] {
				return nil, fmt.Errorf("line %d: source %q is not an export kind", n, s)
			}
			f.Sources = append(f.Sources, s)
		}
		switch {
		case f.Name == "" || f.LabelZH == "" || f.LabelEN == "" || f.MeaningEN == "" || f.MeaningZH == "":
			return nil, fmt.Errorf("line %d: name, labels and meanings must not be empty", n)
		case seen[f.Name]:
			return nil, fmt.Errorf("line %d: feature %q listed twice", n, f.Name)
		case f.Kind != KindID && f.Kind != KindCategorical && f.Kind != KindNumeric:
			return nil, fmt.Errorf("line %d: kind %q is not id, categorical or numeric", n, f.Kind)
		}
		seen[f.Name] = true
		out = append(out, f)
	}
	return out, nil
}

// FeatureLabel returns a wide-table column's label in lang ("zh" for Chinese, anything else
// English), or the column's own name when it is not one of the contract's features (a
// user's column is labelled by its header).
func FeatureLabel(column, lang string) string {
	f, ok := FeatureByName(column)
	switch {
	case !ok:
		return column
	case lang == "zh":
		return f.LabelZH
	}
	return f.LabelEN
}
