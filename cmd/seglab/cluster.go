package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/seglab/seglab/engine/definition"
	"github.com/seglab/seglab/engine/inputerr"
	"github.com/seglab/seglab/engine/prep"
	"github.com/seglab/seglab/engine/profile"
	"github.com/seglab/seglab/engine/source"
	"github.com/seglab/seglab/engine/sweep"
)

// maxClusterK is the most segments cluster fits: the domain's rule of thumb.
const maxClusterK = 7

func newClusterCmd() *cobra.Command {
	var f segmentFlags
	var k int
	var out string
	var asJSON bool
	var save, previous string
	cmd := &cobra.Command{
		Use:   "cluster --input PATH --dims a,b,c --k K --out FILE.csv|FILE.parquet",
		Short: "Fit k segments and give every customer a segment id",
		Long: `Fit k-means with K segments on the chosen dimensions and write one row per customer of the
population: the id column (customer_id by default, or the row number when the table has
none) and segment, 1..K, numbered by size (1 is the largest).

The fit is reproducible: the same data, options and --seed give the same segments on any
machine and core count. The report gives the inertia (sum of squared distances in the scaled
space), iterations, the fit's own time, silhouette (exact up to 20,000 rows, else on a
stratified sample whose size is given), Calinski–Harabasz, Davies–Bouldin, segment sizes and
the stability (mean adjusted Rand index between refits on bootstrap samples).

` + dimsHelp,
		Example: `  seglab cluster --input wide.parquet --dims annual_kwh:log1p,peak_share,outages_12m --k 5 --out segments.csv --json
  seglab cluster --input exports/ --filter customer_type=residential --dims annual_kwh:log1p,late_payment_count,tickets_12m --k 6 --out seg.parquet`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if k < 2 || k > maxClusterK {
				return usagef("--k %d: give 2 to %d segments (the domain's rule: at most %d)", k, maxClusterK, maxClusterK)
			}
			if out == "" {
				return usagef("cluster needs --out FILE.csv or FILE.parquet")
			}
			if _, err := source.OutputFormat(out); err != nil {
				return usagef("%v", err)
			}
			if err := checkSaveFlags(save, previous); err != nil {
				return err
			}
			if err := source.GuardOutputs(append(inputPaths(f.inputs, args), previous), out, save); err != nil {
				return err
			}
			in, err := f.load(cmd, args)
			if err != nil {
				return err
			}
			defer in.session.Close()
			ctx := cmd.Context()
			res, err := sweep.Run(ctx, in.prepared.X, in.prepared.N, in.prepared.D, sweep.Options{
				KMin: k, KMax: k, NInit: f.nInit, MaxIter: f.maxIter, Tol: f.tol, Seed: f.seed,
			})
			if err != nil {
				return err
			}
			fit := res.Ks[0]
			labels, missing, err := prep.Score(in.prepared.Fitted, in.rows.Table, fit.Fit.Centroids, k)
			if err != nil {
				return err
			}
			segments := make([]int, len(labels))
			scored := make([]int, k)
			for i, l := range labels {
				segments[i] = l + 1
				scored[l]++
			}
			idColumn := in.idColumn
			if idColumn == "" {
				idColumn = "row"
			}
			if err := source.StoreAssignments(ctx, in.session, idColumn, in.rows.IDs, segments, nil); err != nil {
				return err
			}
			// The assignments and the definition are both written whole to temporary files
			// first and renamed into place one right after the other, so that a failure (or a
			// kill) leaves both files of the previous run or both of this one.
			staged, err := source.ExportStaged(ctx, in.session.DB(), "SELECT * FROM "+source.AssignmentsTable, out)
			if err != nil {
				return err
			}
			defer staged.Discard()
			rep := clusterReport{
				K: k, N: in.rows.N, Fitted: in.prepared.N, LeftOutMissing: len(missing),
				Inertia: fit.Fit.Inertia, Iterations: fit.Fit.Iterations, Converged: fit.Fit.Converged,
				Seconds: fit.FitTime.Seconds(), Silhouette: jsonFloat(fit.Silhouette), SilhouetteExact: res.SilhouetteExact,
				SilhouetteSample: res.SilhouetteRows, CalinskiHarabasz: jsonFloat(fit.Quality.CalinskiHarabasz),
				DaviesBouldin: jsonFloat(fit.Quality.DaviesBouldin), Sizes: fit.Fit.Sizes, ScoredSizes: scored,
				Stability: jsonFloat(fit.Stability), Dims: in.prepared.Fitted.ColumnLabels(), Out: out, IDColumn: idColumn,
				Warnings: append([]string{}, sweep.Warnings(fit.Fit.Sizes, fit.Silhouette, 0, 0)...),
			}
			if save != "" {
				var def *definition.Staged
				if rep.Saved, def, err = saveDefinition(cmd, in, res, k, save, previous); err != nil {
					return err
				}
				defer def.Discard()
				if rep.Saved.Backup, err = def.Commit(); err != nil {
					return err
				}
			}
			if err := staged.Commit(); err != nil {
				return err
			}
			// Both renamed: now make them durable.
			for _, p := range []string{out, save} {
				if p != "" {
					source.SyncDir(filepath.Dir(p))
				}
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), rep)
			}
			return rep.write(cmd.OutOrStdout())
		},
	}
	f.register(cmd)
	cmd.Flags().IntVar(&k, "k", 0, "number of segments (the domain's rule: at most 7)")
	cmd.Flags().StringVarP(&out, "out", "o", "", "assignments to write: FILE.csv or FILE.parquet")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON object instead of text")
	cmd.Flags().StringVar(&save, "save", "", "also save the segment definition to FILE.yaml (for seglab score, sql, definition)")
	cmd.Flags().StringVar(&previous, "previous", "", "with --save: match the segments to those of this earlier definition, carry its names over and report the migration")
	return cmd
}

// clusterReport is what cluster prints; JSON keys are stable for scripts.
type clusterReport struct {
	K                int              `json:"k"`
	N                int              `json:"n"`
	Fitted           int              `json:"fitted"`
	LeftOutMissing   int              `json:"left_out_missing"`
	Inertia          float64          `json:"inertia"`
	Iterations       int              `json:"iterations"`
	Converged        bool             `json:"converged"`
	Seconds          float64          `json:"seconds"`
	Silhouette       jsonFloat        `json:"silhouette"`
	SilhouetteExact  bool             `json:"silhouette_exact"`
	SilhouetteSample int              `json:"silhouette_sample"`
	CalinskiHarabasz jsonFloat        `json:"calinski_harabasz"`
	DaviesBouldin    jsonFloat        `json:"davies_bouldin"`
	Sizes            []int            `json:"sizes"`
	ScoredSizes      []int            `json:"scored_sizes"`
	Stability        jsonFloat        `json:"stability"`
	Dims             []string         `json:"dims"`
	IDColumn         string           `json:"id_column"`
	Out              string           `json:"out"`
	Saved            *savedDefinition `json:"saved,omitempty"`
	// Warnings say which of the domain's rules the fit breaks (shares outside 5–50 %) and
	// whether its silhouette shows weak or no structure; empty when none.
	Warnings []string `json:"warnings"`
}

func (r clusterReport) write(w io.Writer) error {
	fmt.Fprintf(w, "k = %d on %d rows (%d fitted, %d left out for missing values and scored by the nearest centre over the dimensions they have)\n",
		r.K, r.N, r.Fitted, r.LeftOutMissing)
	sil := "exact"
	if !r.SilhouetteExact {
		sil = fmt.Sprintf("sample of %d", r.SilhouetteSample)
	}
	fmt.Fprintf(w, "inertia %.2f  iterations %d  fit %.2f s  silhouette %s (%s)  Calinski–Harabasz %s  Davies–Bouldin %s  stability %s\n\n",
		r.Inertia, r.Iterations, r.Seconds, r.Silhouette.format(4), sil, r.CalinskiHarabasz.format(1), r.DaviesBouldin.format(4), r.Stability.format(3))
	t := newTextTable("segment", "fitted", "share", "all scored").alignRight(0, 1, 2, 3)
	for i, n := range r.Sizes {
		t.add(strconv.Itoa(i+1), strconv.Itoa(n), pct(float64(n)/float64(r.Fitted)), strconv.Itoa(r.ScoredSizes[i]))
	}
	if err := t.write(w); err != nil {
		return err
	}
	for _, warning := range r.Warnings {
		fmt.Fprintf(w, "warning: %s\n", warning)
	}
	if _, err := fmt.Fprintf(w, "\nwrote %s (%s, segment)\n", r.Out, r.IDColumn); err != nil {
		return err
	}
	if r.Saved != nil {
		return r.Saved.write(w)
	}
	return nil
}

// describeSegments gives the segments of d the descriptions the profile generates for them
// ("many outages, …" / "停电多，…"), so that a saved definition says what each segment is
// before the workshop names it. It needs an id column to join the assignments.
func describeSegments(ctx context.Context, in *segmentInput, d *definition.Definition) error {
	if in.idColumn == "" {
		return nil
	}
	r, err := profile.Compute(ctx, in.session.DB(), profile.Options{
		Table: source.Table, Assignments: source.AssignmentsTable, ID: in.idColumn})
	if err != nil {
		return fmt.Errorf("describing the segments: %w", err)
	}
	d.Describe(r)
	return nil
}

// savedDefinition reports cluster --save (and --previous).
type savedDefinition struct {
	File     string `json:"file"`
	Backup   string `json:"backup,omitempty"` // the previous version of File, kept
	Previous string `json:"previous,omitempty"`
	// Matched[j] is the previous segment matched to segment j+1 (0 = new).
	Matched []int `json:"matched,omitempty"`
	// Migration counts the customers of the data by previous segment (rows, MigrationOld)
	// and new segment (columns, MigrationNew), both definitions scoring the same customers.
	MigrationOld []int   `json:"migration_old,omitempty"`
	MigrationNew []int   `json:"migration_new,omitempty"`
	Migration    [][]int `json:"migration,omitempty"`
	Stayed       float64 `json:"stayed,omitempty"` // share of customers in the segment matched to their previous one
	names        map[int]string
}

func checkSaveFlags(save, previous string) error {
	if previous != "" && save == "" {
		return usagef("--previous needs --save NEW.yaml")
	}
	if save == "" {
		return nil
	}
	if ext := strings.ToLower(filepath.Ext(save)); ext != ".yaml" && ext != ".yml" {
		return usagef("--save %s: name the definition FILE.yaml", save)
	}
	return nil
}

// saveDefinition stages the definition of the fit that cluster just made, reusing its
// fitted preprocessing, centroids and metrics; with previous it first matches the segments
// to the earlier definition's and scores the data with both for the migration matrix. The
// caller commits the staged file.
func saveDefinition(cmd *cobra.Command, in *segmentInput, res *sweep.Result, k int, path, previous string) (*savedDefinition, *definition.Staged, error) {
	fit := res.Ks[0]
	d := definition.New(in.prepared.Fitted, k, fit.Fit.Centroids, fit.Fit.Sizes)
	sources, err := definition.Fingerprint(path, in.opened.Tables)
	if err != nil {
		return nil, nil, err
	}
	d.Sources = sources
	d.IDColumn = in.idColumn
	d.Population = in.spec.Filter
	seed, _ := cmd.Flags().GetUint64("seed")
	nInit, _ := cmd.Flags().GetInt("n-init")
	maxIter, _ := cmd.Flags().GetInt("max-iter")
	tol, _ := cmd.Flags().GetFloat64("tol")
	d.Algorithm.Seed, d.Algorithm.NInit, d.Algorithm.MaxIter, d.Algorithm.Tol = seed, nInit, maxIter, tol
	r := in.prepared.Report
	d.Metrics = definition.Metrics{
		Population: in.rows.N, Fitted: in.prepared.N, LeftOutMissing: r.Dropped,
		Inertia: fit.Fit.Inertia, Silhouette: fit.Silhouette, SilhouetteExact: res.SilhouetteExact, SilhouetteRows: res.SilhouetteRows,
		CalinskiHarabasz: fit.Quality.CalinskiHarabasz, DaviesBouldin: fit.Quality.DaviesBouldin, Stability: fit.Stability,
		Sizes: fit.Fit.Sizes, FitSeconds: fit.FitTime.Seconds(),
	}
	if err := describeSegments(cmd.Context(), in, d); err != nil {
		return nil, nil, err
	}
	out := &savedDefinition{File: path}
	if previous != "" {
		prev, err := definition.Load(previous)
		if err != nil {
			return nil, nil, err
		}
		if err := definition.CarryOver(prev, d, previous); err != nil {
			return nil, nil, inputerr.New(previous, "%v", err)
		}
		d.Routes = prev.Routes
		ctx := cmd.Context()
		oldScores, err := definition.Score(ctx, in.session, prev)
		if err != nil {
			return nil, nil, fmt.Errorf("scoring the data with %s: %w", previous, err)
		}
		newScores, err := definition.Score(ctx, in.session, d)
		if err != nil {
			return nil, nil, err
		}
		m := definition.NewMigration(prev, d, oldScores.Segments, newScores.Segments)
		out.Previous, out.Matched = previous, d.Continuity.Matched
		out.MigrationOld, out.MigrationNew, out.Migration = m.Old, m.New, m.Counts
		out.Stayed = m.Stayed(d.Continuity.Matched)
		out.names = map[int]string{}
		for _, id := range m.Old {
			out.names[-1-id] = prev.SegmentName(id, "zh")
		}
		for _, id := range m.New {
			out.names[id] = d.SegmentName(id, "zh")
		}
	}
	staged, err := definition.Stage(path, d)
	if err != nil {
		return nil, nil, err
	}
	return out, staged, nil
}

func (s *savedDefinition) write(w io.Writer) error {
	fmt.Fprintf(w, "saved the definition to %s", s.File)
	if s.Backup != "" {
		fmt.Fprintf(w, " (previous version kept as %s)", s.Backup)
	}
	fmt.Fprintln(w)
	if s.Previous == "" {
		return nil
	}
	fmt.Fprintf(w, "\nsegments matched to %s (new ← previous): ", s.Previous)
	for j, m := range s.Matched {
		if j > 0 {
			fmt.Fprint(w, ", ")
		}
		if m == 0 {
			fmt.Fprintf(w, "%d ← none (new)", j+1)
		} else {
			fmt.Fprintf(w, "%d ← %d", j+1, m)
		}
	}
	fmt.Fprintf(w, "\nmigration of the same customers (rows: previous segment, columns: new); %.1f%% stayed in the matched segment\n", 100*s.Stayed)
	header := []string{"previous \\ new"}
	for _, id := range s.MigrationNew {
		header = append(header, strconv.Itoa(id)+" "+s.names[id])
	}
	t := newTextTable(header...)
	for i := range header[1:] {
		t.alignRight(i + 1)
	}
	for i, id := range s.MigrationOld {
		row := []string{strconv.Itoa(id) + " " + s.names[-1-id]}
		for _, c := range s.Migration[i] {
			row = append(row, strconv.Itoa(c))
		}
		t.add(row...)
	}
	return t.write(w)
}
