// Package widetabledb builds the customer wide table (engine/widetable) in DuckDB: it checks
// the raw exports, binds the reference date and the fee-risk and credit rules into the SQL of
// package queries, and runs it.
package widetabledb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/seglab/seglab/engine/inputerr"
	"github.com/seglab/seglab/engine/widetable"
	"github.com/seglab/seglab/queries"
)

// Optional export kinds, in the order widetable.Result.Missing lists them.
var optionalExports = []string{"payments", "outages", "tickets", "survey"}

// Build creates (or replaces) the table wide in db from the raw_* relations, applying rules.
// Bad data — an empty or repeated customer id, an unreadable voltage, no bills at all, a
// missing required export — is reported as an *inputerr.Error naming the customer and value at
// fault; the table is then left as it was. Build returns an error for invalid rules without
// touching db.
//
// raw_billing must hold one bill per customer and month, each month written YYYY-MM: the
// loader (engine/data) guarantees both — it reads the forms real exports use, refuses an empty
// or unreadable month, and sums several rows of one customer and month — so Build does not
// check them again (on the worked case that check was a second pass over 3.9 M bills).
func Build(ctx context.Context, db *sql.DB, rules widetable.Rules) (widetable.Result, error) {
	start := time.Now()
	if err := rules.Validate(); err != nil {
		return widetable.Result{}, err
	}
	// Temporary stand-ins for missing exports live on one connection: use only this one.
	conn, err := db.Conn(ctx)
	if err != nil {
		return widetable.Result{}, fmt.Errorf("widetable: %w", err)
	}
	defer conn.Close()

	present, err := existingExports(ctx, conn)
	if err != nil {
		return widetable.Result{}, err
	}
	for _, kind := range []string{"customers", "billing"} {
		if !present[kind] {
			return widetable.Result{}, &inputerr.Error{Msg: fmt.Sprintf(
				"no %s export: the wide table needs the customers and billing exports", kind)}
		}
	}
	var res widetable.Result
	for _, kind := range optionalExports {
		if present[kind] {
			continue
		}
		stub := queries.StubExports[kind]
		if _, err := conn.ExecContext(ctx, stub.Create); err != nil {
			return widetable.Result{}, fmt.Errorf("widetable: standing in for the missing %s export: %w", kind, err)
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), stub.Drop)
		res.Missing = append(res.Missing, kind)
	}

	if err := checkInput(ctx, conn); err != nil {
		return widetable.Result{}, err
	}
	var refMonth sql.NullString
	var refDate sql.NullTime
	if err := conn.QueryRowContext(ctx, queries.ReferenceMonth).Scan(&refMonth, &refDate); err != nil {
		return widetable.Result{}, fmt.Errorf("widetable: finding the reference month: %w", err)
	}
	if !refMonth.Valid {
		return widetable.Result{}, &inputerr.Error{Msg: "the billing export has no bills, so there is no reference date"}
	}
	res.ReferenceMonth, res.ReferenceDate = refMonth.String, refDate.Time

	args := []any{
		sql.Named("ref_date", res.ReferenceDate),
		sql.Named("ref_month", res.ReferenceMonth),
		sql.Named("has_payments", present["payments"]),
		sql.Named("has_outages", present["outages"]),
		sql.Named("has_tickets", present["tickets"]),
		sql.Named("arrears_tolerance", rules.ArrearsTolerance),
		sql.Named("high_risk_late_count", rules.HighRiskLateCount),
		sql.Named("high_risk_days_late", rules.HighRiskDaysLate),
		sql.Named("medium_risk_late_count", rules.MediumRiskLateCount),
		sql.Named("medium_risk_days_late", rules.MediumRiskDaysLate),
		sql.Named("credit_late_penalty", rules.CreditLatePenalty),
		sql.Named("credit_day_late_penalty", rules.CreditDayLatePenalty),
		sql.Named("credit_arrears_penalty", rules.CreditArrearsPenalty),
		sql.Named("grade_a_min", rules.GradeAMin),
		sql.Named("grade_b_min", rules.GradeBMin),
		sql.Named("grade_c_min", rules.GradeCMin),
		sql.Named("grade_d_min", rules.GradeDMin),
	}
	if _, err := conn.ExecContext(ctx, queries.WideTable, args...); err != nil {
		return widetable.Result{}, fmt.Errorf("widetable: building the wide table: %w", err)
	}
	// CREATE TABLE AS reports no rows affected through the driver: count them.
	if err := conn.QueryRowContext(ctx, queries.CountWide).Scan(&res.Rows); err != nil {
		return widetable.Result{}, fmt.Errorf("widetable: counting the wide table: %w", err)
	}
	res.Elapsed = time.Since(start)
	return res, nil
}

// existingExports returns the set of export kinds whose raw_<kind> relation exists.
func existingExports(ctx context.Context, conn *sql.Conn) (map[string]bool, error) {
	rows, err := conn.QueryContext(ctx, queries.ExistingExports)
	if err != nil {
		return nil, fmt.Errorf("widetable: listing the exports: %w", err)
	}
	defer rows.Close()
	present := map[string]bool{}
	for rows.Next() {
		var kind string
		if err := rows.Scan(&kind); err != nil {
			return nil, fmt.Errorf("widetable: listing the exports: %w", err)
		}
		present[kind] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("widetable: listing the exports: %w", err)
	}
	return present, nil
}

// checkInput runs the input checks of package queries and turns the first fault found into an
// *inputerr.Error naming the customer and the value at fault.
func checkInput(ctx context.Context, conn *sql.Conn) error {
	var id, value sql.NullString
	var n int64
	checks := []struct {
		query string
		dest  []any
		fault func() *inputerr.Error
	}{
		{queries.CheckCustomerIDs, []any{&id, &n}, func() *inputerr.Error {
			if !id.Valid || id.String == "" {
				return &inputerr.Error{ColumnName: "customer_id", Msg: "the customers export has a row without a customer id"}
			}
			return &inputerr.Error{ColumnName: "customer_id", Msg: fmt.Sprintf(
				"customer %q appears %d times in the customers export; each customer must appear once", id.String, n)}
		}},
		{queries.CheckVoltages, []any{&id, &value}, func() *inputerr.Error {
			return &inputerr.Error{ColumnName: "voltage", Msg: fmt.Sprintf(
				"customer %q has voltage %q in the customers export; expected volts or kilovolts such as 220V or 10kV",
				id.String, value.String)}
		}},
	}
	for _, c := range checks {
		err := conn.QueryRowContext(ctx, c.query).Scan(c.dest...)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return fmt.Errorf("widetable: checking the exports: %w", err)
		default:
			return c.fault()
		}
	}
	return nil
}
