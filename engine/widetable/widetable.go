// Package widetable builds the customer wide table (宽表): the DuckDB table wide, one row per
// customer of the customers export, with the columns listed in the feature catalogue
// (queries.Features). The work is done by the SQL in package queries; this package checks the
// input, binds the reference date and the fee-risk and credit rules, and runs it.
//
// The input is a DuckDB database holding the raw exports as the relations raw_customers,
// raw_billing (both required) and raw_payments, raw_outages, raw_tickets, raw_survey
// (optional), with the canonical columns of the export contract (seglab exports).
//
// A missing optional export makes its features NULL — unknown — rather than zero: no outages
// export does not mean no outages. Without payments, every payment feature, the fee-risk class
// and the credit score and grade are NULL; without outages or tickets, their counts are NULL;
// without survey, satisfaction is NULL. A customer with no bills gets NULL billing and payment
// features and is not an error.
package widetable

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/seglab/seglab/engine/inputerr"
	"github.com/seglab/seglab/queries"
)

// Rules are the thresholds and penalties that turn payment behaviour into the fee-risk class
// and the credit score and grade. They are bound into the SQL as parameters.
//
// Fee-risk class: 3 (high) when arrears_over_60d > ArrearsTolerance, or late_payment_count ≥
// HighRiskLateCount, or avg_days_late ≥ HighRiskDaysLate; otherwise 2 (medium) when
// late_payment_count ≥ MediumRiskLateCount or avg_days_late ≥ MediumRiskDaysLate; otherwise
// 1 (low).
//
// Credit score: 100 − CreditLatePenalty·late_payment_count − CreditDayLatePenalty·avg_days_late
// − (CreditArrearsPenalty when arrears_over_60d > ArrearsTolerance), rounded down to a whole
// number and clamped to 0–100. Grade A at GradeAMin or more, B at GradeBMin, C at GradeCMin,
// D at GradeDMin, E below.
type Rules struct {
	ArrearsTolerance    float64 // yuan of arrears over 60 days tolerated before risk is high
	HighRiskLateCount   int     // late payments in 12 months that make the risk high
	HighRiskDaysLate    float64 // mean days late that make the risk high
	MediumRiskLateCount int     // late payments in 12 months that make the risk medium
	MediumRiskDaysLate  float64 // mean days late that make the risk medium

	CreditLatePenalty    float64 // points off per late payment
	CreditDayLatePenalty float64 // points off per mean day late
	CreditArrearsPenalty float64 // points off for arrears over 60 days above ArrearsTolerance

	GradeAMin, GradeBMin, GradeCMin, GradeDMin int // lowest score of grades A, B, C and D
}

// DefaultRules returns the rules seglab uses unless told otherwise: high risk with any arrears
// over 60 days, 6 late payments or 30 mean days late; medium risk with 2 late payments or 7
// mean days late; 5 points off per late payment, 0.5 per mean day late, 30 for arrears; grades
// A 90–100, B 80–89, C 70–79, D 60–69, E below 60.
func DefaultRules() Rules {
	return Rules{
		ArrearsTolerance:     0,
		HighRiskLateCount:    6,
		HighRiskDaysLate:     30,
		MediumRiskLateCount:  2,
		MediumRiskDaysLate:   7,
		CreditLatePenalty:    5,
		CreditDayLatePenalty: 0.5,
		CreditArrearsPenalty: 30,
		GradeAMin:            90,
		GradeBMin:            80,
		GradeCMin:            70,
		GradeDMin:            60,
	}
}

// Validate reports the first rule that makes no sense: a negative threshold or penalty, a
// medium-risk threshold above the high-risk one, or grade boundaries that do not fall from A
// to D within 0–100.
func (r Rules) Validate() error {
	switch {
	case r.ArrearsTolerance < 0 || r.HighRiskLateCount < 0 || r.HighRiskDaysLate < 0 ||
		r.MediumRiskLateCount < 0 || r.MediumRiskDaysLate < 0:
		return errors.New("widetable: fee-risk thresholds must not be negative")
	case r.MediumRiskLateCount > r.HighRiskLateCount || r.MediumRiskDaysLate > r.HighRiskDaysLate:
		return errors.New("widetable: medium-risk thresholds must not exceed high-risk ones")
	case r.CreditLatePenalty < 0 || r.CreditDayLatePenalty < 0 || r.CreditArrearsPenalty < 0:
		return errors.New("widetable: credit penalties must not be negative")
	case !(100 >= r.GradeAMin && r.GradeAMin > r.GradeBMin && r.GradeBMin > r.GradeCMin &&
		r.GradeCMin > r.GradeDMin && r.GradeDMin > 0):
		return fmt.Errorf("widetable: grade boundaries must fall from A to D within 1–100, got %d, %d, %d, %d",
			r.GradeAMin, r.GradeBMin, r.GradeCMin, r.GradeDMin)
	}
	return nil
}

// Result describes a built wide table.
type Result struct {
	Rows           int64         // customers, one row each
	ReferenceMonth string        // last bill month in billing, YYYY-MM
	ReferenceDate  time.Time     // last day of ReferenceMonth (UTC midnight)
	Missing        []string      // optional exports that were absent, of payments, outages, tickets, survey
	Elapsed        time.Duration // time Build took
}

// Optional export kinds, in the order Result.Missing lists them.
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
func Build(ctx context.Context, db *sql.DB, rules Rules) (Result, error) {
	start := time.Now()
	if err := rules.Validate(); err != nil {
		return Result{}, err
	}
	// Temporary stand-ins for missing exports live on one connection: use only this one.
	conn, err := db.Conn(ctx)
	if err != nil {
		return Result{}, fmt.Errorf("widetable: %w", err)
	}
	defer conn.Close()

	present, err := existingExports(ctx, conn)
	if err != nil {
		return Result{}, err
	}
	for _, kind := range []string{"customers", "billing"} {
		if !present[kind] {
			return Result{}, &inputerr.Error{Msg: fmt.Sprintf(
				"no %s export: the wide table needs the customers and billing exports", kind)}
		}
	}
	var res Result
	for _, kind := range optionalExports {
		if present[kind] {
			continue
		}
		stub := queries.StubExports[kind]
		if _, err := conn.ExecContext(ctx, stub.Create); err != nil {
			return Result{}, fmt.Errorf("widetable: standing in for the missing %s export: %w", kind, err)
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), stub.Drop)
		res.Missing = append(res.Missing, kind)
	}

	if err := checkInput(ctx, conn); err != nil {
		return Result{}, err
	}
	var refMonth sql.NullString
	var refDate sql.NullTime
	if err := conn.QueryRowContext(ctx, queries.ReferenceMonth).Scan(&refMonth, &refDate); err != nil {
		return Result{}, fmt.Errorf("widetable: finding the reference month: %w", err)
	}
	if !refMonth.Valid {
		return Result{}, &inputerr.Error{Msg: "the billing export has no bills, so there is no reference date"}
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
		return Result{}, fmt.Errorf("widetable: building the wide table: %w", err)
	}
	// CREATE TABLE AS reports no rows affected through the driver: count them.
	if err := conn.QueryRowContext(ctx, queries.CountWide).Scan(&res.Rows); err != nil {
		return Result{}, fmt.Errorf("widetable: counting the wide table: %w", err)
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
