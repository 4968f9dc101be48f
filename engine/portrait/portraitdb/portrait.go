// Package portraitdb runs the analyses of engine/portrait in DuckDB: Tags, Value, Payment and
// Business. Each takes a context first and a *sql.DB holding wide, returns an engine/portrait
// result and prints nothing, so that it can run inside a tea.Cmd. The SQL lives in
// queries/portrait. The analyses write the session tables portrait, value_scores,
// payment_behaviour, payment_segments and business_tiers (replacing them); do not run two of
// the same kind on one database at once.
package portraitdb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/seglab/seglab/engine/inputerr"
	"github.com/seglab/seglab/engine/portrait"
	"github.com/seglab/seglab/queries"
)

// tagInputs are the columns of wide the portrait tags are made from.
var tagInputs = []string{"customer_id", "customer_type", "annual_kwh", "peak_share", "usage_trend", "usage_cv", "main_payment_channel", "complaints_12m"}

// Tags (re)creates the table portrait in db from wide: every column of wide plus the tags of
// portrait.TagColumns, with th (see portrait.Thresholds). A wide table without one of the
// columns the tags come from is an *inputerr.Error naming the column.
func Tags(ctx context.Context, db *sql.DB, th portrait.Thresholds) (*portrait.TagsResult, error) {
	if err := th.Validate(); err != nil {
		return nil, err
	}
	have, err := columnsOf(ctx, db, "wide")
	if err != nil {
		return nil, err
	}
	if err := require("the customer portrait", have, tagInputs...); err != nil {
		return nil, err
	}
	for _, c := range portrait.TagColumns {
		if have[c.Name] {
			return nil, &inputerr.Error{ColumnName: c.Name, Msg: "the customer table already has this column, which the portrait adds; rename it"}
		}
	}
	if err := ensureLookups(ctx, db); err != nil {
		return nil, err
	}
	_, err = db.ExecContext(ctx, queries.Portrait("portrait.sql"),
		sql.Named("level_low_q", th.LevelLowQuantile),
		sql.Named("level_high_q", th.LevelHighQuantile),
		sql.Named("peak_heavy_share", th.PeakHeavyShare),
		sql.Named("off_peak_share", th.OffPeakShare),
		sql.Named("trend_threshold", th.TrendThreshold),
		sql.Named("irregular_cv", th.IrregularCV),
		sql.Named("complaint_min", th.ComplaintMin),
	)
	if err != nil {
		return nil, fmt.Errorf("portrait: building the portrait: %w", err)
	}
	r := &portrait.TagsResult{Table: portrait.Table, Thresholds: th}
	if err := db.QueryRowContext(ctx, queries.Template("count_relation", map[string]string{"Relation": portrait.Table})).Scan(&r.Rows); err != nil {
		return nil, fmt.Errorf("portrait: %w", err)
	}
	for _, c := range portrait.TagColumns {
		rows, err := db.QueryContext(ctx, queries.Template("tag_counts", map[string]string{"Column": c.Name, "Table": portrait.Table}))
		if err != nil {
			return nil, fmt.Errorf("portrait: counting %s: %w", c.Name, err)
		}
		for rows.Next() {
			tc := portrait.TagCount{Tag: c.Name}
			if err := rows.Scan(&tc.Value, &tc.Customers); err != nil {
				rows.Close()
				return nil, fmt.Errorf("portrait: counting %s: %w", c.Name, err)
			}
			r.Counts = append(r.Counts, tc)
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// ensureLookups (re)creates and fills the channel-family and industry-section tables.
func ensureLookups(ctx context.Context, db *sql.DB) error {
	if _, err := db.ExecContext(ctx, queries.Portrait("channel_family_create.sql")); err != nil {
		return fmt.Errorf("portrait: channel families: %w", err)
	}
	ins := queries.Portrait("channel_family_insert.sql")
	for _, c := range portrait.ChannelFamilies {
		for _, name := range []string{c.Channel, c.English} {
			if _, err := db.ExecContext(ctx, ins, sql.Named("channel", strings.ToLower(name)), sql.Named("family", c.Family)); err != nil {
				return fmt.Errorf("portrait: channel families: %w", err)
			}
		}
	}
	if _, err := db.ExecContext(ctx, queries.Portrait("section_create.sql")); err != nil {
		return fmt.Errorf("portrait: industry sections: %w", err)
	}
	ins = queries.Portrait("section_insert.sql")
	for _, s := range portrait.Sections {
		if _, err := db.ExecContext(ctx, ins, sql.Named("section", s.Letter), sql.Named("name_zh", s.NameZH), sql.Named("name_en", s.NameEN)); err != nil {
			return fmt.Errorf("portrait: industry sections: %w", err)
		}
	}
	return nil
}

// columnsOf returns the set of column names of relation.
func columnsOf(ctx context.Context, db *sql.DB, relation string) (map[string]bool, error) {
	rows, err := db.QueryContext(ctx, queries.Template("column_names", nil), relation)
	if err != nil {
		return nil, fmt.Errorf("portrait: listing the columns of %s: %w", relation, err)
	}
	defer rows.Close()
	have := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		have[name] = true
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(have) == 0 {
		return nil, errors.New("portrait: no customer table " + relation + " is open")
	}
	return have, nil
}

// relationExists reports whether a table or view called name exists.
func relationExists(ctx context.Context, db *sql.DB, name string) (bool, error) {
	var n int
	err := db.QueryRowContext(ctx, queries.Template("exists", nil), name).Scan(&n)
	return n > 0, err
}

// require returns an *inputerr.Error naming the first of names that have lacks.
func require(purpose string, have map[string]bool, names ...string) error {
	for _, n := range names {
		if !have[n] {
			return &inputerr.Error{ColumnName: n, Msg: fmt.Sprintf("%s needs this column of the customer wide table (see 'seglab features')", purpose)}
		}
	}
	return nil
}
