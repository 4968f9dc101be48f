// Package widetable describes the customer wide table (宽表): the DuckDB table wide, one row per
// customer of the customers export, with the columns listed in the feature catalogue
// (queries.Features). This package holds the fee-risk and credit rules and the description of
// a build; engine/widetable/widetabledb checks the input, binds the reference date and the
// rules into the SQL of package queries, and runs it. This package runs no SQL.
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
	"errors"
	"fmt"
	"time"
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
