package profile

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// NumericColumn returns the profile of the named numeric column, or nil.
func (r *Result) NumericColumn(column string) *NumericProfile {
	for i := range r.Numeric {
		if r.Numeric[i].Column == column {
			return &r.Numeric[i]
		}
	}
	return nil
}

// CategoricalColumn returns the profile of the named categorical column, or nil.
func (r *Result) CategoricalColumn(column string) *CategoricalProfile {
	for i := range r.Categorical {
		if r.Categorical[i].Column == column {
			return &r.Categorical[i]
		}
	}
	return nil
}

// MeanCI returns the sample standard deviation and the half-width of the 95 % t confidence
// interval of a mean of n values with population standard deviation sdPop; NaN for n < 2.
func MeanCI(n int, sdPop float64) (sd, halfWidth float64) {
	if n < 2 {
		return nan, nan
	}
	sd = sdPop * math.Sqrt(float64(n)/float64(n-1))
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(n - 1)}.Quantile(0.975)
	return sd, t * sd / math.Sqrt(float64(n))
}

// surveyCoverage reports, per segment, how many customers answered the survey and how
// precise their mean satisfaction is.
func surveyCoverage(r *Result, o Options) {
	np := r.NumericColumn(o.Satisfaction)
	if np == nil {
		return
	}
	for j, seg := range r.Segments {
		s := np.Segments[j]
		sd, hw := MeanCI(s.Count, float64(s.SD))
		c := SurveyCoverage{Segment: seg.ID, Customers: seg.Customers, Answers: s.Count,
			Coverage: Number(float64(s.Count) / float64(seg.Customers)), Mean: s.Mean,
			SD: Number(sd), HalfWidth: Number(hw), Low: s.Mean - Number(hw), High: s.Mean + Number(hw)}
		switch {
		case s.Count < o.MinAnswers:
			c.TooFew, c.Reason = true, fmt.Sprintf("only %d answers (fewer than %d)", s.Count, o.MinAnswers)
		case hw > o.MaxHalfWidth:
			c.TooFew, c.Reason = true, fmt.Sprintf("95%% CI half-width %.2f above %.2f", hw, o.MaxHalfWidth)
		}
		r.Survey = append(r.Survey, c)
	}
}
