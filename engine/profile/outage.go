package profile

import "math"

// NewSatisfactionOutage places every segment of r on the satisfaction-versus-outage chart
// against the reference population ref, and marks in regions (segment × region cells, by
// segment then region) each segment's best region: the one with the highest mean
// satisfaction among those with at least o.MinAnswers answers, ties to the one listed first.
// It returns nil when r has no numeric profile of o.Satisfaction or of o.Outages. o is taken
// as it is: give it its defaults first (Options.WithDefaults).
func NewSatisfactionOutage(r *Result, o Options, ref Reference, regions []RegionCell) *SatisfactionOutage {
	sat, out := r.NumericColumn(o.Satisfaction), r.NumericColumn(o.Outages)
	if sat == nil || out == nil {
		return nil
	}
	so := &SatisfactionOutage{Reference: ref, MinAnswers: o.MinAnswers, Regions: regions}
	refX, refY := float64(ref.OutageRatio), float64(ref.Satisfaction)
	for j, seg := range r.Segments {
		os := out.Segments[j]
		pt := OutagePoint{Segment: seg.ID, Customers: seg.Customers, Answers: sat.Segments[j].Count,
			OutageRatio:  Number(outageRatio(float64(os.Mean), os.Count, seg.Customers)),
			Satisfaction: sat.Segments[j].Mean}
		pt.Quadrant = quadrant(float64(pt.OutageRatio), float64(pt.Satisfaction), refX, refY)
		names := quadrantNames[pt.Quadrant]
		pt.QuadrantEN, pt.QuadrantZH = names[0], names[1]
		so.Points = append(so.Points, pt)
	}
	for j := range so.Points {
		best := -1
		for i, c := range so.Regions {
			if c.Segment == so.Points[j].Segment && c.Answers >= o.MinAnswers &&
				(best < 0 || c.Satisfaction > so.Regions[best].Satisfaction) {
				best = i
			}
		}
		if best >= 0 {
			so.Regions[best].Best = true
			so.Points[j].BestRegion = so.Regions[best].Region
		}
	}
	return so
}

// outageRatio is outages per customer: the summed outages (mean × non-missing count) over
// all customers of the group; a missing outage count adds nothing.
func outageRatio(mean float64, count, customers int) float64 {
	if customers == 0 {
		return nan
	}
	if count == 0 {
		return 0
	}
	return mean * float64(count) / float64(customers)
}

// quadrant names where a point (x outage ratio, y satisfaction) falls against the reference
// lines: many outages when x > refX, satisfied when y ≥ refY.
func quadrant(x, y, refX, refY float64) string {
	if math.IsNaN(x) || math.IsNaN(y) || math.IsNaN(refX) || math.IsNaN(refY) {
		return QuadrantUnknown
	}
	switch many, satisfied := x > refX, y >= refY; {
	case many && satisfied:
		return ManyOutagesSatisfied
	case many:
		return ManyOutagesUnsatisfied
	case satisfied:
		return FewOutagesSatisfied
	default:
		return FewOutagesUnsatisfied
	}
}
