package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/seglab/seglab/engine/data"
	"github.com/seglab/seglab/engine/sample"
	"github.com/seglab/seglab/engine/sample/parquet"
)

// sampleFlags are the options of seglab sample.
type sampleFlags struct {
	out       string
	customers int
	seed      int64
	format    string
	encoding  string
	asOf      string
	truth     bool
	force     bool
}

func newSampleCmd() *cobra.Command {
	var f sampleFlags
	cmd := &cobra.Command{
		Use:   "sample --out DIR [--customers N] [--seed S] [flags]",
		Short: "Generate realistic sample exports with a planted segment structure",
		Long: `Generate the six raw exports seglab reads (customers, billing, payments, outages,
95598 tickets and a satisfaction survey) for a made-up power supply company, with the Chinese
headers of SG186 / 95598 exports.

About 90 % of the customers are residential and belong to the six segments of the National
Grid USA case (basic-service, affluent, engaged, gas-heating, financially-stressed,
comfortable); the rest are business customers by class and GB/T 4754 industry. Segments
overlap and are noisy, as real customers are. Bills cover the 12 months ending at --as-of;
outages, tickets and survey dates the 365 days ending on that month's last day.

The same options always give byte-identical files. DIR is created if it does not exist; a
folder that already holds CSV, TSV or Parquet files (real exports, perhaps) is refused unless
--force is given, which replaces the files of the same names.`,
		Example: `  seglab sample --out data                       10,000 customers, UTF-8 CSV
  seglab sample --out big --customers 329028     the size of the worked case
  seglab sample --out gbk --encoding gbk         GBK-encoded CSV, as many exports are
  seglab sample --out pq --format parquet --truth
                                                 Parquet, plus planted_segments.csv (.parquet)
                                                 mapping customer_id to its planted segment`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts, err := f.options()
			if err != nil {
				return err
			}
			return runSample(cmd, f, opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.out, "out", "", "folder to write the exports to (required)")
	fl.IntVar(&f.customers, "customers", 10000, "number of customers")
	fl.Int64Var(&f.seed, "seed", 1, "random seed; the same seed gives the same files")
	fl.StringVar(&f.format, "format", "csv", "file format: csv or parquet")
	fl.StringVar(&f.encoding, "encoding", "utf-8", "CSV encoding: utf-8 or gbk")
	fl.StringVar(&f.asOf, "as-of", sample.DefaultAsOf, "last bill month, YYYY-MM")
	fl.BoolVar(&f.truth, "truth", false, "also write "+sample.TruthFile+" (customer_id → planted segment)")
	fl.BoolVar(&f.force, "force", false, "write into a folder that already holds data files, replacing those of the same names")
	return cmd
}

// options checks the flags and turns them into generator options; every mistake is a usage
// error.
func (f sampleFlags) options() (sample.Options, error) {
	if f.out == "" {
		return sample.Options{}, usagef("sample: --out DIR is required")
	}
	if f.customers < 1 || f.customers > sample.MaxCustomers {
		return sample.Options{}, usagef("sample: --customers must be between 1 and %d, got %d", sample.MaxCustomers, f.customers)
	}
	switch f.format {
	case "csv", "parquet":
	default:
		return sample.Options{}, usagef("sample: unknown --format %q (want csv or parquet)", f.format)
	}
	switch f.encoding {
	case "utf-8", "utf8", "gbk":
	default:
		return sample.Options{}, usagef("sample: unknown --encoding %q (want utf-8 or gbk)", f.encoding)
	}
	if f.format == "parquet" && f.encoding == "gbk" {
		return sample.Options{}, usagef("sample: --encoding applies to CSV only; Parquet text is always UTF-8")
	}
	if _, err := time.Parse("2006-01", f.asOf); err != nil || len(f.asOf) != 7 {
		return sample.Options{}, usagef("sample: --as-of %q is not a month written YYYY-MM", f.asOf)
	}
	if files, err := data.InputFiles(f.out); err == nil && !f.force {
		return sample.Options{}, usagef("sample: %s already holds data files (%s…); seglab does not write over exports — choose an empty folder, or give --force",
			f.out, filepath.Base(files[0]))
	}
	return sample.Options{Customers: f.customers, Seed: f.seed, AsOf: f.asOf, Encoding: f.encoding, Truth: f.truth}, nil
}

// runSample writes the sample and prints a one-line summary.
func runSample(cmd *cobra.Command, f sampleFlags, opts sample.Options) error {
	start := time.Now()
	if err := os.MkdirAll(f.out, 0o755); err != nil {
		return err
	}
	var (
		sum sample.Summary
		err error
	)
	if f.format == "parquet" {
		sum, err = parquet.Write(cmd.Context(), f.out, opts)
	} else {
		sum, err = sample.Write(cmd.Context(), f.out, opts)
	}
	if err != nil {
		return err
	}
	counts := make([]string, 0, len(sum.Files))
	for _, file := range sum.Files {
		counts = append(counts, fmt.Sprintf("%s %d", strings.TrimSuffix(filepath.Base(file.Path), filepath.Ext(file.Path)), file.Rows))
	}
	_, err = fmt.Fprintf(cmd.OutOrStdout(), "seglab sample: %d customers (%d residential, %d business); rows: %s; %s in %s (%s)\n",
		sum.Customers, sum.Residential, sum.Business, strings.Join(counts, ", "), f.format, f.out,
		time.Since(start).Round(time.Millisecond))
	return err
}
