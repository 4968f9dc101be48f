package profiledb

import (
	"context"
	"database/sql"
	"fmt"
	"math"

	"github.com/seglab/seglab/engine/profile"
	"github.com/seglab/seglab/queries"
)

// satisfactionOutage reads the reference population and, when the table has a region
// column, every segment × region cell, and has engine/profile place every segment on the
// satisfaction-versus-outage chart. It does nothing when the table lacks a numeric
// satisfaction or outage column.
func satisfactionOutage(ctx context.Context, db *sql.DB, p sqlParams, tableCols []columnType, o profile.Options, r *profile.Result) error {
	if r.NumericColumn(o.Satisfaction) == nil || r.NumericColumn(o.Outages) == nil {
		return nil
	}
	p.Satisfaction, p.Outages = queries.Ident(o.Satisfaction), queries.Ident(o.Outages)
	var ref profile.Reference
	var args []any
	if o.Reference != nil {
		if err := requireColumns(o.Table, tableCols, o.Reference.Column); err != nil {
			return err
		}
		p.RefColumn = queries.Ident(o.Reference.Column)
		ref.Filter = o.Reference.Column + " = " + o.Reference.Value
		args = append(args, o.Reference.Value)
	}
	if err := loadReference(ctx, db, p, args, &ref); err != nil {
		return err
	}
	var regions []profile.RegionCell
	if hasColumn(tableCols, o.Region) {
		p.Region = queries.Ident(o.Region)
		var err error
		if regions, err = loadRegions(ctx, db, p); err != nil {
			return err
		}
	}
	r.SatisfactionOutage = profile.NewSatisfactionOutage(r, o, ref, regions)
	return nil
}

func loadReference(ctx context.Context, db *sql.DB, p sqlParams, args []any, ref *profile.Reference) error {
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
	ref.OutageRatio = profile.Number(outages / float64(ref.Customers))
	ref.Satisfaction = profile.Number(nullFloat(mean))
	return nil
}

// loadRegions reads every segment × region cell, by segment then region.
func loadRegions(ctx context.Context, db *sql.DB, p sqlParams) ([]profile.RegionCell, error) {
	rows, err := query(ctx, db, "regions.sql", p)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var regions []profile.RegionCell
	for rows.Next() {
		var c profile.RegionCell
		var mean, variance sql.NullFloat64
		var outages float64
		if err := rows.Scan(&c.Segment, &c.Region, &c.Customers, &c.Answers, &mean, &variance, &outages); err != nil {
			return nil, fmt.Errorf("profile: regions: %w", err)
		}
		c.Satisfaction = profile.Number(nullFloat(mean))
		_, hw := profile.MeanCI(c.Answers, math.Sqrt(nullFloat(variance)))
		c.HalfWidth = profile.Number(hw)
		c.OutageRatio = profile.Number(outages / float64(c.Customers))
		regions = append(regions, c)
	}
	return regions, rows.Err()
}
