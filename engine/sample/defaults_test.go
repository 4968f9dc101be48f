package sample_test

import (
	"context"
	"testing"

	"github.com/seglab/seglab/engine/data"
	"github.com/seglab/seglab/engine/metrics"
	"github.com/seglab/seglab/engine/prep"
	"github.com/seglab/seglab/engine/source"
	"github.com/seglab/seglab/engine/sweep"
	"github.com/seglab/seglab/engine/widetable"
	sampledata "github.com/seglab/seglab/sample-data"
)

// TestDefaultsRediscoverPlantedSegments runs the engine as `seglab sweep` and `seglab cluster`
// do without --dims — the built-in sample's exports built into the wide table, the default
// residential population and dimensions (prep.DefaultResidential), the sweep over k = 2..7
// with the CLI's k-means settings — and checks the worked case: the sweep recommends k = 6,
// and the k = 6 segments, with every residential customer scored (those with a missing
// dimension by the nearest centroid over the dimensions they have), agree with the planted
// residential segments with an adjusted Rand index of at least 0.75.
func TestDefaultsRediscoverPlantedSegments(t *testing.T) {
	ctx := context.Background()
	paths, err := sampledata.Extract(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	s, err := data.Open(data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := source.Open(ctx, s, paths, widetable.DefaultRules()); err != nil {
		t.Fatal(err)
	}
	cols, err := source.Columns(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	spec := prep.DefaultResidential()
	read := make([]source.Column, len(spec.Dims))
	for i, d := range spec.Dims {
		if read[i], err = source.Find(cols, d.Column); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := source.Read(ctx, s, read, spec.Filter, "customer_id")
	if err != nil {
		t.Fatal(err)
	}
	// As the CLI: Read applied the population filter, Fit sees only the population.
	p, err := prep.Fit(prep.Spec{Dims: spec.Dims, Scaling: spec.Scaling}, rows.Table)
	if err != nil {
		t.Fatal(err)
	}
	res, err := sweep.Run(ctx, p.X, p.N, p.D, sweep.Options{NInit: 10, MaxIter: 300, Tol: 1e-4})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range res.Ks {
		t.Logf("k = %d: silhouette %.3f, CH %.0f, DB %.3f, stability %.3f, shares %.3f–%.3f",
			k.K, k.Silhouette, k.Quality.CalinskiHarabasz, k.Quality.DaviesBouldin, k.Stability,
			k.Quality.SmallestShare, k.Quality.LargestShare)
	}
	t.Logf("votes %v; %s", res.Votes, res.Rule)

	planted, err := sampledata.Planted()
	if err != nil {
		t.Fatal(err)
	}
	truth := make([]int, rows.N)
	ids := map[string]int{}
	for i, id := range rows.IDs {
		seg, ok := planted[id]
		if !ok {
			t.Fatalf("customer %s has no planted segment", id)
		}
		if _, ok := ids[seg]; !ok {
			ids[seg] = len(ids)
		}
		truth[i] = ids[seg]
	}
	if len(ids) != 6 {
		t.Fatalf("the default population holds %d planted segments %v, want the 6 residential ones", len(ids), ids)
	}
	ari := map[int]float64{}
	for _, k := range res.Ks {
		labels, _, err := prep.Score(p.Fitted, rows.Table, k.Fit.Centroids, k.K)
		if err != nil {
			t.Fatal(err)
		}
		ari[k.K] = metrics.AdjustedRand(truth, labels)
	}
	t.Logf("%d residential customers (%d fitted); ARI with the planted segments by k: %v", rows.N, p.N, ari)
	if res.Recommended != 6 {
		t.Errorf("the sweep recommends k = %d, want the worked case's 6", res.Recommended)
	}
	if ari[6] < 0.75 {
		t.Errorf("k = 6 agrees with the planted segments at ARI %.3f, want ≥ 0.75", ari[6])
	}
}
