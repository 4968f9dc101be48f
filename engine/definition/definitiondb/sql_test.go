package definitiondb

import (
	"context"
	"testing"

	"github.com/seglab/seglab/engine/definition"

	"github.com/seglab/seglab/engine/sqlgen"
)

// The SQL that seglab sql prints, run in DuckDB, gives every one of 100,000 customers the
// same segment and name as the Go scoring, in the duckdb dialect.
func TestSQLAgreesWithGoOnEveryRow(t *testing.T) {
	n := 100_000
	if testing.Short() {
		n = 10_000
	}
	ctx := context.Background()
	s := session(t)
	synth(t, s, n, 1)
	d, _, _, _ := fit(t, s, testSpec, 4, 7, testRoutes)
	sc, err := Score(ctx, s, d)
	if err != nil {
		t.Fatal(err)
	}
	if len(sc.Segments) != n {
		t.Fatalf("scored %d of %d customers", len(sc.Segments), n)
	}
	if sc.Routed == 0 || sc.Outside == 0 || sc.Incomplete == 0 {
		t.Fatalf("the data should exercise routes, segment 0 and missing values: %+v", *sc)
	}
	want := map[string]int{}
	for i, id := range sc.IDs {
		want[id] = sc.Segments[i]
	}
	for _, dialect := range []sqlgen.Dialect{sqlgen.DuckDB} {
		q, err := definition.SQL(d, "wide", dialect, "zh")
		if err != nil {
			t.Fatal(err)
		}
		rows, err := s.DB().QueryContext(ctx, q)
		if err != nil {
			t.Fatalf("%s: %v\n%s", dialect, err, q)
		}
		got, bad := 0, 0
		for rows.Next() {
			var id, name string
			var seg int
			if err := rows.Scan(&id, &seg, &name); err != nil {
				t.Fatal(err)
			}
			got++
			if w, ok := want[id]; !ok || w != seg || name != d.SegmentName(seg, "zh") {
				if bad++; bad <= 5 {
					t.Errorf("%s: customer %s: SQL gives %d %q, Go %d", dialect, id, seg, name, w)
				}
			}
		}
		rows.Close()
		if got != n || bad > 0 {
			t.Errorf("%s: %d rows, %d disagree", dialect, got, bad)
		}
	}
}
