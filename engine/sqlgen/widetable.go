package sqlgen

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"text/template"
	"time"

	"github.com/seglab/seglab/engine/widetable"
	"github.com/seglab/seglab/queries"
)

// WideTable returns one SELECT, in dialect d, that builds the customer wide table (the
// columns of queries.Features, one row per customer, ordered by customer_id) from the raw
// exports, read as the tables raw_customers, raw_billing, raw_payments, raw_outages,
// raw_tickets and raw_survey with the canonical columns of queries/EXPORTS.md. All six
// tables must exist; the SQL treats each as present (an empty table means "no events", not
// "unknown").
//
// refMonth is the reference bill month YYYY-MM; "" takes the last bill month in
// raw_billing, as seglab build does. The fee-risk and credit rules r are written as
// numeric literals.
//
// The duckdb text is the statement engine/widetable/widetabledb.Build runs (queries/wide_table.sql) with
// its parameters written in (and its header comment left out); postgres and clickhouse are queries/dialect/wide_table.*.sql,
// which follow it rule for rule. Other dialects are an error.
func WideTable(d Dialect, refMonth string, r widetable.Rules) (string, error) {
	if err := r.Validate(); err != nil {
		return "", err
	}
	var month, date string // SQL expressions of the reference month and date
	if refMonth != "" {
		t, err := time.Parse("2006-01", refMonth)
		if err != nil {
			return "", fmt.Errorf("reference month %q is not YYYY-MM", refMonth)
		}
		month = "'" + refMonth + "'"
		date = "DATE '" + t.AddDate(0, 1, -1).Format(time.DateOnly) + "'"
	}
	yes := "TRUE"
	if d == ClickHouse {
		yes = "1" // ClickHouse 18 has no TRUE
	}
	params := map[string]string{
		"has_payments": yes, "has_outages": yes, "has_tickets": yes,
		"arrears_tolerance":       d.Float(r.ArrearsTolerance),
		"high_risk_late_count":    strconv.Itoa(r.HighRiskLateCount),
		"high_risk_days_late":     d.Float(r.HighRiskDaysLate),
		"medium_risk_late_count":  strconv.Itoa(r.MediumRiskLateCount),
		"medium_risk_days_late":   d.Float(r.MediumRiskDaysLate),
		"credit_late_penalty":     d.Float(r.CreditLatePenalty),
		"credit_day_late_penalty": d.Float(r.CreditDayLatePenalty),
		"credit_arrears_penalty":  d.Float(r.CreditArrearsPenalty),
		"grade_a_min":             strconv.Itoa(r.GradeAMin),
		"grade_b_min":             strconv.Itoa(r.GradeBMin),
		"grade_c_min":             strconv.Itoa(r.GradeCMin),
		"grade_d_min":             strconv.Itoa(r.GradeDMin),
	}
	switch d {
	case DuckDB:
		if month == "" {
			month = "(SELECT max(bill_month) FROM raw_billing)"
			date = "(SELECT last_day(strptime(max(bill_month), '%Y-%m'))::DATE FROM raw_billing)"
		}
		params["ref_month"], params["ref_date"] = month, date
		return duckWide(params)
	case Postgres, ClickHouse:
		params["ref_month"] = month
		t, err := template.New("wide").Delims("{{", "}}").Parse(wideTemplates[d])
		if err != nil {
			return "", fmt.Errorf("sqlgen: %w", err)
		}
		var b strings.Builder
		if err := t.Execute(&b, params); err != nil {
			return "", fmt.Errorf("sqlgen: %w", err)
		}
		return strings.TrimSpace(b.String()), nil
	}
	return "", fmt.Errorf("the wide-table SQL is written for duckdb, postgres and clickhouse, not %s", d)
}

var wideTemplates = map[Dialect]string{
	Postgres:   queries.WideTablePostgres,
	ClickHouse: queries.WideTableClickHouse,
}

var param = regexp.MustCompile(`\$([a-z_]+)`)

// duckWide writes params into queries.WideTable in place of its $name parameters and turns
// its CREATE OR REPLACE TABLE into a plain SELECT.
func duckWide(params map[string]string) (string, error) {
	const create = "CREATE OR REPLACE TABLE wide AS\n"
	q := queries.WideTable
	i := strings.Index(q, create)
	if i < 0 {
		return "", fmt.Errorf("sqlgen: queries/wide_table.sql no longer starts with %q", create)
	}
	q = "-- seglab wide table (dialect duckdb): one row per customer from the raw exports\n" + q[i+len(create):]
	var missing []string
	q = param.ReplaceAllStringFunc(q, func(m string) string {
		v, ok := params[m[1:]]
		if !ok {
			missing = append(missing, m)
		}
		return v
	})
	if len(missing) > 0 {
		return "", fmt.Errorf("sqlgen: queries/wide_table.sql has parameters seglab does not know: %s", strings.Join(missing, ", "))
	}
	return strings.TrimSpace(q), nil
}
