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
	"github.com/seglab/seglab/engine/definition/definitiondb"
	"github.com/seglab/seglab/engine/inputerr"
	"github.com/seglab/seglab/engine/outfile"
	"github.com/seglab/seglab/engine/source"
	"github.com/seglab/seglab/engine/sweep"
	"github.com/seglab/seglab/engine/workspace"
	"github.com/seglab/seglab/queries"
)

func newClusterCmd() *cobra.Command {
	var f segmentFlags
	var k int
	var out string
	var asJSON bool
	var save, previous string
	var mergeFlags []string
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
			eopts, err := exportOptions(cmd)
			if err != nil {
				return err
			}
			// Above the domain's 7 the fit goes ahead with a warning; a definition holds at most
			// definition.MaxK segments.
			if k < 2 || k > definition.MaxK {
				return usagef("--k %d: give 2 to %d segments (the domain's rule is at most %d; more are fitted with a warning)", k, definition.MaxK, sweep.DefaultKMax)
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
			merges, err := parseMerges(mergeFlags, k)
			if err != nil {
				return err
			}
			in, err := f.load(cmd, args, []string{out})
			if err != nil {
				return err
			}
			defer in.ws.Close()
			ctx := cmd.Context()
			res, err := in.Sweep(ctx, k, k, nil, nil)
			if err != nil {
				return err
			}
			seg, err := in.Segment(ctx, res, k)
			if err != nil {
				return err
			}
			fit := res.Ks[0]
			rep := clusterReport{
				K: k, N: in.Rows.N, Fitted: in.Prepared.N, LeftOutMissing: seg.LeftOut,
				Inertia: fit.Fit.Inertia, Iterations: fit.Fit.Iterations, Converged: fit.Fit.Converged,
				Seconds: fit.FitTime.Seconds(), Silhouette: jsonFloat(fit.Silhouette), SilhouetteExact: res.SilhouetteExact,
				SilhouetteSample: res.SilhouetteRows, CalinskiHarabasz: jsonFloat(fit.Quality.CalinskiHarabasz),
				DaviesBouldin: jsonFloat(fit.Quality.DaviesBouldin), Sizes: fit.Fit.Sizes,
				Stability: jsonFloat(fit.Stability), Dims: in.Prepared.Fitted.ColumnLabels(), Out: out, IDColumn: in.IDColumn,
				Warnings: append([]string{}, sweep.Warnings(fit.Fit.Sizes, fit.Silhouette, 0, 0)...),
			}
			if in.idWarning != "" {
				rep.Warnings = append(rep.Warnings, in.idWarning)
			}
			for _, m := range merges {
				var moved int
				if seg, moved, err = seg.Merge(m.into, m.from); err != nil {
					return usagef("--merge %d:%d: %v", m.from, m.into, err)
				}
				rep.Merges = append(rep.Merges, mergeReport{From: m.from, Into: m.into, Moved: moved})
			}
			rep.ScoredSizes = seg.Sizes
			if err := in.ws.Store(ctx, seg); err != nil {
				return err
			}
			// The assignments and the definition are both written whole to temporary files
			// first and renamed into place one right after the other, so that a failure (or a
			// kill) leaves both files of the previous run or both of this one.
			staged, err := source.ExportStaged(ctx, in.ws.Session().DB(), queries.Template("select_all", map[string]string{"Relation": source.AssignmentsTable}), out, eopts...)
			if err != nil {
				return err
			}
			defer staged.Discard()
			if save != "" {
				var def *definition.Staged
				if rep.Saved, def, err = saveDefinition(ctx, in, seg, save, previous); err != nil {
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
					outfile.SyncDir(filepath.Dir(p))
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
	cmd.Flags().StringArrayVar(&mergeFlags, "merge", nil, "after the fit, merge segment A into segment B, written A:B (repeatable, applied in order, numbers as after the previous merge); every customer is then scored again by the nearest centre")
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
	Merges           []mergeReport    `json:"merges,omitempty"`
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
		scored := ""
		if len(r.Merges) == 0 {
			scored = strconv.Itoa(r.ScoredSizes[i])
		}
		t.add(strconv.Itoa(i+1), strconv.Itoa(n), pct(float64(n)/float64(r.Fitted)), scored)
	}
	if err := t.write(w); err != nil {
		return err
	}
	if len(r.Merges) > 0 {
		for _, m := range r.Merges {
			fmt.Fprintf(w, "\nmerged segment %d into %d; %d customers were nearer another centre and moved there", m.From, m.Into, m.Moved)
		}
		fmt.Fprintln(w)
		total := 0
		for _, n := range r.ScoredSizes {
			total += n
		}
		t := newTextTable("segment", "all scored", "share").alignRight(0, 1, 2)
		for i, n := range r.ScoredSizes {
			t.add(strconv.Itoa(i+1), strconv.Itoa(n), pct(float64(n)/float64(total)))
		}
		if err := t.write(w); err != nil {
			return err
		}
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

// saveDefinition stages the definition of seg (workspace.Definition, as the workbench saves
// it); with previous it first matches the segments to the earlier definition's and scores
// the data with both for the migration matrix. The caller commits the staged file.
func saveDefinition(ctx context.Context, in *segmentInput, seg *workspace.Segmentation, path, previous string) (*savedDefinition, *definition.Staged, error) {
	d, err := in.ws.Definition(ctx, seg, path)
	if err != nil {
		return nil, nil, err
	}
	session := in.ws.Session()
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
		oldScores, err := definitiondb.Score(ctx, session, prev)
		if err != nil {
			return nil, nil, fmt.Errorf("scoring the data with %s: %w", previous, err)
		}
		newScores, err := definitiondb.Score(ctx, session, d)
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

// merge is one --merge FROM:INTO.
type merge struct{ from, into int }

// mergeReport says what one merge did.
type mergeReport struct {
	From  int `json:"from"`
	Into  int `json:"into"`
	Moved int `json:"moved"` // customers that scoring put in another segment than the merge alone
}

// parseMerges reads the --merge values for a fit of k segments; each merge leaves one
// segment fewer.
func parseMerges(items []string, k int) ([]merge, error) {
	var out []merge
	for _, item := range items {
		from, into, ok := strings.Cut(item, ":")
		f, err1 := strconv.Atoi(strings.TrimSpace(from))
		t, err2 := strconv.Atoi(strings.TrimSpace(into))
		if !ok || err1 != nil || err2 != nil {
			return nil, usagef("--merge %q: write FROM:INTO, two segment numbers", item)
		}
		if f == t || f < 1 || t < 1 || f > k || t > k {
			return nil, usagef("--merge %q: the segments are 1 to %d and must differ", item, k)
		}
		k--
		out = append(out, merge{from: f, into: t})
	}
	if k < 2 {
		return nil, usagef("--merge: the merges would leave fewer than 2 segments")
	}
	return out, nil
}
