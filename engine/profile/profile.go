// Package profile describes the segments of a segmentation: what makes each segment
// different from the whole population (numeric summaries with index and standardised
// difference, category shares with lift, ANOVA and chi-square), a short generated description
// in English and Chinese, survey coverage, the satisfaction-versus-outage chart overall and per
// region, and the business opportunities that stand out.
//
// This package holds the result types and the statistics computed from per-segment
// aggregates; it runs no SQL, so that front ends can show a Result without reaching
// database/sql. The aggregation itself runs in DuckDB, in engine/profile/profiledb (GROUP BY
// segment with GROUPING SETS for the population), so a million customers take seconds; Go
// only combines the summaries. The tests are descriptive: the segments were built to differ
// (see DescriptiveNoteEN).
package profile

import "github.com/seglab/seglab/engine/roles"

// Options says what to profile. The zero value profiles table "wide" against relation
// "assignments" joined on customer_id, with the thresholds documented on each field.
type Options struct {
	Table       string   // customer table, one row per customer; default "wide"
	Assignments string   // relation with the ID column and segment (integer ≥ 1), optional segment_name; default "assignments"
	ID          string   // id column in both; default "customer_id"
	Columns     []Column // kinds and labels of the table's columns; nil: profiledb.CatalogueColumns

	Satisfaction string // survey column; default "satisfaction"
	Outages      string // outages in 12 months; default "outages_12m"
	Region       string // region column; default "region"
	// Reference, when set, draws the chart's reference lines at the averages of the customers
	// whose Reference.Column equals Reference.Value instead of all customers.
	Reference *Filter

	MinAnswers   int     // survey answers for a mean to count; default 30
	MaxHalfWidth float64 // largest acceptable 95 % CI half-width of mean satisfaction; default 0.5
	MaxTraits    int     // traits in a description; default 4
	MinScore     float64 // smallest trait score (standardised difference) worth naming; default 0.3
	MinShare     float64 // smallest in-segment share of a category named "mostly"; default 0.4
	MinLift      float64 // smallest lift of a category named "mostly"; default 1.2
	FlagRatio    float64 // segment rate / population rate that flags an opportunity; default 1.5
	FlagGap      float64 // satisfaction this far below the population is flagged; default 0.5
	MaxValues    int     // categorical columns with more distinct values are skipped; default 50
	// ExactQuartiles is the number of customers up to which quartiles and medians are exact;
	// above it they come from a deterministic sample of about that many customers (by hash
	// of the id). Means, variances, indexes and the ANOVA always use every customer.
	// Default 250,000.
	ExactQuartiles int
}

// Filter selects customers whose column, read as text, equals a value.
type Filter struct{ Column, Value string }

// WithDefaults returns o with every zero field set to its documented default.
func (o Options) WithDefaults() Options {
	def := func(s *string, v string) {
		if *s == "" {
			*s = v
		}
	}
	def(&o.Table, "wide")
	def(&o.Assignments, "assignments")
	// The roles' canonical names: a user's own headers are shown under them in wide.
	def(&o.ID, roles.CustomerID)
	def(&o.Satisfaction, roles.Satisfaction)
	def(&o.Outages, roles.Outages12m)
	def(&o.Region, roles.Region)
	defF := func(f *float64, v float64) {
		if *f <= 0 {
			*f = v
		}
	}
	defF(&o.MaxHalfWidth, 0.5)
	defF(&o.MinScore, 0.3)
	defF(&o.MinShare, 0.4)
	defF(&o.MinLift, 1.2)
	defF(&o.FlagRatio, 1.5)
	defF(&o.FlagGap, 0.5)
	if o.MinAnswers <= 0 {
		o.MinAnswers = 30
	}
	if o.MaxTraits <= 0 {
		o.MaxTraits = 4
	}
	if o.MaxValues <= 0 {
		o.MaxValues = 50
	}
	if o.ExactQuartiles <= 0 {
		o.ExactQuartiles = 250_000
	}
	return o
}

// Interpret says what the figures of r mean, with o's thresholds (give o its defaults first,
// Options.WithDefaults): each segment's strongest traits and its descriptions in English and
// Chinese (numeric lists the profiled numeric columns, for their Countable wording), the survey
// coverage of o.Satisfaction, and the opportunities that stand out.
func Interpret(r *Result, numeric []Column, o Options) {
	describe(r, numeric, o)
	surveyCoverage(r, o)
	opportunities(r, o)
}
