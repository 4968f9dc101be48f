package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/seglab/seglab/engine/definition"
	"github.com/seglab/seglab/engine/definition/definitiondb"
	"github.com/seglab/seglab/engine/source"
)

func newScoreCmd() *cobra.Command {
	var defPath, out, lang string
	var inputs []string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "score --definition FILE.yaml --input PATH… --out FILE.csv|FILE.parquet",
		Short: "Give every customer of an export one segment id with a saved definition",
		Long: `Apply a saved segment definition to an export or a wide table, without refitting: the
stored transforms, scaling, weights and centroids give each customer the nearest segment.

Every customer of the input gets exactly one segment id:
  - a route's segment when one of the definition's routes matches (checked in order);
  - else, inside the definition's population, the nearest centroid 1..K (a customer with
    missing values gets the centroid nearest over the dimensions it has);
  - else segment 0, "outside population" / "未纳入分群".
The output holds the id column, segment and segment_name (in --lang), one row per customer.
Columns the input lacks are all named in one error.

While scoring, DuckDB may read only the files given and write only in the output's folder.

JSON keys (--json): definition, input_rows, routed, outside, clustered, incomplete,
segments [{id, name, customers}], seconds {load, score, write, total}, out, id_column,
warnings (when customers are numbered by row).`,
		Example: `  seglab score --definition residential.yaml --input exports-2025-06/ --out scored.parquet
  seglab score --definition residential.yaml --input wide.csv --out scored.csv --lang en --json`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			eopts, err := exportOptions(cmd)
			if err != nil {
				return err
			}
			paths := inputPaths(inputs, args)
			switch {
			case defPath == "":
				return usagef("score needs --definition FILE.yaml")
			case len(paths) == 0:
				return usagef("score needs the data with --input PATH")
			case out == "":
				return usagef("score needs --out FILE.csv or FILE.parquet")
			case lang != "en" && lang != "zh":
				return usagef("--lang %q: use zh or en", lang)
			}
			if _, err := source.OutputFormat(out); err != nil {
				return usagef("%v", err)
			}
			if err := source.GuardOutputs(append(paths, defPath), out); err != nil {
				return err
			}
			start := time.Now()
			d, err := definition.Load(defPath)
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			// From here DuckDB reads only what the user opened and writes only beside --out
			// (source.Export writes a temporary file there and renames it).
			s, opened, err := openConfinedFor(cmd, paths, []string{filepath.Dir(out)}, d)
			if err != nil {
				return err
			}
			defer s.Close()
			loaded := time.Now()
			sc, err := definitiondb.Score(ctx, s, d)
			if err != nil {
				return err
			}
			scored := time.Now()
			if err := definitiondb.Write(ctx, s, d, sc, out, lang, eopts...); err != nil {
				return err
			}
			end := time.Now()
			rep := scoreReport{
				Definition: defPath, InputRows: opened.Rows, Routed: sc.Routed, Outside: sc.Outside,
				Clustered: sc.Clustered, Incomplete: sc.Incomplete, Segments: sc.Counts(d, lang),
				Out: out, IDColumn: sc.IDColumn, Status: string(d.State()),
			}
			if sc.IDColumn == "row" {
				// Fitted without an id column: the customers are numbered by row.
				rep.Warnings = []string{rowNumbersWarning}
			}
			rep.Seconds.Load = loaded.Sub(start).Seconds()
			rep.Seconds.Score = scored.Sub(loaded).Seconds()
			rep.Seconds.Write = end.Sub(scored).Seconds()
			rep.Seconds.Total = end.Sub(start).Seconds()
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), rep)
			}
			return rep.write(cmd.OutOrStdout())
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&defPath, "definition", "d", "", "segment definition to apply (FILE.yaml, written by cluster --save)")
	fl.StringArrayVarP(&inputs, "input", "i", nil, "wide table (CSV/Parquet) or raw export files/folders (repeatable)")
	fl.StringVarP(&out, "out", "o", "", "scores to write: FILE.csv or FILE.parquet")
	fl.StringVar(&lang, "lang", "zh", "language of segment_name: zh or en")
	fl.BoolVar(&asJSON, "json", false, "print one JSON object instead of text")
	return cmd
}

// scoreReport is what score prints; JSON keys are stable for scripts.
type scoreReport struct {
	Definition string             `json:"definition"`
	Status     string             `json:"status"` // draft, confirmed, changed_after_confirmation or confirmed_unsigned
	InputRows  int64              `json:"input_rows"`
	Routed     int                `json:"routed"`
	Outside    int                `json:"outside"`
	Clustered  int                `json:"clustered"`
	Incomplete int                `json:"incomplete"`
	Segments   []definition.Count `json:"segments"`
	Seconds    struct {
		Load  float64 `json:"load"`
		Score float64 `json:"score"`
		Write float64 `json:"write"`
		Total float64 `json:"total"`
	} `json:"seconds"`
	IDColumn string   `json:"id_column"`
	Out      string   `json:"out"`
	Warnings []string `json:"warnings,omitempty"`
}

func (r scoreReport) write(w io.Writer) error {
	total := r.Routed + r.Outside + r.Clustered
	fmt.Fprintf(w, "scored %d customers with %s (%s): %d by nearest centroid (%d of them with missing values, over the dimensions they have), %d by route, %d outside the population (segment 0)\n\n",
		total, r.Definition, definition.ConfirmState(r.Status).Text("en"), r.Clustered, r.Incomplete, r.Routed, r.Outside)
	t := newTextTable("segment", "name", "customers", "share").alignRight(0, 2, 3)
	for _, c := range r.Segments {
		share := 0.0
		if total > 0 {
			share = float64(c.Customers) / float64(total)
		}
		t.add(strconv.Itoa(c.ID), c.Name, strconv.Itoa(c.Customers), pct(share))
	}
	if err := t.write(w); err != nil {
		return err
	}
	for _, warning := range r.Warnings {
		fmt.Fprintf(w, "\nwarning: %s", warning)
	}
	_, err := fmt.Fprintf(w, "\nload %.2f s  score %.2f s  write %.2f s  total %.2f s\nwrote %s (%s, segment, segment_name)\n",
		r.Seconds.Load, r.Seconds.Score, r.Seconds.Write, r.Seconds.Total, r.Out, r.IDColumn)
	return err
}
