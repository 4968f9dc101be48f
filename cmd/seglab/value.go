package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/seglab/seglab/engine/ahp"
	"github.com/seglab/seglab/engine/data"
	"github.com/seglab/seglab/engine/portrait"
	"github.com/seglab/seglab/engine/portrait/portraitdb"
	"github.com/seglab/seglab/engine/source"
	"github.com/seglab/seglab/engine/widetable"
	"github.com/seglab/seglab/queries"
)

func newValueCmd() *cobra.Command {
	var (
		inputs     []string
		matrixPath string
		out        string
		top        float64
		show       int
		normalise  string
		asJSON     bool
	)
	cmd := &cobra.Command{
		Use:   "value --input PATH [--matrix FILE.csv] [--out FILE]",
		Short: "Score and rank business customers by value (AHP on six dimensions)",
		Long: `Score every business customer (customer_type = business) on the six dimensions of
big-customer value and mark the most valuable (by default the top 20 %):

  purchase_level  购电水平  annual_kwh
  profit          利润      avg_monthly_bill (revenue billed per month; no cost is known)
  loyalty         忠诚度    tenure_years
  credit          信用状况  credit_score
  growth          发展潜力  usage_trend
  profitability   盈利能力  avg_monthly_bill / contract_capacity_kva (revenue per kVA reserved)

Each dimension is normalised to 0–1 among business customers: the percentile rank
(r − 1)/(n − 1) with mid-ranks for ties (--normalise rank, the default, robust to the few
very large customers), or min–max (--normalise minmax). An unknown value counts 0.5.
The score is the sum of the normalised values weighted by AHP weights from a pairwise
comparison matrix: the built-in one (purchase level and profit first), or --matrix FILE.csv
(6×6, Saaty's 1–9 scale, fractions allowed; criteria named by key or Chinese label in any
order, or unnamed in the order above). A matrix with CR above 0.1 is refused.
The first ⌈top × n⌉ customers by score (ties by customer id) are marked top.

--out writes every business customer: value_rank, customer_id, value_score, value_top, the
six raw values and the six normalised ones (n_*), as CSV or Parquet.`,
		Example: `  seglab value --input sample-data
  seglab value --input exports/ --matrix value.csv --top 0.2 --out value.parquet --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			eopts, err := exportOptions(cmd)
			if err != nil {
				return err
			}
			if len(inputs) == 0 {
				return usagef("give the data with --input PATH (a wide table, or a folder of raw exports)")
			}
			if !(top > 0 && top <= 1) {
				return usagef("--top must be a share in (0, 1], got %v", top)
			}
			if normalise != string(portrait.PercentileRank) && normalise != string(portrait.MinMax) {
				return usagef("--normalise %q: use rank or minmax", normalise)
			}
			if show < 0 {
				return usagef("--show must not be negative")
			}
			if out != "" {
				if _, err := source.OutputFormat(out); err != nil {
					return usagef("%v", err)
				}
			}
			if err := source.GuardOutputs(append(inputs, matrixPath), out); err != nil {
				return err
			}
			opts := portrait.ValueOptions{Top: top, Normalisation: portrait.Normalisation(normalise), MatrixFile: matrixPath}
			if matrixPath != "" {
				m, err := ahp.ReadMatrixFile(matrixPath)
				if err != nil {
					return err
				}
				opts.Matrix = &m
			}
			s, err := openWide(cmd, inputs)
			if err != nil {
				return err
			}
			defer s.Close()
			ctx := cmd.Context()
			res, err := portraitdb.Value(ctx, s.DB(), opts)
			if errors.Is(err, ahp.ErrInconsistent) {
				writeValueWeights(cmd.OutOrStdout(), res)
				name := matrixPath
				if name == "" {
					name = "the built-in matrix"
				}
				return fmt.Errorf("%s: %w", name, err)
			}
			if err != nil {
				return err
			}
			if out != "" {
				if err := source.Export(ctx, s.DB(), queries.Template("select_all", map[string]string{"Relation": portrait.ValueTable, "Order": "value_rank"}), out, eopts...); err != nil {
					return err
				}
			}
			if show > 0 && show < len(res.Ranking) {
				res.Ranking = res.Ranking[:show]
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), res)
			}
			writeValueWeights(cmd.OutOrStdout(), res)
			return writeValueRanking(cmd.OutOrStdout(), res, out)
		},
	}
	f := cmd.Flags()
	f.StringArrayVarP(&inputs, "input", "i", nil, "wide table (CSV/Parquet) or raw export files/folders (repeatable)")
	f.StringVar(&matrixPath, "matrix", "", "6×6 pairwise comparison matrix, CSV (default: the built-in one)")
	f.StringVarP(&out, "out", "o", "", "write every business customer's score: FILE.csv or FILE.parquet")
	f.Float64Var(&top, "top", 0.2, "share of business customers marked top")
	f.IntVar(&show, "show", 20, "rows of the ranking to print (0: all)")
	f.StringVar(&normalise, "normalise", "rank", "normalisation of the dimensions: rank (percentile rank) or minmax")
	f.BoolVar(&asJSON, "json", false, "print one JSON object instead of tables (ranking cut to --show rows)")
	return cmd
}

// openWide loads inputs into a fresh session and makes the relation wide. The caller closes
// the session.
func openWide(cmd *cobra.Command, inputs []string) (*data.Session, error) {
	s, err := openSession(cmd)
	if err != nil {
		return nil, err
	}
	if _, err := source.Open(cmd.Context(), s, inputs, widetable.DefaultRules()); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func writeValueWeights(w io.Writer, r *portrait.ValueResult) {
	t := newTextTable("criterion", "维度", "from", "weight").alignRight(3)
	for i, c := range r.Criteria {
		t.add(c.Key, c.LabelZH, c.Definition, fmt.Sprintf("%.4f", r.AHP.Weights[i]))
	}
	_ = t.write(w)
	verdict := "consistent"
	if !r.AHP.Consistent() {
		verdict = "INCONSISTENT"
	}
	fmt.Fprintf(w, "\nλmax %.4f   CI %.4f   RI %.2f   CR %.4f (%s; limit %.1f)\n",
		r.AHP.LambdaMax, r.AHP.ConsistencyIndex, r.AHP.RandomIndex, r.AHP.ConsistencyRatio, verdict, ahp.MaxConsistencyRatio)
}

func writeValueRanking(w io.Writer, r *portrait.ValueResult, out string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "\n%d business customers scored (normalisation: %s); top %.0f %% = %d customers.\n",
		r.Customers, r.Normalisation, 100*r.Top, r.TopCount)
	for i, n := range r.Missing {
		if n > 0 {
			fmt.Fprintf(&b, "%d customers have no %s (counted 0.5).\n", n, r.Criteria[i].Key)
		}
	}
	header := []string{"rank", "customer_id", "score", "top"}
	for _, c := range r.Criteria {
		header = append(header, c.Key)
	}
	t := newTextTable(header...).alignRight(0, 2, 4, 5, 6, 7, 8, 9)
	for _, row := range r.Ranking {
		mark := ""
		if row.Top {
			mark = "*"
		}
		cells := []string{fmt.Sprint(row.Rank), row.CustomerID, fmt.Sprintf("%.4f", row.Score), mark}
		for _, v := range row.Normalised {
			cells = append(cells, fmt.Sprintf("%.3f", v))
		}
		t.add(cells...)
	}
	fmt.Fprintf(&b, "\nRanking (first %d; dimensions normalised 0–1)\n", len(r.Ranking))
	_ = t.write(&b)
	if out != "" {
		fmt.Fprintf(&b, "\nwrote %s: %d business customers\n", out, r.Customers)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
