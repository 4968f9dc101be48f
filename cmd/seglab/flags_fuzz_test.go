package main

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/seglab/seglab/engine/inputerr"
	"github.com/seglab/seglab/engine/prep"
	"github.com/seglab/seglab/engine/source"
	"github.com/seglab/seglab/engine/workspace"
	"github.com/seglab/seglab/queries"
)

// fuzzColumns is a wide table's columns for the flag parsers: numeric, categorical, an id,
// Chinese and punctuated names.
var fuzzColumns = []source.Column{
	{Name: "customer_id", Kind: queries.KindID},
	{Name: "annual_kwh", Kind: queries.KindNumeric},
	{Name: "peak_share", Kind: queries.KindNumeric},
	{Name: "region", Kind: queries.KindCategorical},
	{Name: "年用电量", Kind: queries.KindNumeric},
	{Name: "客户类型", Kind: queries.KindCategorical},
	{Name: "a b:c,d=e", Kind: queries.KindNumeric},
}

// flagRefusal reports whether err is how the parsers refuse: a usage error or an input error.
func flagRefusal(err error) bool {
	var ue *usageError
	return errors.As(err, &ue) || inputerr.Is(err)
}

// FuzzParseDims gives the --dims parser arbitrary text (seeds: testdata/fuzz/FuzzParseDims). It
// must never panic; a refusal is a usage or input error; what it accepts names existing,
// non-identifier columns once each, with positive finite weights and winsorising quantiles
// 0 ≤ low < high ≤ 1.
func FuzzParseDims(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		specs, err := parseDims(s, fuzzColumns)
		if err != nil {
			if !flagRefusal(err) {
				t.Fatalf("parseDims(%q): refusal %v is neither a usage nor an input error", s, err)
			}
			return
		}
		seen := map[string]bool{}
		for _, d := range specs {
			c, err := source.Find(fuzzColumns, d.Column)
			if err != nil || c.Kind == queries.KindID || seen[d.Column] {
				t.Fatalf("parseDims(%q) accepted column %q", s, d.Column)
			}
			seen[d.Column] = true
			if d.Weight != 0 && (!(d.Weight > 0) || math.IsInf(d.Weight, 0)) {
				t.Fatalf("parseDims(%q) accepted weight %v", s, d.Weight)
			}
			if d.Transform == prep.Winsorize && !(0 <= d.WinsorLow && d.WinsorLow < d.WinsorHigh && d.WinsorHigh <= 1) {
				t.Fatalf("parseDims(%q) accepted quantiles %v/%v", s, d.WinsorLow, d.WinsorHigh)
			}
		}
	})
}

// FuzzParseFilters gives the --filter parser arbitrary conditions, one a line (seeds:
// testdata/fuzz/FuzzParseFilters). It must never panic; a refusal is a usage or input error;
// what it accepts names existing columns, compares numeric columns with finite numbers, and
// validates.
func FuzzParseFilters(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		items := strings.Split(s, "\n")
		filter, err := parseFilters(items, func(column, value string) (prep.Condition, error) {
			return workspace.ConditionOn(fuzzColumns, column, value)
		})
		if err != nil {
			if !flagRefusal(err) {
				t.Fatalf("parseFilters(%q): refusal %v is neither a usage nor an input error", items, err)
			}
			return
		}
		for _, c := range filter {
			col, err := source.Find(fuzzColumns, c.Column)
			if err != nil {
				t.Fatalf("parseFilters(%q) accepted column %q", items, c.Column)
			}
			if v, ok := c.Equals.(float64); ok && (col.Kind != queries.KindNumeric || math.IsNaN(v) || math.IsInf(v, 0)) {
				t.Fatalf("parseFilters(%q) accepted %v for column %s", items, v, c.Column)
			}
		}
		if err := filter.Validate(); err != nil {
			t.Fatalf("parseFilters(%q) accepted a filter that does not validate: %v", items, err)
		}
	})
}
