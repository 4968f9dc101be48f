package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/seglab/seglab/engine/definition"
	"github.com/seglab/seglab/engine/definition/definitiondb"
	"github.com/seglab/seglab/engine/prep"
	"github.com/seglab/seglab/engine/textsafe"
)

func newDefinitionCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "definition",
		Short: "Show, confirm and verify saved segment definitions",
		Long: `A segment definition (FILE.yaml, written by seglab cluster --save) holds everything needed to
reproduce a segmentation and to score new exports: data fingerprints, population, routes,
fitted preprocessing, k-means settings, centroids, names, fit-time metrics and the workshop
confirmation. Every save keeps the previous version as FILE.yaml.~N~.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return usagef("definition needs a subcommand: show, confirm or verify")
		},
	}
	cmd.AddCommand(newDefinitionShowCmd(), newDefinitionConfirmCmd(), newDefinitionVerifyCmd())
	return cmd
}

func newDefinitionShowCmd() *cobra.Command {
	var lang string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "show FILE.yaml",
		Short: "Print a readable summary of a definition",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			d, err := definition.Load(args[0])
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), d)
			}
			return showDefinition(cmd.OutOrStdout(), args[0], d, lang)
		},
	}
	cmd.Flags().StringVar(&lang, "lang", "zh", "language of names: zh or en")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the whole definition as JSON")
	return cmd
}

func showDefinition(w io.Writer, path string, d *definition.Definition, lang string) error {
	// Load refuses control characters in a definition; the path and texts are shown through
	// textsafe all the same, as everything from a file is.
	fmt.Fprintf(w, "%s — segment definition, schema %d, created %s\n", textsafe.Line(path), d.SchemaVersion, d.Created.Format(time.RFC3339))
	c := d.Confirmation
	if c.Status == definition.Confirmed {
		state := "confirmed"
		if st := d.State(); st != definition.StateConfirmed {
			state = st.Text("en")
		}
		fmt.Fprintf(w, "status: %s — confirmed by %s at %s", state, textsafe.Line(c.By), c.At.Format(time.RFC3339))
		if c.Note != "" {
			fmt.Fprintf(w, " — %s", textsafe.Terminal(c.Note))
		}
		fmt.Fprintln(w)
	} else {
		fmt.Fprintln(w, "status: draft (not confirmed in a workshop yet)")
	}
	if d.Notes != "" {
		fmt.Fprintf(w, "notes: %s\n", textsafe.Terminal(d.Notes))
	}
	for _, s := range d.Sources {
		fmt.Fprintf(w, "source: %s (%d rows, sha256 %.12s…)\n", textsafe.Line(s.File), s.Rows, s.SHA256)
	}
	id := d.IDColumn
	if id == "" {
		id = "(row number)"
	}
	fmt.Fprintf(w, "id column: %s\npopulation: %s\n", id, filterText(d.Population))
	a := d.Algorithm
	fmt.Fprintf(w, "algorithm: %s (%s, %s seeding), k = %d, seed %d, n_init %d, max_iter %d, tol %g, scaling %s\n",
		a.Name, a.Method, a.Seeding, d.K, a.Seed, a.NInit, a.MaxIter, a.Tol, d.Preprocessing.Scaling)
	var dims []string
	for _, dim := range d.Preprocessing.Dims {
		s := dim.Column
		if dim.Kind == prep.Categorical {
			s += fmt.Sprintf(" (categories: %s)", strings.Join(dim.Categories, ", "))
		} else if dim.Transform != "" && dim.Transform != prep.TransformNone {
			s += " (" + string(dim.Transform) + ")"
		}
		if dim.Weight != 1 {
			s += fmt.Sprintf(" ×%g", dim.Weight)
		}
		dims = append(dims, s)
	}
	fmt.Fprintf(w, "dimensions: %s\n", strings.Join(dims, "; "))
	m := d.Metrics
	fmt.Fprintf(w, "fit: %d of %d customers of the population, inertia %.4g, silhouette %.4f, Calinski–Harabasz %.1f, Davies–Bouldin %.4f, stability %.3f\n\n",
		m.Fitted, m.Population, m.Inertia, m.Silhouette, m.CalinskiHarabasz, m.DaviesBouldin, m.Stability)
	t := newTextTable("segment", "name", "fitted", "share", "centre (data units)").alignRight(0, 2, 3)
	for _, s := range d.Segments {
		t.add(strconv.Itoa(s.ID), s.Name.In(lang), strconv.Itoa(s.Size), pct(s.Share), centreText(s.Original))
	}
	for _, r := range d.Routes {
		t.add(strconv.Itoa(r.Segment), r.Name.In(lang), "", "", "route: "+filterText(r.When))
	}
	t.add("0", d.OutsideName.In(lang), "", "", "outside the population, no route")
	if err := t.write(w); err != nil {
		return err
	}
	for _, s := range d.Segments {
		if desc := s.Description.In(lang); desc != "" {
			fmt.Fprintf(w, "\n%d %s: %s", s.ID, s.Name.In(lang), desc)
		}
	}
	if d.Continuity != nil {
		fmt.Fprintf(w, "\ncontinues %s: segments matched to previous %v\n", d.Continuity.Previous, d.Continuity.Matched)
	}
	return nil
}

func filterText(f prep.Filter) string {
	if len(f) == 0 {
		return "all customers"
	}
	var parts []string
	for _, c := range f {
		if c.Equals == nil {
			parts = append(parts, c.Column+" is missing")
		} else {
			parts = append(parts, fmt.Sprintf("%s = %v", c.Column, c.Equals))
		}
	}
	return strings.Join(parts, " and ")
}

func centreText(coords []definition.Coordinate) string {
	var parts []string
	for _, c := range coords {
		if c.Value != nil {
			parts = append(parts, fmt.Sprintf("%s %.4g", c.Column, *c.Value))
			continue
		}
		best, share := "", -1.0
		for cat, v := range c.Shares {
			if v > share || (v == share && cat < best) {
				best, share = cat, v
			}
		}
		parts = append(parts, fmt.Sprintf("%s %s %.0f%%", c.Column, best, 100*share))
	}
	return strings.Join(parts, ", ")
}

func newDefinitionConfirmCmd() *cobra.Command {
	var by, note string
	cmd := &cobra.Command{
		Use:   "confirm FILE.yaml --by NAME [--note TEXT]",
		Short: "Mark a definition confirmed by the business (who, when, note)",
		Long: `Record the workshop confirmation in the definition: status confirmed, who confirmed it, now,
and an optional note. The file is saved atomically and the previous version kept as FILE.yaml.~N~.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if strings.TrimSpace(by) == "" {
				return usagef("confirm needs --by NAME")
			}
			d, backup, err := definition.Confirm(args[0], by, note, time.Now())
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%s confirmed by %s at %s; previous version kept as %s\n",
				args[0], d.Confirmation.By, d.Confirmation.At.Format(time.RFC3339), backup)
			return nil
		},
	}
	cmd.Flags().StringVar(&by, "by", "", "who confirms (name, role)")
	cmd.Flags().StringVar(&note, "note", "", "what the workshop agreed")
	return cmd
}

func newDefinitionVerifyCmd() *cobra.Command {
	var inputs []string
	var refit, asJSON bool
	cmd := &cobra.Command{
		Use:   "verify FILE.yaml [--input PATH…] [--refit]",
		Short: "Check the data against the definition's fingerprint; optionally refit and report drift",
		Long: `Compare the data with the fingerprint stored in the definition (rows and SHA-256 of each
file) and list the files that changed. Without --input the data are the definition's sources,
found relative to its folder. With --refit the segmentation is fitted again with the stored
settings and seed, and the report gives the share of the population whose segment changed
(after matching the refit's segments to the stored ones) and the adjusted Rand index.

Exit status 0 whether or not files changed; 1 when the data cannot be read.
JSON keys (--json): sources [{file, status, rows_was, rows_now, sha256_was, sha256_now}],
unchanged, drift {matched, changed, ari, customers}.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			d, err := definition.Load(args[0])
			if err != nil {
				return err
			}
			paths, err := definitionInputs(args[0], d, inputs)
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			s, opened, err := openConfinedFor(cmd, paths, nil, d)
			if err != nil {
				return err
			}
			defer s.Close()
			checks, err := definitiondb.Verify(args[0], d, opened.Tables)
			if err != nil {
				return err
			}
			rep := verifyReport{Sources: checks, Unchanged: true}
			for _, c := range checks {
				rep.Unchanged = rep.Unchanged && c.Status == "unchanged"
			}
			if refit {
				if rep.Drift, err = definitiondb.Refit(ctx, s, d); err != nil {
					return err
				}
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), rep)
			}
			return rep.write(cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringArrayVarP(&inputs, "input", "i", nil, "the data to check (default: the definition's sources)")
	cmd.Flags().BoolVar(&refit, "refit", false, "fit again with the stored seed and report drift in assignments")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON object instead of text")
	return cmd
}

type verifyReport struct {
	Sources   []definition.SourceCheck `json:"sources"`
	Unchanged bool                     `json:"unchanged"`
	Drift     *definition.Drift        `json:"drift,omitempty"`
}

func (r verifyReport) write(w io.Writer) error {
	t := newTextTable("file", "status", "rows then", "rows now", "sha256 then", "sha256 now").alignRight(2, 3)
	for _, c := range r.Sources {
		t.add(c.File, c.Status, strconv.FormatInt(c.RowsWas, 10), strconv.FormatInt(c.RowsNow, 10), short(c.HashWas), short(c.HashNow))
	}
	if err := t.write(w); err != nil {
		return err
	}
	if r.Unchanged {
		fmt.Fprintln(w, "\nthe data are those the definition was fitted on")
	} else {
		fmt.Fprintln(w, "\nthe data differ from those the definition was fitted on")
	}
	if r.Drift != nil {
		fmt.Fprintf(w, "refit with the stored seed: %.2f%% of %d customers changed segment, adjusted Rand index %.4f, refit segments matched to stored %v\n",
			100*r.Drift.Changed, r.Drift.Customers, r.Drift.ARI, r.Drift.Matched)
	}
	return nil
}

func short(h string) string {
	if len(h) > 12 {
		return h[:12] + "…"
	}
	return h
}
