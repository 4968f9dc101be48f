package portraitdb

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"math"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/seglab/seglab/engine/inputerr"
	"github.com/seglab/seglab/engine/portrait"
	"github.com/seglab/seglab/engine/prep"
	"github.com/seglab/seglab/engine/profile"
	"github.com/seglab/seglab/engine/profile/profiledb"
	"github.com/seglab/seglab/engine/sweep"
	"github.com/seglab/seglab/queries"
)

// Features clustered on, by mode. Exports: the shares of bills paid early and late, the mean
// days before the due date (winsorised at the 1st and 99th percentiles), and the shares of
// payments by channel family. Wide: late payments, mean days late (winsorised) and the family
// of the main payment channel. All scaled min–max to 0–1, so a share counts as itself.
var (
	exportFeatures = []prep.DimSpec{
		{Column: "early_share", Kind: prep.Numeric},
		{Column: "late_share", Kind: prep.Numeric},
		{Column: "mean_days_before_due", Kind: prep.Numeric, Transform: prep.Winsorize, WinsorLow: 0.01, WinsorHigh: 0.99},
		{Column: "counter_share", Kind: prep.Numeric},
		{Column: "bank_share", Kind: prep.Numeric},
		{Column: "online_share", Kind: prep.Numeric},
		{Column: "self_service_share", Kind: prep.Numeric},
		{Column: "prepaid_share", Kind: prep.Numeric},
	}
	wideFeatures = []prep.DimSpec{
		{Column: "late_payment_count", Kind: prep.Numeric},
		{Column: "avg_days_late", Kind: prep.Numeric, Transform: prep.Winsorize, WinsorLow: 0.01, WinsorHigh: 0.99},
		{Column: "main_channel_family", Kind: prep.Categorical},
	}
	// extra numeric features of the exports mode, summarised but not clustered on
	exportSummaries = []string{"on_time_share", "bills_timed", "payments"}
)

// Payment segments the residential customers of wide by payment behaviour (seed 004: payment
// date relative to the due date, and payment channel). With the raw billing and payments
// exports in db (raw_billing, raw_payments) it uses every bill of the 12 bill months to the
// reference date (queries/portrait/payment.sql); otherwise wide's late payments, mean days
// late and main channel (payment_wide.sql). The features are clustered with k-means (engine
// prep, sweep); every residential customer gets one segment (those with a missing feature the
// nearest centre over the features they have), named after the segment's timing — late when
// its mean late share is 30 % or more (exports) or its mean late payments 2 or more (wide),
// else early when its mean early share is 50 % or more, else on time — and its main channel
// family. The segments are then profiled with engine/profile/profiledb over payment_profile.
func Payment(ctx context.Context, db *sql.DB, opts portrait.PaymentOptions) (*portrait.PaymentResult, error) {
	if opts.EarlyDays == 0 {
		opts.EarlyDays = 7
	}
	if opts.EarlyDays < 1 {
		return nil, fmt.Errorf("portrait: early days must be at least 1, got %d", opts.EarlyDays)
	}
	if opts.K != 0 && (opts.K < 2 || opts.K > 20) {
		return nil, fmt.Errorf("portrait: k must be from 2 to 20, got %d", opts.K)
	}
	have, err := columnsOf(ctx, db, "wide")
	if err != nil {
		return nil, err
	}
	if err := require("payment behaviour", have, "customer_id", "customer_type"); err != nil {
		return nil, err
	}
	if err := ensureLookups(ctx, db); err != nil {
		return nil, err
	}
	res := &portrait.PaymentResult{EarlyDays: opts.EarlyDays, Mode: portrait.PaymentFromWide}
	rawBilling, err := relationExists(ctx, db, "raw_billing")
	if err != nil {
		return nil, err
	}
	rawPayments, err := relationExists(ctx, db, "raw_payments")
	if err != nil {
		return nil, err
	}
	features := wideFeatures
	summaries := []string(nil)
	if rawBilling && rawPayments {
		res.Mode, features, summaries = portrait.PaymentFromExports, exportFeatures, exportSummaries
		var month sql.NullString
		var ref sql.NullTime
		if err := db.QueryRowContext(ctx, queries.ReferenceMonth).Scan(&month, &ref); err != nil {
			return nil, fmt.Errorf("portrait: finding the reference month: %w", err)
		}
		if !ref.Valid {
			return nil, &inputerr.Error{Msg: "the billing export has no bills, so there is no reference date"}
		}
		res.ReferenceDate = ref.Time.Format(time.DateOnly)
		if _, err := db.ExecContext(ctx, queries.Portrait("payment.sql"),
			sql.Named("ref_date", ref.Time), sql.Named("early_days", opts.EarlyDays)); err != nil {
			return nil, fmt.Errorf("portrait: payment behaviour: %w", err)
		}
	} else {
		if err := require("payment behaviour (without the raw payments export)", have, "late_payment_count", "avg_days_late", "main_payment_channel"); err != nil {
			return nil, err
		}
		if _, err := db.ExecContext(ctx, queries.Portrait("payment_wide.sql")); err != nil {
			return nil, fmt.Errorf("portrait: payment behaviour: %w", err)
		}
	}

	ids, table, err := readFeatures(ctx, db, features, summaries)
	if err != nil {
		return nil, err
	}
	res.Customers = len(ids)
	if len(ids) < 3 {
		return nil, &inputerr.Error{ColumnName: "customer_type", Msg: fmt.Sprintf("%d residential customers; payment segments need at least 3", len(ids))}
	}
	var dims []prep.DimSpec
	for _, d := range features {
		if varies(d, table) {
			dims = append(dims, d)
			res.Dims = append(res.Dims, d.Column)
		} else {
			res.DroppedDims = append(res.DroppedDims, d.Column)
		}
	}
	if len(dims) == 0 {
		return nil, &inputerr.Error{Msg: "no payment feature varies among the residential customers; nothing to segment on"}
	}
	prepared, err := prep.Fit(prep.Spec{Dims: dims, Scaling: prep.MinMax}, table)
	if err != nil {
		return nil, err
	}
	res.Fitted = prepared.N
	so := sweep.Options{KMin: 2, KMax: sweep.DefaultKMax, NInit: opts.NInit, MaxIter: opts.MaxIter, Seed: opts.Seed,
		Bootstraps: -1, Progress: opts.Progress}
	if opts.K != 0 {
		so.KMin, so.KMax = opts.K, opts.K
	}
	if so.KMax >= prepared.N {
		so.KMax = prepared.N - 1
		so.KMin = min(so.KMin, so.KMax)
	}
	if so.KMax < 2 {
		return nil, &inputerr.Error{Msg: fmt.Sprintf("%d residential customers have every payment feature; too few to segment", prepared.N)}
	}
	sw, err := sweep.Run(ctx, prepared.X, prepared.N, prepared.D, so)
	if err != nil {
		return nil, err
	}
	res.K, res.Rule = so.KMin, fmt.Sprintf("k = %d as asked", so.KMin)
	if opts.K == 0 {
		res.K, res.Rule = sw.Recommended, sw.Rule
	}
	var fit sweep.KResult
	for _, kr := range sw.Ks {
		if kr.K == res.K {
			fit = kr
		}
	}
	res.Silhouette = profile.Number(fit.Silhouette)
	labels, _, err := prep.Score(prepared.Fitted, table, fit.Fit.Centroids, res.K)
	if err != nil {
		return nil, err
	}
	res.Segments = describeSegments(res.Mode, res.K, labels, table, features, summaries)
	segments := make([]int, len(labels))
	names := make([]string, res.K)
	for i, s := range res.Segments {
		names[i] = s.Name
	}
	for i, l := range labels {
		segments[i] = l + 1
	}
	if err := storeSegments(ctx, db, ids, segments, names); err != nil {
		return nil, err
	}
	view := "payment_profile_view.sql"
	if res.Mode == portrait.PaymentFromWide {
		view = "payment_profile_view_wide.sql"
	}
	if _, err := db.ExecContext(ctx, queries.Portrait(view)); err != nil {
		return nil, fmt.Errorf("portrait: payment profile: %w", err)
	}
	cols, err := profiledb.CatalogueColumns(ctx, db, portrait.PaymentProfileView)
	if err != nil {
		return nil, err
	}
	for i, c := range cols {
		for _, pc := range portrait.PaymentColumns {
			if pc.Name == c.Name {
				cols[i] = pc
			}
		}
	}
	res.Profile, err = profiledb.Compute(ctx, db, profile.Options{Table: portrait.PaymentProfileView, Assignments: portrait.PaymentSegmentsTable,
		ID: "customer_id", Columns: cols})
	if err != nil {
		return nil, fmt.Errorf("portrait: payment profile: %w", err)
	}
	return res, nil
}

// readFeatures reads payment_behaviour ordered by customer id.
func readFeatures(ctx context.Context, db *sql.DB, features []prep.DimSpec, summaries []string) ([]string, prep.Table, error) {
	t := prep.Table{Numeric: map[string][]float64{}, Text: map[string][]string{}}
	var numeric, text []string
	for _, d := range features {
		if d.Kind == prep.Categorical {
			text = append(text, d.Column)
		} else {
			numeric = append(numeric, d.Column)
		}
	}
	numeric = append(numeric, summaries...)
	rows, err := db.QueryContext(ctx, queries.Template("payment_read", map[string]any{
		"Table": portrait.PaymentFeaturesTable, "Numeric": numeric, "Text": text}))
	if err != nil {
		return nil, t, fmt.Errorf("portrait: reading payment features: %w", err)
	}
	defer rows.Close()
	var ids []string
	nums := make([]sql.NullFloat64, len(numeric))
	texts := make([]string, len(text))
	dest := []any{new(string)}
	for i := range nums {
		dest = append(dest, &nums[i])
	}
	for i := range texts {
		dest = append(dest, &texts[i])
	}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return nil, t, fmt.Errorf("portrait: reading payment features: %w", err)
		}
		ids = append(ids, *dest[0].(*string))
		for i, c := range numeric {
			v := math.NaN()
			if nums[i].Valid {
				v = nums[i].Float64
			}
			t.Numeric[c] = append(t.Numeric[c], v)
		}
		for i, c := range text {
			t.Text[c] = append(t.Text[c], texts[i])
		}
	}
	return ids, t, rows.Err()
}

// varies reports whether d takes at least two values among the rows that know it.
func varies(d prep.DimSpec, t prep.Table) bool {
	if d.Kind == prep.Categorical {
		seen := map[string]bool{}
		for _, v := range t.Text[d.Column] {
			if v != "" {
				seen[v] = true
			}
		}
		return len(seen) > 1
	}
	first := math.NaN()
	for _, v := range t.Numeric[d.Column] {
		switch {
		case math.IsNaN(v):
		case math.IsNaN(first):
			first = v
		case v != first:
			return true
		}
	}
	return false
}

// describeSegments summarises and names the k segments of labels (0-based).
func describeSegments(mode string, k int, labels []int, t prep.Table, features []prep.DimSpec, summaries []string) []portrait.PaymentSegment {
	segs := make([]portrait.PaymentSegment, k)
	for i := range segs {
		segs[i] = portrait.PaymentSegment{ID: i + 1, Means: map[string]profile.Number{}}
	}
	for _, l := range labels {
		segs[l].Customers++
	}
	mean := func(col string, s int) float64 {
		sum, n := 0.0, 0
		for i, l := range labels {
			if v := t.Numeric[col][i]; l == s && !math.IsNaN(v) {
				sum += v
				n++
			}
		}
		if n == 0 {
			return math.NaN()
		}
		return sum / float64(n)
	}
	used := map[string]int{}
	for s := range segs {
		seg := &segs[s]
		seg.Share = profile.Number(float64(seg.Customers) / float64(len(labels)))
		for _, d := range features {
			if d.Kind == prep.Numeric {
				seg.Means[d.Column] = profile.Number(mean(d.Column, s))
			}
		}
		for _, c := range summaries {
			seg.Means[c] = profile.Number(mean(c, s))
		}
		seg.Timing = "on_time"
		if mode == portrait.PaymentFromExports {
			if mean("late_share", s) >= 0.3 {
				seg.Timing = "late"
			} else if mean("early_share", s) >= 0.5 {
				seg.Timing = "early"
			}
			best := math.Inf(-1)
			for _, f := range portrait.Families {
				if v := mean(f.Key+"_share", s); v > best {
					best, seg.Family = v, f.Key
				}
			}
		} else {
			if mean("late_payment_count", s) >= 2 {
				seg.Timing = "late"
			}
			counts := map[string]int{}
			for i, l := range labels {
				if v := t.Text["main_channel_family"][i]; l == s && v != "" {
					counts[v]++
				}
			}
			best := 0
			for _, f := range append(portrait.Families, portrait.Family{Key: "other"}) {
				if counts[f.Key] > best {
					best, seg.Family = counts[f.Key], f.Key
				}
			}
		}
		timingEN, timingZH := map[string]string{"early": "early payers", "on_time": "on-time payers", "late": "late payers"}[seg.Timing],
			map[string]string{"early": "提前缴费", "on_time": "按期缴费", "late": "逾期缴费"}[seg.Timing]
		famEN, famZH := familyLabel(seg.Family)
		seg.Name, seg.NameZH = timingEN+", "+famEN, timingZH+"·"+famZH
		used[seg.Name]++
		if n := used[seg.Name]; n > 1 {
			seg.Name += fmt.Sprintf(" (%d)", n)
			seg.NameZH += fmt.Sprintf("（%d）", n)
		}
	}
	return segs
}

// storeSegments replaces payment_segments with one row per customer.
func storeSegments(ctx context.Context, db *sql.DB, ids []string, segments []int, names []string) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("portrait: storing payment segments: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, queries.Portrait("payment_segments_create.sql")); err != nil {
		return fmt.Errorf("portrait: storing payment segments: %w", err)
	}
	err = conn.Raw(func(dc any) error {
		app, err := duckdb.NewAppenderFromConn(dc.(driver.Conn), "", portrait.PaymentSegmentsTable)
		if err != nil {
			return err
		}
		for i, id := range ids {
			if err := app.AppendRow(id, int32(segments[i]), names[segments[i]-1]); err != nil {
				app.Close()
				return err
			}
		}
		return app.Close()
	})
	if err != nil {
		return fmt.Errorf("portrait: storing payment segments: %w", err)
	}
	return nil
}

// familyLabel returns the labels of family key ("other" for a channel outside the grouping).
func familyLabel(key string) (en, zh string) {
	for _, f := range portrait.Families {
		if f.Key == key {
			return f.LabelEN, f.LabelZH
		}
	}
	return "other", "其他"
}
