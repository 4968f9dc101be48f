package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/seglab/seglab/engine/data"
)

func newDescribeCmd() *cobra.Command {
	var inputs []string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "describe --input PATH...",
		Short: "Load exports and describe their tables and columns",
		Long: `Load CSV or Parquet exports (files, or folders holding them) and print each table:
its source, the export kind it was recognised as, its rows, and per column the type,
share of NULLs, distinct values, min / max and, for numbers, mean and quartiles.

Distinct counts and quartiles are approximate on large tables.`,
		Example: `  seglab describe --input exports/
  seglab describe --input 客户档案.csv --input 电费账单.csv --json`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			paths := append(inputs, args...)
			if len(paths) == 0 {
				return usagef("describe needs at least one --input PATH (a file or folder)")
			}
			limit, _ := cmd.Flags().GetString("memory-limit")
			return runDescribe(cmd.Context(), cmd.OutOrStdout(), paths, asJSON, limit)
		},
	}
	cmd.Flags().StringArrayVarP(&inputs, "input", "i", nil, "export file or folder to load (repeatable)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON instead of text tables")
	return cmd
}

// describedTable is one table in describe's JSON output.
type describedTable struct {
	Name    string            `json:"name"`
	Source  string            `json:"source"`
	Kind    string            `json:"kind"`
	Rows    int64             `json:"rows"`
	Columns []describedColumn `json:"columns"`
	// NearMiss, for a table that is no export, says which export it resembles and lacks.
	NearMiss string `json:"near_miss,omitempty"`
}

// describedColumn is one column in describe's JSON output; numeric statistics are absent for
// columns that are not numbers.
type describedColumn struct {
	Name      string  `json:"name"`
	Type      string  `json:"type"`
	NullShare float64 `json:"null_share"`
	Distinct  int64   `json:"distinct"`
	// DistinctEstimated says Distinct is an estimate (counted exactly below 100,000).
	DistinctEstimated bool     `json:"distinct_estimated"`
	Min               string   `json:"min"`
	Max               string   `json:"max"`
	Mean              *float64 `json:"mean,omitempty"`
	Std               *float64 `json:"std,omitempty"`
	Q25               *float64 `json:"q25_approx,omitempty"`
	Q50               *float64 `json:"median_approx,omitempty"`
	Q75               *float64 `json:"q75_approx,omitempty"`
}

// runDescribe loads paths into a fresh in-memory session, its DuckDB capped at memoryLimit
// (as data.Options.MemoryLimit), and writes their description to w.
func runDescribe(ctx context.Context, w io.Writer, paths []string, asJSON bool, memoryLimit string) error {
	s, err := data.Open(data.Options{MemoryLimit: memoryLimit})
	if err != nil {
		return err
	}
	defer s.Close()
	tables, err := s.Load(ctx, paths...)
	if err != nil {
		return err
	}
	out := make([]describedTable, len(tables))
	for i, t := range tables {
		stats, err := s.Describe(ctx, t.Name)
		if err != nil {
			return err
		}
		out[i] = describedTable{Name: t.Name, Source: t.Source, Kind: string(t.Kind), Rows: t.Rows}
		if t.NearMiss != nil {
			out[i].NearMiss = t.NearMiss.String()
		}
		for _, c := range stats {
			dc := describedColumn{Name: c.Name, Type: c.Type, NullShare: c.NullShare, Distinct: c.Distinct, DistinctEstimated: c.DistinctEstimated, Min: c.Min, Max: c.Max}
			if c.Numeric {
				dc.Mean, dc.Std, dc.Q25, dc.Q50, dc.Q75 = finite(c.Mean), finite(c.Std), finite(c.Q25), finite(c.Q50), finite(c.Q75)
			}
			out[i].Columns = append(out[i].Columns, dc)
		}
	}
	warnings := []string{}
	for _, w := range s.Warnings() {
		warnings = append(warnings, w.String())
	}
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(map[string]any{"tables": out, "warnings": warnings})
	}
	if err := writeDescription(w, out); err != nil {
		return err
	}
	for _, warning := range warnings {
		if _, err := fmt.Fprintf(w, "warning: %s\n", warning); err != nil {
			return err
		}
	}
	return nil
}

// finite returns a pointer to x, or nil when x is NaN or infinite (JSON has no such numbers).
func finite(x float64) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return &x
}

// writeDescription prints each table as a heading line and an aligned table of its columns.
func writeDescription(w io.Writer, tables []describedTable) error {
	for i, t := range tables {
		kind := t.Kind
		if kind == "" {
			kind = "not an export"
		}
		sep := "\n"
		if i == 0 {
			sep = ""
		}
		if _, err := fmt.Fprintf(w, "%s%s  (%s, %s, %d rows)\n", sep, t.Name, t.Source, kind, t.Rows); err != nil {
			return err
		}
		if t.NearMiss != "" {
			fmt.Fprintf(w, "not recognised as an export: %s\n", t.NearMiss)
		}
		tt := newTextTable("column", "type", "null %", "distinct", "min", "max", "mean", "q25", "median", "q75").alignRight(2, 3, 6, 7, 8, 9)
		for _, c := range t.Columns {
			tt.add(c.Name, c.Type, strconv.FormatFloat(100*c.NullShare, 'f', 1, 64), distinctCell(c.Distinct, c.DistinctEstimated),
				c.Min, c.Max, num(c.Mean), num(c.Q25), num(c.Q50), num(c.Q75))
		}
		if err := tt.write(w); err != nil {
			return err
		}
	}
	return nil
}

// num formats an optional statistic with six significant digits; absent is blank.
func num(x *float64) string {
	if x == nil {
		return ""
	}
	return strconv.FormatFloat(*x, 'g', 6, 64)
}

// distinctCell is a distinct count for the text table, "≈" before an estimate.
func distinctCell(n int64, estimated bool) string {
	if estimated {
		return "≈" + strconv.FormatInt(n, 10)
	}
	return strconv.FormatInt(n, 10)
}
