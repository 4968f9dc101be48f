package definitiondb

import (
	"context"
	"fmt"
	"testing"

	"github.com/seglab/seglab/engine/definition"

	"github.com/seglab/seglab/engine/data"
	"github.com/seglab/seglab/engine/kmeans"
	"github.com/seglab/seglab/engine/prep"
	"github.com/seglab/seglab/engine/source"
	"github.com/seglab/seglab/queries"
)

func session(t testing.TB) *data.Session {
	t.Helper()
	s, err := data.Open(data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// synth creates the table wide with n customers, deterministic in seed: three planted
// groups of residential customers on kwh (log-normal-ish), late (counts), region (text)
// and peak share, about 2 % missing values, and business customers in industries C and F.
func synth(t testing.TB, s *data.Session, n int, seed int) {
	t.Helper()
	q := fmt.Sprintf(`CREATE OR REPLACE TABLE wide AS
WITH base AS (
  SELECT i,
    (hash(i * 7 + %[1]d) %% 1000000) / 1000000.0 AS u1,
    (hash(i * 13 + %[1]d) %% 1000000) / 1000000.0 AS u2,
    (hash(i * 17 + %[1]d) %% 1000000) / 1000000.0 AS u3,
    (hash(i * 19 + %[1]d) %% 1000000) / 1000000.0 AS u4,
    (hash(i * 23 + %[1]d) %% 3) AS g
  FROM range(%[2]d) r(i))
SELECT
  printf('C%%08d', i) AS customer_id,
  CASE WHEN u4 < 0.1 THEN 'business' ELSE 'residential' END AS customer_type,
  CASE WHEN u4 < 0.05 THEN 'C' WHEN u4 < 0.1 THEN 'F' ELSE NULL END AS industry_section,
  CASE WHEN u1 < 0.02 THEN NULL ELSE round(exp(5 + 1.5 * g + u1 * 1.2), 1) END AS kwh,
  CASE WHEN u2 < 0.02 THEN NULL ELSE CAST(floor(u2 * 4 * (3 - g)) AS BIGINT) END AS late,
  CASE WHEN u3 < 0.01 THEN NULL WHEN g = 0 AND u3 < 0.7 THEN '东部' WHEN g = 1 AND u3 < 0.6 THEN '西部' WHEN u3 < 0.5 THEN '中部' ELSE '西部' END AS region,
  CASE WHEN u3 > 0.98 THEN NULL ELSE 0.2 + 0.15 * g + u2 * 0.1 END AS peak_share
FROM base`, seed, n)
	if _, err := s.DB().ExecContext(context.Background(), q); err != nil {
		t.Fatal(err)
	}
}

var testSpec = prep.Spec{
	Scaling: prep.ZScore,
	Dims: []prep.DimSpec{
		{Column: "kwh", Kind: prep.Numeric, Transform: prep.Log1p},
		{Column: "late", Kind: prep.Numeric, Transform: prep.Winsorize, WinsorLow: 0.01, WinsorHigh: 0.95, Weight: 1.5},
		{Column: "region", Kind: prep.Categorical, Weight: 0.8},
		{Column: "peak_share", Kind: prep.Numeric},
	},
	Filter: prep.Filter{{Column: "customer_type", Equals: "residential"}},
}

// fit fits a definition on wide the way seglab cluster does: read the population, fit the
// preprocessing, k-means, and wrap it all in a definition with the given routes.
func fit(t testing.TB, s *data.Session, spec prep.Spec, k int, seed uint64, routes []definition.Route) (*definition.Definition, source.Rows, *prep.Prepared, *kmeans.Result) {
	t.Helper()
	return fitID(t, s, spec, k, seed, routes, "customer_id")
}

// fitID is fit with the customers identified by the column id.
func fitID(t testing.TB, s *data.Session, spec prep.Spec, k int, seed uint64, routes []definition.Route, id string) (*definition.Definition, source.Rows, *prep.Prepared, *kmeans.Result) {
	t.Helper()
	ctx := context.Background()
	var cols []source.Column
	for _, d := range spec.Dims {
		kind := queries.KindNumeric
		if d.Kind == prep.Categorical {
			kind = queries.KindCategorical
		}
		cols = append(cols, source.Column{Name: d.Column, Kind: kind})
	}
	rows, err := source.Read(ctx, s, cols, spec.Filter, id)
	if err != nil {
		t.Fatal(err)
	}
	pr, err := prep.Fit(prep.Spec{Dims: spec.Dims, Scaling: spec.Scaling}, rows.Table)
	if err != nil {
		t.Fatal(err)
	}
	res, err := kmeans.Fit(ctx, pr.X, pr.N, pr.D, kmeans.Options{K: k, Seed: seed, NInit: 3})
	if err != nil {
		t.Fatal(err)
	}
	d := definition.New(pr.Fitted, k, res.Centroids, res.Sizes)
	d.IDColumn = id
	d.Population = spec.Filter
	d.Routes = routes
	d.Algorithm.Seed, d.Algorithm.NInit = seed, 3
	d.Metrics = definition.Metrics{Population: rows.N, Fitted: pr.N, Inertia: res.Inertia, Sizes: res.Sizes}
	if err := d.Validate(); err != nil {
		t.Fatal(err)
	}
	return d, rows, pr, res
}

var testRoutes = []definition.Route{
	{When: prep.Filter{{Column: "industry_section", Equals: "C"}}, Segment: 10, Name: definition.Text{EN: "Manufacturing", ZH: "制造业"}},
}
