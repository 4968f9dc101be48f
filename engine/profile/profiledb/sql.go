package profiledb

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"strings"
	"text/template"

	"github.com/seglab/seglab/queries"
)

// templates holds queries/profile/*.sql, parsed once.
var templates = template.Must(template.New("profile").ParseFS(queries.ProfileTemplates(), "*.sql"))

// sqlParams are the identifiers a template may use, each already quoted.
type sqlParams struct {
	Table, Assignments, ID        string
	Relation                      string
	HasName                       bool
	Numeric, Categorical          []string
	Region, Satisfaction, Outages string
	RefColumn                     string
	// QuartileSample, when N > 0, computes quartiles on the customers whose id hashes to 0
	// modulo N (a deterministic sample); 0 means exact quartiles over everyone.
	QuartileSample int
}

// render fills in the named template.
func render(name string, p sqlParams) (string, error) {
	var b strings.Builder
	if err := templates.ExecuteTemplate(&b, name, p); err != nil {
		return "", fmt.Errorf("profile: query %s: %w", name, err)
	}
	return b.String(), nil
}

// query renders the named template and runs it with args bound as parameters.
func query(ctx context.Context, db *sql.DB, name string, p sqlParams, args ...any) (*sql.Rows, error) {
	q, err := render(name, p)
	if err != nil {
		return nil, err
	}
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("profile: %s: %w", strings.TrimSuffix(name, ".sql"), err)
	}
	return rows, nil
}

// nullFloat turns a NULL into NaN.
func nullFloat(v sql.NullFloat64) float64 {
	if !v.Valid {
		return math.NaN()
	}
	return v.Float64
}
