package profile

import (
	"context"
	"database/sql"
	"fmt"
	"math"

	"github.com/seglab/seglab/queries"
)

// satisfactionOutage places every segment on the satisfaction-versus-outage chart against
// the reference population and compares each segment across regions. It does nothing when the
// table lacks a numeric satisfaction or outage column.
func satisfactionOutage(ctx context.Context, db *sql.DB, p sqlParams, tableCols []columnType, o Options, r *Result) error {
	sat, out := r.numericProfile(o.Satisfaction), r.numericProfile(o.Outages)
	if sat == nil || out == nil {
		return nil
	}
	p.Satisfaction, p.Outages = queries.Ident(o.Satisfaction), queries.Ident(o.Outages)
	so := &SatisfactionOutage{MinAnswers: o.MinAnswers}
	var args []any
	if o.Reference != nil {
		if err := requireColumns(o.Table, tableCols, o.Reference.Column); err != nil {
			return err
		}
		p.RefColumn = queries.Ident(o.Reference.Column)
		so.Reference.Filter = o.Reference.Column + " = " + o.Reference.Value
		args = append(args, o.Reference.Value)
	}
	if err := loadReference(ctx, db, p, args, &so.Reference); err != nil {
		return err
	}
	refX, refY := float64(so.Reference.OutageRatio), float64(so.Reference.Satisfaction)
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
	if hasColumn(tableCols, o.Region) {
		p.Region = queries.Ident(o.Region)
		if err := loadRegions(ctx, db, p, o.MinAnswers, r, so); err != nil {
			return err
		}
	}
	r.SatisfactionOutage = so
	return nil
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

func loadReference(ctx context.Context, db *sql.DB, p sqlParams, args []any, ref *Reference) error {
	rows, err := query(ctx, db, "reference.sql", p, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var outages float64
	var mean sql.NullFloat64
	if rows.Next() {
		if err := rows.Scan(&ref.Customers, &outages, &ref.Answers, &mean); err != nil {
			return fmt.Errorf("profile: reference: %w", err)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if ref.Customers == 0 {
		return fmt.Errorf("the reference population %s has no customers", ref.Filter)
	}
	ref.OutageRatio = Number(outages / float64(ref.Customers))
	ref.Satisfaction = Number(nullFloat(mean))
	return nil
}

// loadRegions fills so.Regions with every segment × region cell and marks, per segment, the
// region with the highest mean satisfaction among those with at least minAnswers answers
// (ties go to the region that sorts first).
func loadRegions(ctx context.Context, db *sql.DB, p sqlParams, minAnswers int, r *Result, so *SatisfactionOutage) error {
	rows, err := query(ctx, db, "regions.sql", p)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var c RegionCell
		var mean, variance sql.NullFloat64
		var outages float64
		if err := rows.Scan(&c.Segment, &c.Region, &c.Customers, &c.Answers, &mean, &variance, &outages); err != nil {
			return fmt.Errorf("profile: regions: %w", err)
		}
		c.Satisfaction = Number(nullFloat(mean))
		_, hw := meanCI(c.Answers, math.Sqrt(nullFloat(variance)))
		c.HalfWidth = Number(hw)
		c.OutageRatio = Number(outages / float64(c.Customers))
		so.Regions = append(so.Regions, c)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for j := range so.Points {
		best := -1
		for i, c := range so.Regions {
			if c.Segment == so.Points[j].Segment && c.Answers >= minAnswers &&
				(best < 0 || c.Satisfaction > so.Regions[best].Satisfaction) {
				best = i
			}
		}
		if best >= 0 {
			so.Regions[best].Best = true
			so.Points[j].BestRegion = so.Regions[best].Region
		}
	}
	return nil
}
