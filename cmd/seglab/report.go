package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/seglab/seglab/engine/definition"
	"github.com/seglab/seglab/engine/report"
	"github.com/seglab/seglab/engine/source"
)

func newReportCmd() *cobra.Command {
	var defPath, out, lang, chartsDir string
	var inputs []string
	cmd := &cobra.Command{
		Use:   "report --definition FILE.yaml [--input PATH…] --out report.html [--lang zh|en] [--charts DIR]",
		Short: "Write the workshop report of a definition: one offline HTML file with its charts",
		Long: `Write one self-contained HTML file for the workshop that confirms a segmentation: no network,
no scripts, no external files — inline CSS and SVG charts — so it opens offline in any
browser and prints on A4.

The report holds: the data and population (sources with rows and fingerprint status,
customers in and out of the segmentation); the k sweep refitted on the same population and
dimensions with the definition's seed (elbow and silhouette charts, every metric per k, the
chosen k against the recommended one and the rule); one card per segment; the profile heat
map (index against the population); satisfaction versus outage frequency (bubbles, reference
lines at the population's averages, the four named quadrants); the region table with each
segment's best region; the flagged opportunities; the definition and its confirmation.

Without --input the data are the definition's sources, found relative to its folder.
--charts DIR also writes every chart as DIR/NAME.svg and DIR/NAME.png for slides; PNG labels
in Chinese need a CJK font on the system, and without one they are drawn in English (with a
warning). The language is --lang, else the locale (LC_ALL,
LC_MESSAGES, LANG: zh… gives Chinese).`,
		Example: `  seglab report --definition residential.yaml --out workshop.html
  seglab report -d residential.yaml -i exports-2025-06/ -o workshop.html --lang zh --charts slides/`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			paths := inputPaths(inputs, args)
			switch {
			case defPath == "":
				return usagef("report needs --definition FILE.yaml")
			case out == "":
				return usagef("report needs --out FILE.html")
			}
			if ext := strings.ToLower(filepath.Ext(out)); ext != ".html" && ext != ".htm" {
				return usagef("--out %s: name the report FILE.html", out)
			}
			if lang == "" {
				lang = report.LangFromEnv(os.Getenv)
			}
			if lang != report.EN && lang != report.ZH {
				return usagef("--lang %q: use zh or en", lang)
			}
			d, err := definition.Load(defPath)
			if err != nil {
				return err
			}
			if paths, err = definitionInputs(defPath, d, paths); err != nil {
				return err
			}
			if err := source.GuardOutputs(append(paths, defPath), out); err != nil {
				return err
			}
			ctx := cmd.Context()
			// The report and charts are written by Go; DuckDB needs to read only the inputs.
			s, opened, err := openConfinedFor(cmd, paths, nil, d)
			if err != nil {
				return err
			}
			defer s.Close()
			r, err := report.Build(ctx, s, d, report.Options{Lang: lang, DefinitionPath: defPath, Tables: opened.Tables})
			if err != nil {
				return err
			}
			if err := report.Write(r, out); err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			fmt.Fprintf(w, "wrote %s (%s): %d customers, %d in %d segments, sweep recommends k = %d\n",
				out, lang, r.Customers.Total, r.Customers.Clustered, d.K, r.Sweep.Recommended)
			if chartsDir != "" {
				files, warnings, err := report.WriteCharts(r, chartsDir, nil)
				for _, msg := range warnings {
					fmt.Fprintf(cmd.ErrOrStderr(), "seglab: warning: %s\n", msg)
				}
				if err != nil {
					return err
				}
				fmt.Fprintf(w, "wrote %d chart files to %s\n", len(files), chartsDir)
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&defPath, "definition", "d", "", "segment definition (FILE.yaml, written by cluster --save)")
	fl.StringArrayVarP(&inputs, "input", "i", nil, "wide table or raw export files/folders (repeatable; default: the definition's sources)")
	fl.StringVarP(&out, "out", "o", "", "the report to write: FILE.html")
	fl.StringVar(&lang, "lang", "", "report language, en or zh (default from LC_ALL, LC_MESSAGES or LANG)")
	fl.StringVar(&chartsDir, "charts", "", "also write every chart as DIR/NAME.svg and DIR/NAME.png")
	return cmd
}
