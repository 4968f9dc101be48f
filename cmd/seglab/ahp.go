package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/seglab/seglab/engine/ahp"
)

func newAhpCmd() *cobra.Command {
	var matrixPath string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "ahp --matrix FILE.csv",
		Short: "Weigh criteria from a pairwise comparison matrix (AHP)",
		Long: `Weigh criteria with the analytic hierarchy process, as used to value big customers.

The matrix file is CSV: n rows of n judgements on Saaty's 1–9 scale (a[i][j] says how much
more important criterion i is than criterion j; fractions such as 1/3 are allowed), with an
optional first row and first column of criterion names. seglab prints the weights (the
principal eigenvector), λmax, the consistency index CI = (λmax − n)/(n − 1) and the
consistency ratio CR = CI/RI with Saaty's random index. A matrix with CR above 0.1 is
refused: revise the comparisons.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if matrixPath == "" {
				return usagef("--matrix is required")
			}
			m, err := ahp.ReadMatrixFile(matrixPath)
			if err != nil {
				return err
			}
			r, err := ahp.Weigh(m.Values)
			if err != nil && !errors.Is(err, ahp.ErrInconsistent) {
				return fmt.Errorf("%s: %w", matrixPath, err)
			}
			if asJSON {
				writeAhpJSON(cmd.OutOrStdout(), m, r)
			} else {
				writeAhpTable(cmd.OutOrStdout(), m, r)
			}
			if err != nil {
				return fmt.Errorf("%s: %w", matrixPath, err)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&matrixPath, "matrix", "", "CSV file with the pairwise comparison matrix")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON object instead of a table")
	return cmd
}

func writeAhpJSON(w io.Writer, m ahp.Matrix, r ahp.Result) {
	type weight struct {
		Criterion string  `json:"criterion"`
		Weight    float64 `json:"weight"`
	}
	out := struct {
		Weights          []weight `json:"weights"`
		LambdaMax        float64  `json:"lambda_max"`
		ConsistencyIndex float64  `json:"consistency_index"`
		RandomIndex      float64  `json:"random_index"`
		ConsistencyRatio float64  `json:"consistency_ratio"`
		Consistent       bool     `json:"consistent"`
	}{LambdaMax: r.LambdaMax, ConsistencyIndex: r.ConsistencyIndex, RandomIndex: r.RandomIndex,
		ConsistencyRatio: r.ConsistencyRatio, Consistent: r.Consistent()}
	for i, c := range m.Criteria {
		out.Weights = append(out.Weights, weight{c, r.Weights[i]})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	_ = enc.Encode(out)
}

func writeAhpTable(w io.Writer, m ahp.Matrix, r ahp.Result) {
	t := newTextTable("criterion", "weight").alignRight(1)
	for i, c := range m.Criteria {
		t.add(c, fmt.Sprintf("%.4f", r.Weights[i]))
	}
	_ = t.write(w)
	verdict := "consistent"
	if !r.Consistent() {
		verdict = "INCONSISTENT"
	}
	fmt.Fprintf(w, "\nλmax %.4f   CI %.4f   RI %.2f   CR %.4f (%s; limit %.1f)\n",
		r.LambdaMax, r.ConsistencyIndex, r.RandomIndex, r.ConsistencyRatio, verdict, ahp.MaxConsistencyRatio)
}
