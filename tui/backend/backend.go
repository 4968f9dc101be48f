// Package backend is what the workbench screens need from the engine, stated as small
// interfaces and plain values so that screens can be built and tested without DuckDB. An
// adapter over the engine packages implements Opener and Session.
package backend

import (
	"context"
	"errors"
	"regexp"
	"strings"

	"github.com/seglab/seglab/engine/definition"
	"github.com/seglab/seglab/tui/task"
)

// Opener opens the exports at paths (the built-in sample when paths is empty), builds the
// customer wide table and returns the session. It reports each step through report and stops
// with ctx's error when ctx is cancelled.
type Opener func(ctx context.Context, paths []string, report task.Report) (Session, error)

// Session is an open workspace: the loaded tables and the wide table built from them. Its
// methods may be called from several background commands at once.
type Session interface {
	// Source names where the data came from, for the status bar ("built-in sample",
	// "3 files").
	Source() string
	// Tables lists the tables of the session: the raw exports first, the wide table last.
	Tables() []Table
	// Describe summarises every column of table.
	Describe(ctx context.Context, table string) ([]Column, error)
	// Preview returns the first limit rows of table as text.
	Preview(ctx context.Context, table string, limit int) (Rows, error)
	// Features lists the wide table's feature catalogue, in catalogue order.
	Features() []Feature
	// Count returns how many customers of the wide table belong to pop.
	Count(ctx context.Context, pop Population) (int64, error)
	// Correlation returns the Pearson correlation matrix of the given wide-table features
	// over the customers of pop, each feature transformed as given. Rows with a missing
	// value in either feature of a pair are left out of that pair.
	Correlation(ctx context.Context, dims []Dimension, pop Population) ([][]float64, error)
	// Close releases the session.
	Close() error
}

// Warner is implemented by sessions whose loading found doubtful data it went ahead with
// (satisfaction on another scale, durations in hours, totals rows, repeated ids …).
type Warner interface {
	// Warnings says each in lang ("en" or "zh"), with its file and count.
	Warnings(lang string) []string
}

// Contractor is implemented by sessions that can state the export contract: the kinds of
// raw export seglab recognises and their columns.
type Contractor interface {
	Contract() []ExportKind
}

// ExportKind is one kind of raw export as the contract states it.
type ExportKind struct {
	Kind, Title string // "billing", "电费账单"
	Columns     []ExportField
}

// ExportField is one column of an export kind.
type ExportField struct {
	Name, Chinese string
	Also          []string // other accepted wordings
	Type          string   // what the values are, in words
	Required      bool
}

// Table is one table or view of a session.
type Table struct {
	Name string // as queried: raw_customers, wide, …
	Kind string // the export kind (customers, billing, …); "wide" for the wide table; "" if unrecognised
	Rows int64
}

// Column summarises one column of a table.
type Column struct {
	Name      string
	Type      string  // DuckDB type name
	NullShare float64 // share of rows with no value, 0–1
	Distinct  int64   // distinct values: counted, or estimated when DistinctEstimated
	// DistinctEstimated says Distinct is an estimate (a column with many values).
	DistinctEstimated bool
	Min, Max          string // as text; empty when the column has no values
}

// Rows is a block of table rows rendered as text.
type Rows struct {
	Columns []string
	Values  [][]string
}

// Feature is one column of the wide table as the catalogue describes it.
type Feature struct {
	Name    string // column name in the wide table
	LabelEN string
	LabelZH string
	Unit    string
	// Categorical features (region, housing …) enter clustering one-hot, with a weight and
	// no transform.
	Categorical bool
}

// Transform is how a dimension is transformed before clustering.
type Transform int

// The transforms, in the order the Dimensions screen cycles through them.
const (
	TransformNone      Transform = iota
	TransformLog1p               // log(1+x), for skewed non-negative amounts
	TransformWinsorise           // clip to the 1st and 99th percentiles
	transformCount
)

// Next returns the transform after t, wrapping around.
func (t Transform) Next() Transform { return (t + 1) % transformCount }

// Dimension is a feature chosen for segmentation with its transform.
type Dimension struct {
	Name      string
	Transform Transform
	Weight    float64 // how much the dimension counts; 0 means 1
}

// PopulationKind says which customers are segmented.
type PopulationKind int

// The population kinds, in the order the Data screen cycles through them.
const (
	Everyone     PopulationKind = iota
	Residential                 // customer_class 居民生活
	Business                    // every other customer class
	ColumnEquals                // Column = Value
)

// Population is the set of customers to segment.
type Population struct {
	Kind   PopulationKind
	Column string // for ColumnEquals: a wide-table column
	Value  string // for ColumnEquals: the value it must have, compared as text
	// Text, for ColumnEquals, is the filter as the user wrote it when it joins several
	// conditions by AND (SplitConditions); Column and Value then hold the first of them.
	Text string
}

// ColumnValue is one condition COLUMN = VALUE of a population filter.
type ColumnValue struct{ Column, Value string }

// conditionJoin separates the conditions of a population filter: AND in any letter case
// between spaces, 且, 并且, && or &.
var conditionJoin = regexp.MustCompile(`(?i)\s+and(?:\s+|$)|\s*(?:&&|&|并且|且)\s*`)

// SplitConditions reads a population filter of conditions COLUMN = VALUE joined by AND (or
// 且, &), each column named as shown on screen, with surrounding spaces trimmed. ok is false
// when a part is not COLUMN = VALUE with a column.
func SplitConditions(text string) (conds []ColumnValue, ok bool) {
	for _, part := range conditionJoin.Split(strings.TrimSpace(text), -1) {
		col, val, found := strings.Cut(part, "=")
		col, val = strings.TrimSpace(col), strings.TrimSpace(val)
		if !found || col == "" {
			return nil, false
		}
		conds = append(conds, ColumnValue{col, val})
	}
	return conds, len(conds) > 0
}

// NextPreset returns the preset population after p (everyone, residential, business),
// wrapping around; a column filter is followed by everyone.
func (p Population) NextPreset() Population {
	k := p.Kind + 1
	if k >= ColumnEquals {
		k = Everyone
	}
	return Population{Kind: k}
}

// ErrUnavailable is returned by an Opener when this build has no data engine to open with.
var ErrUnavailable = errors.New("the data engine is not part of this build yet")

// Drafter builds the definition of a segmentation.
type Drafter interface {
	// Draft returns the definition of seg to be saved at defPath, built by the engine as
	// seglab cluster --save builds it: one fit gives one definition.
	Draft(ctx context.Context, seg *Segmentation, defPath string) (*definition.Definition, error)
}

// Definer is implemented by sessions that can work with saved segment definitions over the
// open data. Its methods may be called from background commands.
type Definer interface {
	Drafter
	// VerifyDefinition compares d's sources (d saved at defPath) with the open files.
	VerifyDefinition(defPath string, d *definition.Definition) ([]definition.SourceCheck, error)
	// ScoreDefinition gives every customer of the open data one segment id with d and
	// writes the assignments to out (.csv or .parquet), names in lang ("en" or "zh").
	ScoreDefinition(ctx context.Context, d *definition.Definition, out, lang string) (*definition.Scores, error)
	// ReportDefinition writes the HTML workshop report of d (saved at defPath) over the
	// open data to out, in lang.
	ReportDefinition(ctx context.Context, d *definition.Definition, defPath, out, lang string, report task.Report) error
	// DataDirs lists the folders of the opened files (none for the built-in sample).
	DataDirs() []string
}
