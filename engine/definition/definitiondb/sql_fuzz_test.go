package definitiondb

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/seglab/seglab/engine/definition"

	"github.com/seglab/seglab/engine/prep"
	"github.com/seglab/seglab/engine/sqlgen"
)

// FuzzSQL puts arbitrary segment and route names, filter values and numbers into a fitted
// definition and asks SQL for its scoring SELECT in DuckDB's or Spark's dialect (seeds:
// testdata/fuzz/FuzzSQL). When the definition validates, the SELECT must be produced, and
// DuckDB's must run on the table it scores,
// giving every row exactly one segment: no text breaks out of its quotes. When it does not
// validate, SQL must refuse it too.
func FuzzSQL(f *testing.F) {
	s := session(f)
	synth(f, s, 300, 3)
	base, _, _, _ := fit(f, s, testSpec, 3, 1, nil)
	text, err := definition.Marshal(base)
	if err != nil {
		f.Fatal(err)
	}
	columns := []string{"customer_type", "region", "industry_section", "kwh"}
	f.Fuzz(func(t *testing.T, name, value string, column uint8, num float64, spark bool) {
		d, err := definition.Parse("base.yaml", text)
		if err != nil {
			t.Fatal(err)
		}
		d.Segments[0].Name.EN = name
		d.Segments[1].Description.ZH = value
		// Text columns compare with text, kwh with a number (comparing a text column with a
		// number is a type error of the definition's author, not of the generator).
		col := columns[int(column)%len(columns)]
		var equals any = value
		if col == "kwh" {
			equals = num
		}
		d.Population = prep.Filter{{Column: col, Equals: equals}}
		d.Routes = []definition.Route{{When: prep.Filter{{Column: "kwh", Equals: num}}, Segment: d.K + 1, Name: definition.Text{EN: value, ZH: name}}}
		dialect := sqlgen.DuckDB
		if spark {
			dialect = sqlgen.Spark
		}
		q, err := definition.SQL(d, "wide", dialect, "en")
		if d.Validate() != nil {
			if err == nil {
				t.Fatalf("SQL accepted a definition that does not validate (name %q, value %q, num %v)", name, value, num)
			}
			return
		}
		if err != nil {
			if dialect == sqlgen.Spark && (strings.ContainsRune(name, '\\') || strings.ContainsRune(value, '\\')) {
				return // Spark reads a backslash as an escape: such text is refused
			}
			t.Fatalf("SQL refused a valid definition: %v", err)
		}
		if dialect != sqlgen.DuckDB {
			return // only DuckDB's definition.SQL can be run here
		}
		var rows, scored int64
		if err := s.DB().QueryRowContext(context.Background(),
			"SELECT count(*), count(segment) FROM ("+q+")").Scan(&rows, &scored); err != nil {
			t.Fatalf("the generated SQL does not run: %v\nname %q value %q num %v", err, name, value, num)
		}
		if rows != 300 || scored != 300 {
			t.Fatalf("the generated SQL scored %d of %d rows; want 300 of 300", scored, rows)
		}
		if math.IsNaN(num) {
			t.Fatal("a NaN filter value validated")
		}
	})
}
