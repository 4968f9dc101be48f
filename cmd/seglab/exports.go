package main

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/seglab/seglab/engine/data"
)

func newExportsCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "exports",
		Short: "List the raw exports seglab reads: their columns, accepted headers, types and units",
		Long: `List the six kinds of raw export that 'seglab build' turns into the wide table (customers,
billing, payments, outages, 95598 tickets, survey). A file is recognised by its header: every
required column must be there, under its canonical name, its Chinese name or one of the other
wordings listed. A unit in brackets after a header is converted (停电时长(小时) → minutes).
Billing may also come with one column per month (户号, 年份, 1月电量, 1月峰时电量, 1月电费,
1月缴费截止日期, 2月电量 …, or 2024年1月电量 without a year column).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			w := cmd.OutOrStdout()
			if asJSON {
				type column struct {
					Name     string   `json:"name"`
					Chinese  string   `json:"chinese"`
					Also     []string `json:"also"`
					Type     string   `json:"type"`
					Required bool     `json:"required"`
					Units    []string `json:"units"`
				}
				type export struct {
					Kind    string   `json:"kind"`
					Title   string   `json:"title"`
					View    string   `json:"view"`
					Columns []column `json:"columns"`
				}
				var out []export
				for _, e := range data.Exports {
					x := export{Kind: string(e.Kind), Title: e.Title, View: e.Kind.View()}
					for _, c := range e.Columns {
						x.Columns = append(x.Columns, column{c.Name, c.Chinese, append([]string{}, data.Synonyms(c.Name)...),
							c.Type.Words(), !c.Optional, unitWords(c.Name)})
					}
					out = append(out, x)
				}
				enc := json.NewEncoder(w)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				return enc.Encode(out)
			}
			for i, e := range data.Exports {
				if i > 0 {
					fmt.Fprintln(w)
				}
				fmt.Fprintf(w, "%s — %s (view %s)\n", e.Kind, e.Title, e.Kind.View())
				t := newTextTable("column", "中文", "also accepted", "type", "required", "units")
				for _, c := range e.Columns {
					req := "yes"
					if c.Optional {
						req = "no: " + strings.Join(c.Features, ", ") + " empty"
					}
					t.add(c.Name, c.Chinese, strings.Join(data.Synonyms(c.Name), " / "), c.Type.String(), req, strings.Join(unitWords(c.Name), ", "))
				}
				if err := t.write(w); err != nil {
					return err
				}
			}
			fmt.Fprintln(w, "\nvalues are read in these forms:")
			for _, vt := range []data.ValueType{data.Number, data.Date, data.Timestamp, data.Month} {
				fmt.Fprintf(w, "  %s\n", vt.Words())
			}
			_, err := fmt.Fprintf(w, "monthly billing needs a year: a column %s, or the year in each header (2024年1月电量)\n",
				strings.Join(data.Synonyms("year"), " / "))
			return err
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON instead of tables")
	return cmd
}

// unitWords lists the units a header of column name may carry, as "小时 ×60".
func unitWords(name string) []string {
	out := []string{}
	for _, u := range data.Units(name) {
		out = append(out, u.Name+" ×"+strconv.FormatFloat(u.Factor, 'g', 4, 64))
	}
	return out
}
