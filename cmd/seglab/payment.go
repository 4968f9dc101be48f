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

func newPaymentCmd() *cobra.Command {
	var (
		inputs    []string
		k         int
		earlyDays int
		seed      uint64
		out       string
		asJSON    bool
	)
	cmd := &cobra.Command{
		Use:   "payment --input PATH [--k K] [--out FILE]",
		Short: "Segment residential customers by payment behaviour (timing and channel)",
		Long: `Segment the residential customers by when they pay (relative to the due date) and how
(the channel family), then profile the segments.

With the raw billing and payments exports, every bill of the 12 bill months to the reference
date is timed: paid early (settled --early-days or more before the due date, default 7), on
time (0 to early-days − 1 days before, or on the due date) or late (after it, or unpaid and
past due). The features are the shares of bills paid early and late, the mean days before
the due date, and the shares of payments by channel family:
  counter       营业厅, 合作营业厅, 社会代收点, 临时收费点, 走收
  bank          银行代收, 银行转账结算, 邮政储蓄, 同城特约委托, 银行卡
  online        网上银行, 电话银行, 手机银行
  self_service  银行自助终端, 电力自助终端
  prepaid       充值卡, IC卡预付费, 负控预付费
Given only a wide table, the features are late_payment_count, avg_days_late and the family
of main_payment_channel.

The features are scaled min–max and clustered with k-means; without --k, k = 2…7 are fitted
and the highest silhouette among the k whose segments all hold 5–50 % wins. Each segment is
named after its timing (late when its mean late share is ≥ 30 %, early when its mean early
share is ≥ 50 %, else on time) and its main channel family.

--out writes customer_id, segment, segment_name and the payment features, CSV or Parquet.`,
		Example: `  seglab payment --input sample-data
  seglab payment --input exports/ --k 5 --out payment_segments.csv --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			eopts, err := exportOptions(cmd)
			if err != nil {
				return err
			}
			if len(inputs) == 0 {
				return usagef("give the data with --input PATH (a wide table, or a folder of raw exports)")
			}
			if k != 0 && (k < 2 || k > 20) {
				return usagef("--k must be from 2 to 20 (the domain's rule: at most 7)")
			}
			if earlyDays < 1 {
				return usagef("--early-days must be at least 1")
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
			res, err := portraitdb.Payment(ctx, s.DB(), portrait.PaymentOptions{K: k, EarlyDays: earlyDays, Seed: seed})
			if err != nil {
				return err
			}
			if out != "" {
				q := queries.Template("payment_export", map[string]string{
					"Segments": portrait.PaymentSegmentsTable, "Features": portrait.PaymentFeaturesTable})
				if err := source.Export(ctx, s.DB(), q, out, eopts...); err != nil {
					return err
				}
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), res)
			}
			if err := writePayment(cmd.OutOrStdout(), res, out); err != nil {
				return err
			}
			return writeProfile(cmd.OutOrStdout(), res.Profile)
		},
	}
	f := cmd.Flags()
	f.StringArrayVarP(&inputs, "input", "i", nil, "wide table (CSV/Parquet) or raw export files/folders (repeatable)")
	f.IntVar(&k, "k", 0, "number of segments (default: chosen from 2–7 by silhouette)")
	f.IntVar(&earlyDays, "early-days", 7, "days before the due date from which a payment counts as early")
	f.Uint64Var(&seed, "seed", 0, "random seed; the same seed gives the same segments")
	f.StringVarP(&out, "out", "o", "", "write every residential customer's segment: FILE.csv or FILE.parquet")
	f.BoolVar(&asJSON, "json", false, "print one JSON object (segments and profile) instead of tables")
	return cmd
}

func writePayment(w io.Writer, r *portrait.PaymentResult, out string) error {
	var b strings.Builder
	from := "the wide table (late payments, days late, main channel)"
	if r.Mode == portrait.PaymentFromExports {
		from = "the billing and payments exports, 12 bill months to " + r.ReferenceDate
	}
	fmt.Fprintf(&b, "Payment behaviour of %d residential customers from %s.\n", r.Customers, from)
	fmt.Fprintf(&b, "Clustered on %s", strings.Join(r.Dims, ", "))
	if len(r.DroppedDims) > 0 {
		fmt.Fprintf(&b, " (left out, constant: %s)", strings.Join(r.DroppedDims, ", "))
	}
	fmt.Fprintf(&b, "; %d customers with every feature fitted.\n%s; silhouette %s.\n\n", r.Fitted, r.Rule, profNum(r.Silhouette, 3))
	var header []string
	if r.Mode == portrait.PaymentFromExports {
		header = []string{"segment", "name", "名称", "customers", "share", "early", "on time", "late", "days before due", "counter", "bank", "online", "self", "prepaid"}
	} else {
		header = []string{"segment", "name", "名称", "customers", "share", "late payments", "days late"}
	}
	t := newTextTable(header...)
	for i := 3; i < len(header); i++ {
		t.alignRight(i)
	}
	t.alignRight(0)
	for _, s := range r.Segments {
		row := []string{fmt.Sprint(s.ID), s.Name, s.NameZH, fmt.Sprint(s.Customers), profPct(s.Share)}
		if r.Mode == portrait.PaymentFromExports {
			row = append(row, profPct(s.Means["early_share"]), profPct(s.Means["on_time_share"]), profPct(s.Means["late_share"]),
				profNum(s.Means["mean_days_before_due"], 1))
			for _, f := range portrait.Families {
				row = append(row, profPct(s.Means[f.Key+"_share"]))
			}
		} else {
			row = append(row, profNum(s.Means["late_payment_count"], 2), profNum(s.Means["avg_days_late"], 1))
		}
		t.add(row...)
	}
	b.WriteString("Payment-behaviour segments (means per segment)\n")
	_ = t.write(&b)
	if out != "" {
		fmt.Fprintf(&b, "\nwrote %s: %d residential customers\n", out, r.Customers)
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}
