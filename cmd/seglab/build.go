package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/seglab/seglab/engine/data"
	"github.com/seglab/seglab/engine/source"
	"github.com/seglab/seglab/engine/widetable"
	"github.com/seglab/seglab/queries"
)

func newBuildCmd() *cobra.Command {
	var inputs []string
	var out string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "build --input PATH... --out FILE.parquet|FILE.csv|FILE.xlsx",
		Short: "Turn raw exports into the customer wide table (one row per customer)",
		Long: `Load raw exports (customers, billing, payments, outages, 95598 tickets, survey — CSV in
UTF-8 or GBK, or Parquet; files or folders) and write the customer wide table: one row per
customer with the features listed by 'seglab features'. 'seglab exports' lists the columns
each export needs and the other headers, units and value forms accepted; plausibility
warnings (a 0–100 survey, durations in hours, totals rows…) are printed, and never stop the
build. The output format follows the file extension: .parquet, .xlsx, or .csv (UTF-8 with a
byte-order mark; --encoding gbk for older tools). The file is replaced only once it is
complete.`,
		Example: `  seglab build --input exports/ --out wide.parquet
  seglab build -i 客户档案.csv -i 电费账单.csv -i 缴费记录.csv --out wide.csv`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			paths := inputPaths(inputs, args)
			if len(paths) == 0 {
				return usagef("build needs at least one --input PATH (a file or folder of exports)")
			}
			if out == "" {
				return usagef("build needs --out FILE.parquet, FILE.csv or FILE.xlsx")
			}
			if _, err := source.OutputFormat(out); err != nil {
				return usagef("%v", err)
			}
			if err := source.GuardOutputs(paths, out); err != nil {
				return err
			}
			eopts, err := exportOptions(cmd)
			if err != nil {
				return err
			}
			return runBuild(cmd, paths, out, asJSON, eopts)
		},
	}
	cmd.Flags().StringArrayVarP(&inputs, "input", "i", nil, "export file or folder to load (repeatable)")
	cmd.Flags().StringVarP(&out, "out", "o", "", "wide table to write: FILE.parquet, FILE.csv or FILE.xlsx")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON summary instead of text")
	return cmd
}

// buildSummary is what build reports, as text or JSON.
type buildSummary struct {
	Out            string   `json:"out"`
	Customers      int64    `json:"customers"`
	ReferenceMonth string   `json:"reference_month"`
	MissingExports []string `json:"missing_exports"`
	LoadSeconds    float64  `json:"load_seconds"`
	BuildSeconds   float64  `json:"build_seconds"`
	WriteSeconds   float64  `json:"write_seconds"`
	TotalSeconds   float64  `json:"total_seconds"`
	// TablesOnDisk tells that the exports, too large for memory, were loaded into a temporary
	// database file.
	TablesOnDisk bool     `json:"tables_on_disk"`
	Warnings     []string `json:"warnings"`
}

func runBuild(cmd *cobra.Command, paths []string, out string, asJSON bool, eopts []source.ExportOption) error {
	ctx := cmd.Context()
	start := time.Now()
	onDisk := !data.TablesFitInMemory(paths)
	s, err := openSessionOn(cmd, onDisk)
	if err != nil {
		return err
	}
	defer s.Close()
	opened, err := source.Open(ctx, s, paths, widetable.DefaultRules())
	if err != nil {
		return err
	}
	if opened.Built == nil {
		msg := fmt.Sprintf("%s is not a set of raw exports (no customers export found); build turns exports into a wide table", strings.Join(paths, ", "))
		if near := data.NearMissReport(opened.Tables); near != "" {
			msg += "\n" + near
		}
		return errors.New(msg + "\n`seglab exports` lists the columns each export needs")
	}
	written := time.Now()
	// The build stores wide in customer order, and a scan keeps that order: sorting it again
	// for the file cost a tenth of the build.
	if err := source.Export(ctx, s.DB(), queries.Template("select_all", map[string]string{"Relation": source.Table}), out, eopts...); err != nil {
		return err
	}
	sum := buildSummary{
		Out:            out,
		Customers:      opened.Rows,
		ReferenceMonth: opened.Built.ReferenceMonth,
		MissingExports: append([]string{}, opened.Built.Missing...),
		BuildSeconds:   opened.Built.Elapsed.Seconds(),
		WriteSeconds:   time.Since(written).Seconds(),
		TotalSeconds:   time.Since(start).Seconds(),
		TablesOnDisk:   onDisk,
		Warnings:       []string{},
	}
	for _, w := range s.Warnings() {
		sum.Warnings = append(sum.Warnings, w.String())
	}
	sum.LoadSeconds = written.Sub(start).Seconds() - sum.BuildSeconds
	return writeBuildSummary(cmd.OutOrStdout(), sum, asJSON)
}

func writeBuildSummary(w io.Writer, sum buildSummary, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(sum)
	}
	missing := "none"
	if len(sum.MissingExports) > 0 {
		missing = strings.Join(sum.MissingExports, ", ") + " (their features are empty)"
	}
	for _, warning := range sum.Warnings {
		fmt.Fprintf(w, "warning: %s\n", warning)
	}
	if sum.TablesOnDisk {
		fmt.Fprintln(w, "the exports are larger than memory: their tables were kept in a temporary database file")
	}
	_, err := fmt.Fprintf(w, "wrote %s: %d customers as of %s; missing exports: %s\nload %.2fs  build %.2fs  write %.2fs  total %.2fs\n",
		sum.Out, sum.Customers, sum.ReferenceMonth, missing, sum.LoadSeconds, sum.BuildSeconds, sum.WriteSeconds, sum.TotalSeconds)
	return err
}
