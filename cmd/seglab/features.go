package main

import (
	"encoding/json"
	"strings"

	"github.com/spf13/cobra"

	"github.com/seglab/seglab/queries"
)

func newFeaturesCmd() *cobra.Command {
	var asJSON bool
	var zh bool
	cmd := &cobra.Command{
		Use:   "features",
		Short: "List the columns of the customer wide table: meaning, unit and source",
		Long: `List every column of the customer wide table that 'seglab build' writes: its name, label,
kind (id, categorical, numeric), unit, the exports it comes from and what it means.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			fs := queries.Features()
			w := cmd.OutOrStdout()
			if asJSON {
				type feature struct {
					Name      string   `json:"name"`
					LabelEN   string   `json:"label_en"`
					LabelZH   string   `json:"label_zh"`
					Kind      string   `json:"kind"`
					Unit      string   `json:"unit"`
					Sources   []string `json:"sources"`
					MeaningEN string   `json:"meaning_en"`
					MeaningZH string   `json:"meaning_zh"`
				}
				out := make([]feature, len(fs))
				for i, f := range fs {
					out[i] = feature{f.Name, f.LabelEN, f.LabelZH, string(f.Kind), f.Unit, f.Sources, f.MeaningEN, f.MeaningZH}
				}
				enc := json.NewEncoder(w)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				return enc.Encode(out)
			}
			t := newTextTable("name", "label", "kind", "unit", "source", "meaning")
			for _, f := range fs {
				label, meaning := f.LabelEN, f.MeaningEN
				if zh {
					label, meaning = f.LabelZH, f.MeaningZH
				}
				t.add(f.Name, label, string(f.Kind), f.Unit, strings.Join(f.Sources, "+"), meaning)
			}
			return t.write(w)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON instead of a table")
	cmd.Flags().BoolVar(&zh, "zh", false, "labels and meanings in Chinese")
	return cmd
}
