package profile

import (
	"math"

	"github.com/seglab/seglab/engine/stattest"
)

// NewSummary summarises the count non-missing values of a numeric column in one group from
// aggregates computed elsewhere: shiftedMean is their mean minus shift (the column's overall
// mean, so that differences of means stay exact), variance their population variance, and
// positives and negatives how many are above and below zero. NaN stands for an aggregate of
// no values.
func NewSummary(count int, shift, shiftedMean, variance float64, quartiles [3]float64, positives, negatives int) Summary {
	s := Summary{Count: count, Q1: Number(quartiles[0]), Median: Number(quartiles[1]), Q3: Number(quartiles[2]),
		PositiveShare: Number(nan), NegativeShare: Number(nan), shifted: shiftedMean}
	s.Mean = Number(shift + s.shifted)
	s.SD = Number(math.Sqrt(variance))
	s.ss = variance * float64(count)
	if count > 0 {
		s.PositiveShare = Number(float64(positives) / float64(count))
		s.NegativeShare = Number(float64(negatives) / float64(count))
	}
	return s
}

// NewNumericProfile compares the segments' summaries of column c (from NewSummary, in the
// order of Result.Segments) with the population's: each segment's index and standardised
// difference, and the one-way ANOVA across segments.
func NewNumericProfile(c Column, overall Summary, segments []SegmentSummary) NumericProfile {
	np := NumericProfile{Column: c.Name, LabelEN: c.labelEN(), LabelZH: c.labelZH(), Overall: overall, Segments: segments}
	compareNumeric(&np)
	return np
}

// compareNumeric fills in each segment's index and standardised difference and the ANOVA.
func compareNumeric(np *NumericProfile) {
	mean, shifted, sd := float64(np.Overall.Mean), np.Overall.shifted, float64(np.Overall.SD)
	groups := make([]stattest.Group, len(np.Segments))
	for j := range np.Segments {
		s := &np.Segments[j]
		s.Index, s.StdDiff = Number(nan), Number(nan)
		if s.Count > 0 && mean != 0 {
			s.Index = Number(float64(s.Mean) / mean * 100)
		}
		if s.Count > 0 && sd > 0 {
			s.StdDiff = Number((s.shifted - shifted) / sd)
		}
		if s.Count > 0 {
			// Shifted means: the F test is shift-invariant and the differences stay exact.
			groups[j] = stattest.Group{N: float64(s.Count), Mean: s.shifted, SS: s.ss}
		}
	}
	a := stattest.OneWayANOVA(groups)
	np.ANOVA = ANOVA{F: Number(a.F), P: Number(a.P), EtaSquared: Number(a.EtaSquared),
		DFBetween: Number(a.DFBetween), DFWithin: Number(a.DFWithin)}
}
