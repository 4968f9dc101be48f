package portraitdb

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/seglab/seglab/engine/inputerr"
	"github.com/seglab/seglab/engine/portrait"
	"github.com/seglab/seglab/queries"
)

var businessInputs = []string{"customer_id", "customer_type", "customer_class", "industry_code", "industry_section",
	"voltage_kv", "contract_capacity_kva", "annual_kwh", "avg_monthly_bill", "arrears_over_60d", "credit_score", "credit_grade"}

// Business classifies the business customers of wide by industry section and tier (rules),
// writes the table business_tiers and profiles the tiers and sections. A wide table without
// the columns needed, or without business customers, is an *inputerr.Error.
func Business(ctx context.Context, db *sql.DB, rules portrait.TierRules) (*portrait.BusinessResult, error) {
	if err := rules.Validate(); err != nil {
		return nil, err
	}
	have, err := columnsOf(ctx, db, "wide")
	if err != nil {
		return nil, err
	}
	if err := require("the business classification", have, businessInputs...); err != nil {
		return nil, err
	}
	if err := ensureLookups(ctx, db); err != nil {
		return nil, err
	}
	if _, err := db.ExecContext(ctx, queries.Portrait("business.sql"),
		sql.Named("high_kv", rules.HighKV), sql.Named("high_kva", rules.HighKVA),
		sql.Named("mid_kv", rules.MidKV), sql.Named("mid_kva", rules.MidKVA)); err != nil {
		return nil, fmt.Errorf("portrait: classifying business customers: %w", err)
	}
	rows, err := db.QueryContext(ctx, queries.Portrait("business_summary.sql"))
	if err != nil {
		return nil, fmt.Errorf("portrait: profiling business customers: %w", err)
	}
	defer rows.Close()
	res := &portrait.BusinessResult{Rules: rules, Table: portrait.BusinessTable}
	for rows.Next() {
		var level string
		var tier, section, zh, en sql.NullString
		var kwh, meanKWh, bills, meanBill, arrears, credit sql.NullFloat64
		var g portrait.BusinessGroup
		if err := rows.Scan(&level, &tier, &section, &zh, &en, &g.Customers, &kwh, &meanKWh, &bills, &meanBill,
			&arrears, &g.InArrears, &credit, &g.Grades[0], &g.Grades[1], &g.Grades[2], &g.Grades[3], &g.Grades[4], &g.Grades[5]); err != nil {
			return nil, fmt.Errorf("portrait: profiling business customers: %w", err)
		}
		g.Tier, g.Section, g.SectionZH, g.SectionEN = tier.String, section.String, zh.String, en.String
		g.KWh, g.MeanKWh, g.MonthlyBills, g.MeanMonthlyBill = kwh.Float64, meanKWh.Float64, bills.Float64, meanBill.Float64
		g.Arrears, g.MeanCredit = arrears.Float64, credit.Float64
		switch level {
		case "all":
			res.All = g
		case "tier":
			res.ByTier = append(res.ByTier, g)
		case "section":
			res.BySection = append(res.BySection, g)
		default:
			res.TierSection = append(res.TierSection, g)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if res.All.Customers == 0 {
		return nil, &inputerr.Error{ColumnName: "customer_type", Msg: "no business customers to classify (customer_type is never 'business')"}
	}
	return res, nil
}
