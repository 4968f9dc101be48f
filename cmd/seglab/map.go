package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/seglab/seglab/engine/roles"
	"github.com/seglab/seglab/engine/source"
	"github.com/seglab/seglab/engine/textsafe"
	"github.com/seglab/seglab/engine/workspace"
)

func newMapCmd() *cobra.Command {
	var inputs []string
	var out string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "map --input PATH [--out mapping.yaml]",
		Short: "Show which of your columns holds each role, and write it as a mapping file",
		Long: `Recognise the columns of your data by their roles — customer id, region, satisfaction,
outages in 12 months… — and show, for each role, the column chosen, how (your mapping, the
canonical or Chinese name, a known synonym such as 用户编号 or 客户编号, or a header that only
contains a name, which you confirm), how sure that is and sample values.

With --out, write the mapping as a YAML file: edit a column name to correct a match, move an
offered match under columns: to confirm it, and give the file to any command with
--mapping FILE. A definition saved from mapped data carries its mapping, so scoring next
quarter's files with the same headers needs nothing more.

JSON keys (--json): roles [{role, column, method, confidence, unit, samples}], id_column, out.`,
		Example: `  seglab map --input 客户宽表.csv --out mapping.yaml
  seglab cluster --mapping mapping.yaml --input 客户宽表.csv --dims 年用电量:log1p,停电次数 --k 5 --out seg.csv`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			paths := inputPaths(inputs, args)
			if len(paths) == 0 {
				return usagef("map needs the data with --input PATH")
			}
			if out != "" {
				if err := source.GuardOutputs(paths, out); err != nil {
					return err
				}
			}
			opts, err := workspaceOptions(cmd)
			if err != nil {
				return err
			}
			opts.Writable = []string{}
			ws, err := workspace.Open(cmd.Context(), paths, opts)
			if err != nil {
				return err
			}
			defer ws.Close()
			ms := ws.Roles()
			if out != "" {
				if err := workspace.SaveMapping(out, ws.Mapping(), ms); err != nil {
					return err
				}
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), struct {
					Roles    []roles.Match `json:"roles"`
					IDColumn string        `json:"id_column"`
					Out      string        `json:"out,omitempty"`
				}{ms, ws.IDColumn(), out})
			}
			return writeMatches(cmd, ms, ws.IDColumn(), out)
		},
	}
	cmd.Flags().StringArrayVarP(&inputs, "input", "i", nil, "wide table (CSV/Parquet) or raw export files/folders (repeatable)")
	cmd.Flags().StringVarP(&out, "out", "o", "", "write the mapping to this YAML file")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON object instead of a table")
	return cmd
}

// writeMatches prints the roles found, then those offered for confirmation, then the ones
// not found.
func writeMatches(cmd *cobra.Command, ms []roles.Match, idColumn, out string) error {
	w := cmd.OutOrStdout()
	t := newTextTable("role", "column", "how", "sure", "e.g.").alignRight(3)
	var missing []string
	for _, m := range ms {
		if m.Column == "" {
			missing = append(missing, m.Role)
			continue
		}
		how := string(m.Method)
		if !m.Method.Sure() {
			how += " (confirm)"
		}
		if m.Unit != "" {
			how += ", unit " + m.Unit
		}
		var samples []string
		for _, s := range m.Samples {
			samples = append(samples, textsafe.Line(s))
		}
		t.add(m.Role, textsafe.Line(m.Column), how, fmt.Sprintf("%.0f%%", 100*m.Confidence), strings.Join(samples, ", "))
	}
	if err := t.write(w); err != nil {
		return err
	}
	if len(missing) > 0 {
		fmt.Fprintf(w, "\nnot found: %s\n", strings.Join(missing, ", "))
	}
	if idColumn == "" {
		fmt.Fprintln(w, "\nno customer id column: name it in the mapping (customer_id: YOUR_COLUMN) or with --id")
	}
	if out != "" {
		fmt.Fprintf(w, "\nwrote %s\n", out)
	}
	return nil
}
