package workspace

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/seglab/seglab/engine/benchdata"
	"github.com/seglab/seglab/engine/definition"
	"github.com/seglab/seglab/engine/prep"
)

// timing matches the lines of a saved definition that say when it was written and how long
// the fit took: the only ones two saves of one fit may differ in.
var timing = regexp.MustCompile(`(?m)^(\s*(?:created|fit_seconds)): .*$`)

// saved saves d at path and returns the file without its timing lines.
func saved(t *testing.T, path string, d *definition.Definition) string {
	t.Helper()
	if _, err := definition.Save(path, d); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return timing.ReplaceAllString(string(b), "$1: …")
}

// TestOneKAndSweepGiveTheSameDefinition segments tables larger than the silhouette's exact
// limit (its rows then sampled) and than the sweep's sample in the two ways the front ends
// do — seglab cluster sweeps k alone, the workbench sweeps k = 2..7 and picks k — and saves
// both: the definitions are the same but for their timing lines.
func TestOneKAndSweepGiveTheSameDefinition(t *testing.T) {
	if testing.Short() {
		t.Skip("sweeps tables of 25,000 and 101,000 rows")
	}
	for _, n := range []int{25000, 101000} {
		dir := t.TempDir()
		wide := filepath.Join(dir, "wide.csv")
		// The columns are z-scored: named z_… rather than as the catalogue's features, whose
		// impossible values (a negative peak share) Read refuses.
		var names []string
		for _, c := range benchdata.CustomerColumns {
			names = append(names, "z_"+c)
		}
		if err := benchdata.WriteCSV(wide, benchdata.Customers(n, 11), n, names); err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		w, err := Open(ctx, []string{wide}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer w.Close()
		var dims []prep.DimSpec
		for _, c := range names[:2] {
			dims = append(dims, prep.DimSpec{Column: c, Kind: prep.Numeric})
		}
		const k = 4
		var files [2]string
		for i, kmin := range []int{k, 0} {
			in, err := w.Read(ctx, Request{Dims: dims, KMeans: KMeans{Seed: 3, NInit: 2}})
			if err != nil {
				t.Fatal(err)
			}
			res, err := in.Sweep(ctx, kmin, kmin, nil, nil)
			if kmin == 0 {
				res, err = in.Sweep(ctx, 0, 0, nil, nil)
			}
			if err != nil {
				t.Fatal(err)
			}
			seg, err := in.Segment(ctx, res, k)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, []string{"cluster.yaml", "workbench.yaml"}[i])
			d, err := w.Definition(ctx, seg, path)
			if err != nil {
				t.Fatal(err)
			}
			files[i] = saved(t, path, d)
		}
		a, b := strings.Split(files[0], "\n"), strings.Split(files[1], "\n")
		for i := range min(len(a), len(b)) {
			if a[i] != b[i] {
				t.Errorf("%d rows: the definitions differ at line %d:\nk alone:     %s\nk of 2..7:   %s", n, i+1, a[i], b[i])
			}
		}
		if len(a) != len(b) || len(a) < 50 {
			t.Errorf("%d rows: the definitions have %d and %d lines", n, len(a), len(b))
		}
	}
}
