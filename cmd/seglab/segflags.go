package main

import (
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/seglab/seglab/engine/inputerr"
	"github.com/seglab/seglab/engine/prep"
	"github.com/seglab/seglab/engine/source"
	"github.com/seglab/seglab/engine/workspace"
	"github.com/seglab/seglab/queries"
)

// dimsHelp explains the --dims syntax shared by sweep and cluster.
const dimsHelp = `Dimensions (--dims) are columns of the wide table, separated by commas. Each may carry a
transform and a weight: NAME[:TRANSFORM[:WEIGHT]], where TRANSFORM is none, log1p,
winsorize (at the 1st and 99th percentiles) or winsorize=LOW/HIGH (quantiles, e.g.
winsorize=0.05/0.95). A text column (region, payment channel…) enters one-hot; its weight
makes it count like that many numeric dimensions. Examples:
  --dims annual_kwh:log1p,peak_share,outages_12m,satisfaction
  --dims annual_kwh:log1p:2,arrears_over_60d:winsorize,region::0.5

Without --dims seglab takes the defaults the workbench proposes (the residential customers,
unless --filter names a population, on annual kWh, tenure, late payments, household size,
outages, tickets, complaints, peak share, capacity, region, heating, special group and
housing, as far as the table has them) and says which it used.

Rows with a missing dimension are left out of the fit (their number is reported) and are
still given the segment whose centre is nearest over the dimensions they have, so every
customer gets exactly one segment.`

// segmentFlags are the flags that say what to cluster: input, dimensions, population,
// scaling and the k-means settings.
type segmentFlags struct {
	inputs  []string
	dims    string
	scale   string
	filters []string
	id      string
	seed    uint64
	nInit   int
	maxIter int
	tol     float64
}

func (f *segmentFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringArrayVarP(&f.inputs, "input", "i", nil, "wide table (CSV/Parquet) or raw export files/folders (repeatable)")
	fl.StringVar(&f.dims, "dims", "", "dimensions to cluster on: NAME[:TRANSFORM[:WEIGHT]],… (see above)")
	fl.StringVar(&f.scale, "scale", "zscore", "scaling of numeric dimensions: zscore (population sd), robust (median/IQR), minmax or none")
	fl.StringArrayVar(&f.filters, "filter", nil, "fit on the rows where COLUMN=VALUE (repeatable; all must hold), e.g. --filter customer_type=residential")
	fl.StringVar(&f.id, "id", "", "column that identifies a customer (default: the column recognised as the customer id — customer_id, 户号, 用户编号, 客户编号…)")
	fl.Uint64Var(&f.seed, "seed", 0, "random seed; the same seed gives the same segments")
	fl.IntVar(&f.nInit, "n-init", workspace.DefaultNInit, "k-means restarts per k; the lowest inertia wins")
	fl.IntVar(&f.maxIter, "max-iter", workspace.DefaultMaxIter, "maximum k-means iterations per restart")
	fl.Float64Var(&f.tol, "tol", workspace.DefaultTol, "convergence tolerance on centre movement, relative to the data's variance")
}

// segmentInput is the open workspace and the population read and prepared from it.
type segmentInput struct {
	ws *workspace.Workspace
	*workspace.Input
	idWarning string // set when customers are numbered by row
}

// load opens the input in a workspace confined to reading it and writing in the folders of
// writable, reads the population and fits the preprocessing. The caller closes in.ws.
func (f *segmentFlags) load(cmd *cobra.Command, args, writable []string) (*segmentInput, error) {
	paths := inputPaths(f.inputs, args)
	if len(paths) == 0 {
		return nil, usagef("give the data with --input PATH (a wide table, or a folder of raw exports)")
	}
	switch {
	case f.nInit < 1:
		return nil, usagef("--n-init %d: give at least 1 restart", f.nInit)
	case f.maxIter < 1:
		return nil, usagef("--max-iter %d: give at least 1 iteration", f.maxIter)
	case !(f.tol >= 0) || math.IsInf(f.tol, 0):
		return nil, usagef("--tol %v: give a finite number ≥ 0", f.tol)
	}
	scaling, err := parseScaling(f.scale)
	if err != nil {
		return nil, err
	}
	ctx := cmd.Context()
	opts, err := workspaceOptions(cmd)
	if err != nil {
		return nil, err
	}
	opts.Writable = []string{}
	for _, w := range writable {
		opts.Writable = append(opts.Writable, filepath.Dir(w))
	}
	ws, err := workspace.Open(ctx, paths, opts)
	if err != nil {
		return nil, err
	}
	fail := func(err error) (*segmentInput, error) {
		ws.Close()
		return nil, withFile(err, paths)
	}
	if f.id != "" {
		if err := ws.SetIDColumn(f.id); err != nil {
			return fail(err)
		}
	}
	var idWarning string
	if len(writable) > 0 { // an output keyed by customer: it needs the id
		if idWarning, err = requireID(cmd, ws); err != nil {
			return fail(err)
		}
	}
	filter, err := parseFilters(f.filters, ws.Condition)
	if err != nil {
		return fail(err)
	}
	var specs []prep.DimSpec
	if strings.TrimSpace(f.dims) == "" {
		d, err := ws.Defaults(ctx)
		if err != nil {
			return fail(err)
		}
		if len(d.Dims) == 0 {
			return fail(usagef("the table has none of seglab's default dimensions; give the dimensions to cluster on with --dims a,b,c"))
		}
		if len(f.filters) == 0 {
			filter = d.Population
		}
		specs = d.Dims
		fmt.Fprintf(cmd.ErrOrStderr(), "no --dims given, so seglab's defaults (as the workbench proposes): %s\n", describeDefaults(d, len(f.filters) > 0))
	} else if specs, err = parseDimsBy(f.dims, ws.ColumnNamed); err != nil {
		return fail(err)
	}
	in, err := ws.Read(ctx, workspace.Request{Dims: specs, Scaling: scaling, Population: filter,
		KMeans: workspace.KMeans{Seed: f.seed, NInit: f.nInit, MaxIter: f.maxIter, Tol: f.tol}})
	if err != nil {
		return fail(err)
	}
	return &segmentInput{ws: ws, Input: in, idWarning: idWarning}, nil
}

// describeDefaults says which defaults load used; userPopulation says the user's --filter
// replaced the default population.
func describeDefaults(d workspace.Defaults, userPopulation bool) string {
	if userPopulation {
		return "the --filter population " + d.DimsText()
	}
	return d.String()
}

// withFile names paths as the file of an input error that names none (a fault found in a
// column of the data after loading).
func withFile(err error, paths []string) error {
	var ie *inputerr.Error
	if errors.As(err, &ie) && ie.File == "" {
		named := *ie
		named.File = strings.Join(paths, ", ")
		return &named
	}
	return err
}

func parseScaling(s string) (prep.Scaling, error) {
	switch sc := prep.Scaling(s); sc {
	case prep.ZScore, prep.Robust, prep.MinMax, prep.NoScaling:
		return sc, nil
	}
	return "", usagef("--scale %q: use zscore, robust, minmax or none", s)
}

// parseDims reads the --dims syntax against the columns of the wide table.
func parseDims(s string, cols []source.Column) ([]prep.DimSpec, error) {
	return parseDimsBy(s, func(name string) (source.Column, error) { return source.Find(cols, name) })
}

// parseDimsBy reads the --dims syntax, finding each column named with find (the workspace's
// ColumnNamed takes the headers of the user's file, 年用电量, as well as wide's names).
func parseDimsBy(s string, find func(name string) (source.Column, error)) ([]prep.DimSpec, error) {
	var out []prep.DimSpec
	seen := map[string]bool{}
	for _, item := range strings.Split(s, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		parts := strings.Split(item, ":")
		if len(parts) > 3 {
			return nil, usagef("--dims %q: write NAME[:TRANSFORM[:WEIGHT]]", item)
		}
		col, err := find(parts[0])
		if err != nil {
			return nil, err
		}
		if seen[col.Name] {
			return nil, usagef("--dims names %s twice", col.Name)
		}
		seen[col.Name] = true
		d := prep.DimSpec{Column: col.Name, Kind: prep.Numeric}
		switch col.Kind {
		case queries.KindID:
			return nil, usagef("--dims %s: an identifier cannot be a dimension", col.Name)
		case queries.KindCategorical:
			d.Kind = prep.Categorical
		}
		if len(parts) > 1 && parts[1] != "" {
			if d.Kind == prep.Categorical {
				return nil, usagef("--dims %s: a text column takes no transform, only a weight (%s::WEIGHT)", col.Name, col.Name)
			}
			if err := parseTransform(parts[1], &d); err != nil {
				return nil, err
			}
		}
		if len(parts) > 2 && parts[2] != "" {
			w, err := strconv.ParseFloat(parts[2], 64)
			if err != nil || !(w > 0) || math.IsInf(w, 0) {
				return nil, usagef("--dims %s: weight %q must be a positive number", col.Name, parts[2])
			}
			d.Weight = w
		}
		out = append(out, d)
	}
	if len(out) == 0 {
		return nil, usagef("--dims names no column")
	}
	return out, nil
}

func parseTransform(s string, d *prep.DimSpec) error {
	name, arg, hasArg := strings.Cut(s, "=")
	switch prep.Transform(name) {
	case prep.TransformNone, prep.Log1p:
		if hasArg {
			return usagef("--dims %s: %s takes no argument", d.Column, name)
		}
		d.Transform = prep.Transform(name)
		return nil
	case prep.Winsorize:
		d.Transform, d.WinsorLow, d.WinsorHigh = prep.Winsorize, workspace.DefaultWinsorLow, workspace.DefaultWinsorHigh
		if !hasArg {
			return nil
		}
		lo, hi, ok := strings.Cut(arg, "/")
		l, err1 := strconv.ParseFloat(lo, 64)
		h, err2 := strconv.ParseFloat(hi, 64)
		if !ok || err1 != nil || err2 != nil || !(0 <= l && l < h && h <= 1) {
			return usagef("--dims %s: write winsorize=LOW/HIGH with quantiles 0 ≤ LOW < HIGH ≤ 1, e.g. winsorize=0.05/0.95", d.Column)
		}
		d.WinsorLow, d.WinsorHigh = l, h
		return nil
	}
	return usagef("--dims %s: unknown transform %q (use none, log1p or winsorize)", d.Column, s)
}

// parseFilters reads --filter COLUMN=VALUE conditions, each made by condition (the
// workspace's: a numeric column compares numbers).
func parseFilters(items []string, condition func(column, value string) (prep.Condition, error)) (prep.Filter, error) {
	var f prep.Filter
	for _, item := range items {
		name, value, ok := strings.Cut(item, "=")
		if !ok {
			return nil, usagef("--filter %q: write COLUMN=VALUE", item)
		}
		c, err := condition(name, value)
		if errors.Is(err, workspace.ErrNotNumber) {
			return nil, usagef("--filter %s: %v", item, err)
		}
		if err != nil {
			return nil, err
		}
		f = append(f, c)
	}
	return f, nil
}

// population describes the rows fitted, for messages.
func (in *segmentInput) population() string {
	r := in.Prepared.Report
	return fmt.Sprintf("%d rows in the population, %d fitted, %d left out of the fit for missing values (scored by the nearest centre over the dimensions they have)",
		in.Rows.N, r.Selected-r.Dropped, r.Dropped)
}
