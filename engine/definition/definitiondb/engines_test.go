package definitiondb

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"

	"github.com/seglab/seglab/engine/definition"

	"github.com/seglab/seglab/engine/data"
	"github.com/seglab/seglab/engine/prep"
	"github.com/seglab/seglab/engine/sqlgen"
	"github.com/seglab/seglab/engine/sqlgen/enginetest"
)

// engines are the PostgreSQL server and ClickHouse cluster this test binary shares.
var engines enginetest.Shared

func TestMain(m *testing.M) {
	code := m.Run()
	engines.Close()
	os.Exit(code)
}

// engineCase is a definition and the data it scores, loaded in DuckDB as the relation wide.
type engineCase struct {
	name  string
	table string // the table's name in the other engines
	lang  string
	d     *definition.Definition
	want  map[string]int // Score's segment per customer id
}

// Names that need escaping in every dialect: a single quote, a backslash, Chinese.
var trickyNames = []definition.Text{
	{EN: `O'Brien's \ high use`, ZH: `高耗能'东部'\客户`},
	{EN: `low "use"`, ZH: "低耗能客户"},
}

// engineCases builds the test definitions in s, each with its own data of n customers in the
// DuckDB table "wide_NAME": every transform, every scaling but z-score's twin none, missing
// values, routes, Chinese column names and labels, and categories unseen at fit time (added
// to the data after fitting). only names the one case to build ("" for all).
func engineCases(t testing.TB, s *data.Session, n int, only string) []engineCase {
	ctx := context.Background()
	exec := func(q string) {
		t.Helper()
		if _, err := s.DB().ExecContext(ctx, q); err != nil {
			t.Fatalf("%v\n%s", err, q)
		}
	}
	var out []engineCase
	finish := func(name, table, lang string, d *definition.Definition) {
		t.Helper()
		for i, nm := range trickyNames {
			d.Segments[i].Name = nm
		}
		// Unseen at fit time: a fourth region.
		exec(`UPDATE wide SET ` + prep.QuoteIdent(d.Preprocessing.Dims[2].Column) + ` = '北部' WHERE hash(` + prep.QuoteIdent(d.IDColumn) + `) % 23 = 0`)
		sc, err := Score(ctx, s, d)
		if err != nil {
			t.Fatal(err)
		}
		if sc.Incomplete == 0 || (len(d.Routes) > 0 && sc.Routed == 0) || (len(d.Population) > 0 && sc.Outside == 0) {
			t.Fatalf("%s: the data should exercise routes, segment 0 and missing values: %+v", name, *sc)
		}
		want := map[string]int{}
		for i, id := range sc.IDs {
			want[id] = sc.Segments[i]
		}
		exec(`CREATE OR REPLACE TABLE "wide_` + name + `" AS SELECT * FROM wide`)
		out = append(out, engineCase{name, table, lang, d, want})
	}

	// z-score with log1p, winsorising, weights, a one-hot dimension, a route and a population.
	if only == "" || only == "zscore" {
		synth(t, s, n, 3)
		d, _, _, _ := fit(t, s, testSpec, 5, 7, testRoutes)
		finish("zscore", "wide_zscore", "zh", d)
	}
	if only == "" || only == "robust" {
		robustCase(t, s, n, finish)
	}
	// Min-max scaling of everyone (no population, no route), names in English.
	if only == "" || only == "minmax" {
		synth(t, s, n, 5)
		spec := prep.Spec{
			Scaling: prep.MinMax,
			Dims: []prep.DimSpec{
				{Column: "kwh", Kind: prep.Numeric, Transform: prep.Log1p},
				{Column: "late", Kind: prep.Numeric},
				{Column: "region", Kind: prep.Categorical, Weight: 0.7},
				{Column: "peak_share", Kind: prep.Numeric, Weight: 2},
			},
		}
		d, _, _, _ := fit(t, s, spec, 7, 5, nil)
		finish("minmax", "wide_minmax", "en", d)
	}
	return out
}

// robustCase is the hardest test definition: robust scaling over Chinese column names (in a
// table with a Chinese name), log1p, two winsorised dimensions, one-hot, two routes (one on a
// missing value), a population and k = 6.
func robustCase(t testing.TB, s *data.Session, n int, finish func(name, table, lang string, d *definition.Definition)) {
	exec := func(q string) {
		t.Helper()
		if _, err := s.DB().ExecContext(context.Background(), q); err != nil {
			t.Fatalf("%v\n%s", err, q)
		}
	}
	synth(t, s, n, 4)
	exec(`CREATE OR REPLACE TABLE wide AS SELECT customer_id AS "户号", customer_type AS "客户类型",
		industry_section AS "行业门类", kwh AS "年用电量（千瓦时）", late AS "逾期次数", region AS "区域", peak_share AS "峰时占比" FROM wide`)
	spec := prep.Spec{
		Scaling: prep.Robust,
		Dims: []prep.DimSpec{
			{Column: "年用电量（千瓦时）", Kind: prep.Numeric, Transform: prep.Log1p, Weight: 1.2},
			{Column: "逾期次数", Kind: prep.Numeric, Transform: prep.Winsorize, WinsorLow: 0.05, WinsorHigh: 0.9},
			{Column: "区域", Kind: prep.Categorical, Weight: 1.3},
			{Column: "峰时占比", Kind: prep.Numeric, Transform: prep.Winsorize, WinsorLow: 0.1, WinsorHigh: 0.99},
		},
		Filter: prep.Filter{{Column: "客户类型", Equals: "residential"}},
	}
	routes := []definition.Route{
		{When: prep.Filter{{Column: "行业门类", Equals: "C"}}, Segment: 10, Name: definition.Text{EN: "Manufacturing", ZH: "制造业"}},
		{When: prep.Filter{{Column: "行业门类", Equals: nil}, {Column: "客户类型", Equals: "business"}}, Segment: 11, Name: definition.Text{EN: "Business, no industry", ZH: "无行业工商业"}},
	}
	d, _, _, _ := fitID(t, s, spec, 6, 11, routes, "户号")
	finish("robust", "客户宽表", "zh", d)
}

// rowsAgree compares an engine's result rows (id, segment, name) with Score.
func rowsAgree(t testing.TB, c engineCase, rows [][]string) {
	t.Helper()
	if bad := disagreeing(t, c, rows); len(rows) != len(c.want) || bad > 0 {
		t.Errorf("%d rows for %d customers, %d disagree with seglab score", len(rows), len(c.want), bad)
	}
}

// disagreeing counts the rows (id, segment, name) that differ from Score, reporting the first.
func disagreeing(t testing.TB, c engineCase, rows [][]string) int {
	t.Helper()
	bad := 0
	for _, r := range rows {
		if len(r) != 3 {
			t.Fatalf("row %q: want id, segment, name", r)
		}
		seg, err := strconv.Atoi(r[1])
		w, ok := c.want[r[0]]
		if err != nil || !ok || seg != w || r[2] != c.d.SegmentName(w, c.lang) {
			if bad++; bad <= 5 {
				t.Errorf("customer %s: SQL gives %s %q, seglab score %d %q", r[0], r[1], r[2], w, c.d.SegmentName(w, c.lang))
			}
		}
	}
	return bad
}

// Every executed dialect's SQL, run on its engine over the same data, gives every customer
// the segment and name seglab score gives, for each test definition. ClickHouse reads the
// data through a Distributed table over two shards; SQLite gets it the way a CSV import
// stores it (missing values as empty texts).
func TestSQLOnEngines(t *testing.T) {
	n := 20_000
	if testing.Short() {
		n = 4_000
	}
	ctx := context.Background()
	s := session(t)
	cases := engineCases(t, s, n, "")
	db := s.DB()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := `"wide_` + c.name + `"`
			query := func(t *testing.T, dialect sqlgen.Dialect) string {
				q, err := definition.SQL(c.d, c.table, dialect, c.lang)
				if err != nil {
					t.Fatal(err)
				}
				return q
			}
			t.Run("duckdb", func(t *testing.T) {
				q, err := definition.SQL(c.d, "wide_"+c.name, sqlgen.DuckDB, c.lang)
				if err != nil {
					t.Fatal(err)
				}
				rows, err := queryDuck(ctx, s, q)
				if err != nil {
					t.Fatalf("%v\n%s", err, q)
				}
				rowsAgree(t, c, rows)
			})
			t.Run("postgres", func(t *testing.T) {
				pg, err := engines.Postgres()
				enginetest.Require(t, err)
				if err := pg.Load(ctx, db, src, c.table); err != nil {
					t.Fatal(err)
				}
				q := query(t, sqlgen.Postgres)
				rows, err := pg.Query(ctx, q)
				if err != nil {
					t.Fatalf("%v\n%s", err, q)
				}
				rowsAgree(t, c, rows)
			})
			t.Run("sqlite", func(t *testing.T) {
				lite, err := enginetest.OpenSQLite()
				enginetest.Require(t, err)
				defer lite.Close()
				if err := lite.Load(ctx, db, src, c.table); err != nil {
					t.Fatal(err)
				}
				q := query(t, sqlgen.SQLite)
				rows, err := lite.Query(ctx, q)
				if err != nil {
					t.Fatalf("%v\n%s", err, q)
				}
				rowsAgree(t, c, rows)
			})
			t.Run("clickhouse", func(t *testing.T) {
				ch, err := engines.ClickHouse()
				enginetest.Require(t, err)
				if err := ch.Load(ctx, db, src, c.table, c.d.IDColumn); err != nil {
					t.Fatal(err)
				}
				q := query(t, sqlgen.ClickHouse)
				rows, err := ch.Query(ctx, q)
				if err != nil {
					t.Fatalf("%v\n%s", err, q)
				}
				rowsAgree(t, c, rows)
			})
		})
	}
}

// queryDuck runs a query in the session and returns its rows as text.
func queryDuck(ctx context.Context, s *data.Session, q string) ([][]string, error) {
	rows, err := s.DB().QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][]string
	for rows.Next() {
		var id, name string
		var seg int
		if err := rows.Scan(&id, &seg, &name); err != nil {
			return nil, err
		}
		out = append(out, []string{id, fmt.Sprint(seg), name})
	}
	return out, rows.Err()
}
