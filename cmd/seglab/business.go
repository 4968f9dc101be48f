package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/seglab/seglab/engine/portrait"
	"github.com/seglab/seglab/engine/portrait/portraitdb"
	"github.com/seglab/seglab/engine/source"
	"github.com/seglab/seglab/queries"
)

func newBusinessCmd() *cobra.Command {
	var (
		inputs []string
		rules  = portrait.DefaultTierRules()
		out    string
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "business --input PATH [--out FILE]",
		Short: "Classify business customers by industry section and tier",
		Long: `Classify the business customers (customer_type = business) by GB/T 4754 industry section
(the first letter of the industry code; all 20 sections A–T named in Chinese and English)
and tier them by supply scale:

  high_end  高端  voltage ≥ --high-kv (35 kV) or contracted capacity ≥ --high-kva (5,000 kVA)
  mid       中端  voltage ≥ --mid-kv (10 kV) or capacity ≥ --mid-kva (315 kVA)
  ordinary  普通  everything else, also when neither is known

Printed: per tier and per section the customers, annual kWh (total and mean), the mean
monthly bill, arrears over 60 days (total and customers in arrears), the mean credit score
and the credit grade mix A–E; then customers per section and tier.

--out writes every business customer with its section names and tier, CSV or Parquet.`,
		Example: `  seglab business --input sample-data
  seglab business --input wide.parquet --mid-kva 250 --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			eopts, err := exportOptions(cmd)
			if err != nil {
				return err
			}
			if len(inputs) == 0 {
				return usagef("give the data with --input PATH (a wide table, or a folder of raw exports)")
			}
			if err := rules.Validate(); err != nil {
				return usagef("%v", err)
			}
			if out != "" {
				if _, err := source.OutputFormat(out); err != nil {
					return usagef("%v", err)
				}
			}
			if err := source.GuardOutputs(inputs, out); err != nil {
				return err
			}
			s, err := openWide(cmd, inputs)
			if err != nil {
				return err
			}
			defer s.Close()
			ctx := cmd.Context()
			res, err := portraitdb.Business(ctx, s.DB(), rules)
			if err != nil {
				return err
			}
			if out != "" {
				if err := source.Export(ctx, s.DB(), queries.Template("select_all", map[string]string{"Relation": portrait.BusinessTable, "Order": "customer_id"}), out, eopts...); err != nil {
					return err
				}
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), res)
			}
			return writeBusiness(cmd.OutOrStdout(), res, out)
		},
	}
	f := cmd.Flags()
	f.StringArrayVarP(&inputs, "input", "i", nil, "wide table (CSV/Parquet) or raw export files/folders (repeatable)")
	f.Float64Var(&rules.HighKV, "high-kv", rules.HighKV, "voltage (kV) from which a customer is high-end")
	f.Float64Var(&rules.HighKVA, "high-kva", rules.HighKVA, "contracted capacity (kVA) from which a customer is high-end")
	f.Float64Var(&rules.MidKV, "mid-kv", rules.MidKV, "voltage (kV) from which a customer is mid")
	f.Float64Var(&rules.MidKVA, "mid-kva", rules.MidKVA, "contracted capacity (kVA) from which a customer is mid")
	f.StringVarP(&out, "out", "o", "", "write every business customer's section and tier: FILE.csv or FILE.parquet")
	f.BoolVar(&asJSON, "json", false, "print one JSON object instead of tables")
	return cmd
}

func tierLabel(key string) string {
	for _, t := range portrait.Tiers {
		if t.Key == key {
			return t.LabelZH
		}
	}
	return ""
}

func businessRow(first []string, g portrait.BusinessGroup, all int) []string {
	grades := make([]string, 0, 6)
	for _, n := range g.Grades {
		grades = append(grades, fmt.Sprint(n))
	}
	return append(first,
		fmt.Sprint(g.Customers), fmt.Sprintf("%.1f%%", 100*float64(g.Customers)/float64(all)),
		fmt.Sprintf("%.0f", g.KWh), fmt.Sprintf("%.0f", g.MeanKWh), fmt.Sprintf("%.0f", g.MeanMonthlyBill),
		fmt.Sprintf("%.0f", g.Arrears), fmt.Sprint(g.InArrears), fmt.Sprintf("%.1f", g.MeanCredit),
		strings.Join(grades, "/"))
}

func writeBusiness(w io.Writer, r *portrait.BusinessResult, out string) error {
	var b strings.Builder
	all := r.All.Customers
	fmt.Fprintf(&b, "%d business customers. Tiers: high-end from %g kV or %g kVA, mid from %g kV or %g kVA, else ordinary.\n\n",
		all, r.Rules.HighKV, r.Rules.HighKVA, r.Rules.MidKV, r.Rules.MidKVA)
	tail := []string{"customers", "share", "kWh", "mean kWh", "mean monthly bill", "arrears >60d", "in arrears", "mean credit", "grades A/B/C/D/E/?"}
	t := newTextTable(append([]string{"tier", "层级"}, tail...)...).alignRight(2, 3, 4, 5, 6, 7, 8, 9)
	for _, g := range r.ByTier {
		t.add(businessRow([]string{g.Tier, tierLabel(g.Tier)}, g, all)...)
	}
	t.add(businessRow([]string{"all", "合计"}, r.All, all)...)
	b.WriteString("By tier\n")
	_ = t.write(&b)

	t = newTextTable(append([]string{"section", "门类", "name"}, tail...)...).alignRight(3, 4, 5, 6, 7, 8, 9, 10)
	for _, g := range r.BySection {
		sec := g.Section
		if sec == "" {
			sec = "–"
		}
		t.add(businessRow([]string{sec, g.SectionZH, g.SectionEN}, g, all)...)
	}
	b.WriteString("\nBy industry section (GB/T 4754)\n")
	_ = t.write(&b)

	header := []string{"section", "门类"}
	for _, tier := range portrait.Tiers {
		header = append(header, tier.Key)
	}
	t = newTextTable(header...).alignRight(2, 3, 4)
	for _, g := range r.BySection {
		row := []string{g.Section, g.SectionZH}
		if g.Section == "" {
			row[0] = "–"
		}
		for _, tier := range portrait.Tiers {
			n := 0
			for _, c := range r.TierSection {
				if c.Tier == tier.Key && c.Section == g.Section {
					n = c.Customers
				}
			}
			row = append(row, fmt.Sprint(n))
		}
		t.add(row...)
	}
	b.WriteString("\nCustomers by section and tier\n")
	_ = t.write(&b)
	if out != "" {
		fmt.Fprintf(&b, "\nwrote %s: %d business customers\n", out, all)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
