package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/spf13/cobra"

	"github.com/seglab/seglab/engine/inputerr"
	"github.com/seglab/seglab/engine/profile"
	"github.com/seglab/seglab/engine/profile/profiledb"
	"github.com/seglab/seglab/engine/source"
	"github.com/seglab/seglab/engine/workspace"
)

func newProfileCmd() *cobra.Command {
	var (
		inputs      []string
		assignments string
		id          string
		reference   string
		minAnswers  int
		asJSON      bool
		out, lang   string
	)
	cmd := &cobra.Command{
		Use:   "profile --input PATH --assignments FILE",
		Short: "Describe what makes each segment different",
		Long: `Profile a segmentation: what makes each segment different from all customers.

--input is a customer wide table (CSV or Parquet, one row per customer), or raw exports
(files or folders) from which the wide table is built. --assignments is a CSV or Parquet
file with the id column and segment (whole numbers from 1), optionally segment_name, as
'seglab cluster --out' writes it. Every customer must have exactly one segment.

Printed: segment sizes and generated descriptions (English and Chinese); per numeric
column the mean per segment with its standardised difference and one-way ANOVA; per
categorical column the shares with chi-square and Cramér's V; survey coverage with 95 %
confidence intervals; satisfaction versus outages per segment (quadrants against the
reference lines) and per region (best region marked *); flagged opportunities. The tests
are descriptive: the segments were built to differ.

--json prints one object with these keys (numbers that are undefined are null):
  note_en, note_zh      how to read the tests
  customers             customers profiled
  segments[]            segment, name, customers, share, description_en, description_zh,
                        traits[] (column, kind, value, direction, score, segment_value,
                        overall_value, phrase_en, phrase_zh)
  numeric[]             column, label_en, label_zh, overall and segments[] (segment, count,
                        mean, sd, q1, median, q3, positive_share, index, std_diff),
                        anova (f, p, eta_squared, df_between, df_within)
  categorical[]         column, label_en, label_zh, overall[] (value, count, share, lift),
                        segments[] (segment, count, shares[] in overall's order),
                        chi_square (chi2, df, p, cramers_v)
  survey[]              segment, customers, answers, coverage, mean, sd, ci95_half_width,
                        ci95_low, ci95_high, too_few, reason  (null without satisfaction)
  satisfaction_outage   reference (filter, customers, answers, outage_ratio, satisfaction),
                        min_answers, points[] (segment, customers, answers, outage_ratio,
                        satisfaction, quadrant, quadrant_en, quadrant_zh, best_region),
                        regions[] (segment, region, customers, answers, satisfaction,
                        ci95_half_width, outage_ratio, best)
  opportunities[]       segment, flags, indicators[] (key, label_en, label_zh,
                        segment_value, population_value, ratio, flag, reason_en,
                        reason_zh), main_payment_channel and main_contact_channel
                        (value, share, population_share)
  skipped_columns[]     column, reason`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(inputs) == 0 || assignments == "" {
				return usagef("--input and --assignments are required")
			}
			if lang != "en" && lang != "zh" {
				return usagef("--lang %q: use zh or en", lang)
			}
			if out != "" {
				if f, err := source.OutputFormat(out); err != nil || f != "xlsx" {
					return usagef("--out %s: the profile is written as an Excel workbook; name it .xlsx", out)
				}
				if err := source.GuardOutputs(append(inputs, assignments), out); err != nil {
					return err
				}
			}
			opts := profile.Options{ID: id, MinAnswers: minAnswers}
			if reference != "" {
				col, val, ok := strings.Cut(reference, "=")
				if !ok || col == "" {
					return usagef("--reference must be COLUMN=VALUE, got %q", reference)
				}
				opts.Reference = &profile.Filter{Column: col, Value: val}
			}
			r, err := runProfile(cmd, inputs, assignments, opts)
			if err != nil {
				return err
			}
			if out != "" {
				var sheets []source.Sheet
				for _, t := range r.Tables(lang) {
					sheets = append(sheets, source.Sheet{Name: t.Name, Header: t.Header, Rows: t.Rows})
				}
				if err := source.WriteSheets(out, sheets); err != nil {
					return err
				}
			}
			if asJSON {
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				return enc.Encode(r)
			}
			return writeProfile(cmd.OutOrStdout(), r)
		},
	}
	cmd.Flags().StringArrayVarP(&inputs, "input", "i", nil, "wide-table file, or raw export files or folders (repeatable)")
	cmd.Flags().StringVar(&assignments, "assignments", "", "CSV or Parquet with the id column and segment")
	cmd.Flags().StringVar(&id, "id", "customer_id", "id column in both files")
	cmd.Flags().StringVar(&reference, "reference", "", "reference population for the chart, COLUMN=VALUE (e.g. customer_type=residential)")
	cmd.Flags().IntVar(&minAnswers, "min-answers", 30, "survey answers a segment or region needs for its mean to count")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON object instead of tables")
	cmd.Flags().StringVar(&out, "out", "", "also write the profile to FILE.xlsx: sheets segments, numeric and categorical")
	cmd.Flags().StringVar(&lang, "lang", "en", "language of labels and descriptions in --out: en or zh")
	return cmd
}

// runProfile loads the inputs and the assignments into a fresh workspace and profiles the
// segmented customers (those with a segment), as the workbench and the report do.
func runProfile(cmd *cobra.Command, inputs []string, assignmentsPath string, opts profile.Options) (*profile.Result, error) {
	ctx := cmd.Context()
	wopts, err := workspaceOptions(cmd)
	if err != nil {
		return nil, err
	}
	wopts.Readable, wopts.Writable = []string{assignmentsPath}, []string{} // reads, writes nothing
	ws, err := workspace.Open(ctx, inputs, wopts)
	if err != nil {
		return nil, err
	}
	defer ws.Close()
	wideSource := strings.Join(inputs, ", ")
	assigned, err := ws.Session().Load(ctx, assignmentsPath)
	if err != nil {
		return nil, err
	}
	opts.Assignments = assigned[0].Name
	r, err := ws.Profile(ctx, opts)
	var mc *profiledb.MissingColumnError
	var me *profiledb.MatchError
	switch {
	case errors.As(err, &mc):
		file := wideSource
		if mc.Relation == opts.Assignments {
			file = assignmentsPath
		}
		return nil, &inputerr.Error{File: file, ColumnName: mc.Column,
			Msg: fmt.Sprintf("no such column (columns: %s); name the id column with --id", strings.Join(mc.Have, ", "))}
	case errors.As(err, &me):
		return nil, inputerr.New(assignmentsPath, "%v (customers from %s)", me, wideSource)
	}
	return r, err
}

// profNum formats x with the given decimals, or "–" when it is undefined.
func profNum(x profile.Number, decimals int) string {
	f := float64(x)
	if math.IsNaN(f) {
		return "–"
	}
	if math.IsInf(f, 0) {
		return "∞"
	}
	return fmt.Sprintf("%.*f", decimals, f)
}

// profPct formats a share as a percentage, or "–" when undefined.
func profPct(x profile.Number) string {
	if math.IsNaN(float64(x)) {
		return "–"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(x))
}

// profP formats a p-value, writing tiny ones as <0.0001.
func profP(p profile.Number) string {
	if f := float64(p); !math.IsNaN(f) && f < 1e-4 {
		return "<0.0001"
	}
	return profNum(p, 4)
}

// writeProfile prints the result as compact aligned tables, one section after another.
func writeProfile(w io.Writer, r *profile.Result) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%d customers in %d segments", r.Customers, len(r.Segments))
	if r.Unassigned > 0 {
		fmt.Fprintf(&b, " (%d customers without a segment are outside the segmented population and left out)", r.Unassigned)
	}
	fmt.Fprintf(&b, ".\nNote: %s\n注：%s\n\n", r.NoteEN, r.NoteZH)

	t := newTextTable("segment", "name", "customers", "share", "description").alignRight(0, 2, 3)
	for _, s := range r.Segments {
		t.add(fmt.Sprint(s.ID), s.Name, fmt.Sprint(s.Customers), profPct(s.Share), s.DescriptionEN)
		t.add("", "", "", "", s.DescriptionZH)
	}
	profSection(&b, "Segments", t)

	header := []string{"numeric column", "overall"}
	for _, s := range r.Segments {
		header = append(header, fmt.Sprintf("seg %d mean (d)", s.ID))
	}
	header = append(header, "F", "p", "η²")
	t = newTextTable(header...)
	for i := 1; i < len(header); i++ {
		t.alignRight(i)
	}
	for _, np := range r.Numeric {
		row := []string{np.Column, profNum(np.Overall.Mean, 2)}
		for _, s := range np.Segments {
			row = append(row, fmt.Sprintf("%s (%s)", profNum(s.Mean, 2), profSigned(s.StdDiff)))
		}
		t.add(append(row, profNum(np.ANOVA.F, 1), profP(np.ANOVA.P), profNum(np.ANOVA.EtaSquared, 3))...)
	}
	profSection(&b, "Numeric columns: mean per segment (standardised difference)", t)

	header = []string{"categorical column", "value", "overall"}
	for _, s := range r.Segments {
		header = append(header, fmt.Sprintf("seg %d", s.ID))
	}
	header = append(header, "χ²", "p", "V")
	t = newTextTable(header...)
	for i := 2; i < len(header); i++ {
		t.alignRight(i)
	}
	for _, cp := range r.Categorical {
		for i, v := range cp.Overall {
			row := []string{"", v.Value, profPct(v.Share)}
			if i == 0 {
				row[0] = cp.Column
			}
			for _, s := range cp.Segments {
				row = append(row, profPct(s.Shares[i].Share))
			}
			if i == 0 {
				row = append(row, profNum(cp.ChiSquare.Chi2, 1), profP(cp.ChiSquare.P), profNum(cp.ChiSquare.CramersV, 3))
			}
			t.add(row...)
		}
	}
	profSection(&b, "Categorical columns: share per segment", t)

	if r.Survey != nil {
		t = newTextTable("segment", "customers", "answers", "coverage", "mean", "95% CI", "note").alignRight(0, 1, 2, 3, 4)
		for _, s := range r.Survey {
			t.add(fmt.Sprint(s.Segment), fmt.Sprint(s.Customers), fmt.Sprint(s.Answers), profPct(s.Coverage),
				profNum(s.Mean, 2), fmt.Sprintf("%s–%s", profNum(s.Low, 2), profNum(s.High, 2)), s.Reason)
		}
		profSection(&b, "Survey coverage", t)
	}

	if so := r.SatisfactionOutage; so != nil {
		ref := "all segmented customers"
		if so.Reference.Filter != "" {
			ref = so.Reference.Filter
		}
		fmt.Fprintf(&b, "Satisfaction versus outages (reference %s: outage ratio %s, satisfaction %s)\n",
			ref, profNum(so.Reference.OutageRatio, 2), profNum(so.Reference.Satisfaction, 2))
		t = newTextTable("segment", "customers", "outages/customer", "satisfaction", "answers", "quadrant", "象限", "best region").alignRight(0, 1, 2, 3, 4)
		for _, p := range so.Points {
			t.add(fmt.Sprint(p.Segment), fmt.Sprint(p.Customers), profNum(p.OutageRatio, 2), profNum(p.Satisfaction, 2),
				fmt.Sprint(p.Answers), p.QuadrantEN, p.QuadrantZH, p.BestRegion)
		}
		profSection(&b, "", t)
		if so.Regions != nil {
			t = newTextTable("segment", "region", "customers", "answers", "satisfaction", "± 95%", "outages/customer", "best").alignRight(0, 2, 3, 4, 5, 6)
			for _, c := range so.Regions {
				best := ""
				if c.Best {
					best = "*"
				}
				t.add(fmt.Sprint(c.Segment), c.Region, fmt.Sprint(c.Customers), fmt.Sprint(c.Answers),
					profNum(c.Satisfaction, 2), profNum(c.HalfWidth, 2), profNum(c.OutageRatio, 2), best)
			}
			profSection(&b, fmt.Sprintf("By region (best: highest satisfaction with ≥ %d answers)", so.MinAnswers), t)
		}
	}

	t = newTextTable("segment", "flag", "reason", "原因")
	for _, op := range r.Opportunities {
		for _, in := range op.Indicators {
			if in.Flag {
				t.add(fmt.Sprint(op.Segment), in.Key, in.ReasonEN, in.ReasonZH)
			}
		}
		for _, ch := range []struct {
			key string
			c   *profile.Channel
		}{{"main_payment_channel", op.PaymentChannel}, {"main_contact_channel", op.ContactChannel}} {
			if ch.c != nil {
				t.add(fmt.Sprint(op.Segment), ch.key, fmt.Sprintf("%s (%s of the segment, %s overall)", ch.c.Value, profPct(ch.c.Share), profPct(ch.c.PopulationShare)), "")
			}
		}
	}
	profSection(&b, "Opportunities", t)

	for _, s := range r.Skipped {
		fmt.Fprintf(&b, "skipped column %s: %s\n", s.Column, s.Reason)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// profSigned formats a standardised difference with its sign.
func profSigned(x profile.Number) string {
	if math.IsNaN(float64(x)) {
		return "–"
	}
	return fmt.Sprintf("%+.2f", float64(x))
}

// profSection writes an optional title, the table and a blank line.
func profSection(b *strings.Builder, title string, t *textTable) {
	if title != "" {
		b.WriteString(title + "\n")
	}
	_ = t.write(b)
	b.WriteString("\n")
}
