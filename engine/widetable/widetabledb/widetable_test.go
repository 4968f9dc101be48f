package widetabledb

import (
	"context"
	"database/sql"
	"errors"
	"math"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/seglab/seglab/engine/widetable"

	_ "github.com/duckdb/duckdb-go/v2"

	"github.com/seglab/seglab/engine/inputerr"
	"github.com/seglab/seglab/queries"
)

// openHandMade returns an in-memory DuckDB holding the hand-made export of
// testdata/handmade.sql.
func openHandMade(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	script, err := os.ReadFile("testdata/handmade.sql")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(string(script)); err != nil {
		t.Fatalf("loading the hand-made export: %v", err)
	}
	return db
}

// wideRows reads table wide into one map of column → value per customer id. NULL is nil;
// numbers are float64.
func wideRows(t *testing.T, db *sql.DB) map[string]map[string]any {
	t.Helper()
	rows, err := db.Query("SELECT * FROM wide")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]any{}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		row := map[string]any{}
		for i, c := range cols {
			switch v := vals[i].(type) {
			case int32:
				row[c] = float64(v)
			case int64:
				row[c] = float64(v)
			default:
				row[c] = v
			}
		}
		out[row["customer_id"].(string)] = row
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// checkRow compares the columns named in want with got; numbers to within 1e-9 relative.
func checkRow(t *testing.T, id string, got, want map[string]any) {
	t.Helper()
	for col, w := range want {
		g, ok := got[col]
		if !ok {
			t.Errorf("%s: no column %s", id, col)
			continue
		}
		if wf, isNum := w.(float64); isNum {
			gf, gIsNum := g.(float64)
			if !gIsNum || math.Abs(gf-wf) > 1e-9*math.Max(1, math.Abs(wf)) {
				t.Errorf("%s.%s = %v, want %v", id, col, g, w)
			}
			continue
		}
		if g != w {
			t.Errorf("%s.%s = %#v, want %#v", id, col, g, w)
		}
	}
}

// The expected wide table of testdata/handmade.sql, worked out by hand. Reference date
// 2024-12-31; 12 bill months 2024-01…2024-12; 365 days 2024-01-02 00:00 … 2024-12-31 23:59:59.
var handMadeWant = map[string]map[string]any{
	// C1: on-time payer with a tie between two payment channels.
	"C1": {
		"customer_type": "residential", "customer_class": "居民生活", "region": "east",
		"industry_code": nil, "industry_section": nil, // empty code → NULL
		"voltage_kv": 0.22, "contract_capacity_kva": 8.0,
		"tenure_years": 3653 / 365.25, // 2014-12-31 → 2024-12-31: 10 years with 3 leap days
		"housing":      "owner", "heating": "gas", "special_group": "elderly", "household_size": 2.0,
		// kWh 100, 200, 300, 400 in 09…12; peak 30+50+90+130 = 300; amounts 50…200.
		"annual_kwh": 1000.0, "avg_monthly_bill": 125.0, "peak_share": 0.3,
		"usage_trend":        40.0,                   // slope 100 kWh/month / mean 250 = 40 %
		"usage_cv":           math.Sqrt(12500) / 250, // population variance (150²+50²+50²+150²)/4
		"late_payment_count": 0.0, "avg_days_late": 0.0, "arrears_over_60d": 0.0,
		// 银行代收 2 uses (last 12-10), 手机银行 2 uses (last 12-05): the most recent wins, though
		// 手 sorts before 银. The 2025-01-05 银行卡 payment is after the reference date: ignored.
		"main_payment_channel": "银行代收", "payment_channel_count": 2.0,
		// 2024-01-01 23:59:59 (outside) · 2024-01-02 00:00 240 min (in, not long: exactly 240)
		// · 2024-12-31 23:59:59 241 min (in, long) · 2025-01-01 00:00 (outside).
		"outages_12m": 2.0, "outage_minutes_12m": 481.0, "long_outages_12m": 1.0,
		// The 2023-12-31 complaint is outside; 95598电话 and 网上国网 tie 1–1, 网上国网 is later.
		"tickets_12m": 2.0, "complaints_12m": 1.0, "main_contact_channel": "网上国网",
		"satisfaction":   7.0, // (8 + 6) / 2; the 2024-01-01 score 2 is outside the 365 days
		"fee_risk_class": 1.0, "credit_score": 100.0, "credit_grade": "A",
	},
	// C2: business customer with a 13-month-old unpaid bill, one late bill and one partly paid.
	"C2": {
		"customer_type": "business", "customer_class": "一般工商业", "region": "central",
		"industry_code": "C3130", "industry_section": "C", "voltage_kv": 10.0, "contract_capacity_kva": 630.0,
		"tenure_years": 1660 / 365.25, // 2020-06-15 → 2024-06-15 is 1461 days, then 199
		"housing":      nil, "heating": "other", "special_group": "none", "household_size": nil,
		// The 2023-11 bill is outside the 12 months.
		"annual_kwh": 4000.0, "avg_monthly_bill": 800.0, "peak_share": 0.4, "usage_trend": 0.0, "usage_cv": 0.0,
		// 09 paid 10-25, due 10-15: 10 days late. 10 due 11-15, only 300 of 800 paid: unsettled,
		// 46 days past due. 11 paid on its due date: on time. 12 due 2025-01-15: not yet due.
		"late_payment_count": 2.0, "avg_days_late": 28.0,
		// 2023-11 (500, due 2023-12-15, 382 days ago) is arrears; 2024-10 is only 46 days past due.
		"arrears_over_60d":     500.0,
		"main_payment_channel": "营业厅", "payment_channel_count": 2.0, // 营业厅 2, 银行转账结算 1
		"outages_12m": 0.0, "outage_minutes_12m": 0.0, "long_outages_12m": 0.0,
		"tickets_12m": 0.0, "complaints_12m": 0.0, "main_contact_channel": nil,
		"satisfaction":   9.0,                       // surveyed 2024-01-02, the first day of the 365
		"fee_risk_class": 3.0,                       // arrears
		"credit_score":   46.0, "credit_grade": "E", // 100 − 2·5 − 28·0.5 − 30
	},
	// C3: unpaid bills exactly 61 and 60 days past due, a gap in the months, no payments at all.
	"C3": {
		"customer_type": "residential", "region": "west", "industry_code": nil, "industry_section": nil,
		"voltage_kv": 0.38, "contract_capacity_kva": 10.0,
		"tenure_years": 184 / 365.25, // 2024-06-30 → 2024-12-31
		"housing":      "renter", "heating": "electric", "special_group": "low_income", "household_size": 4.0,
		// kWh 200 (09), 100 (10), 300 (12) at months −3, −2, 0: x̄ = −5/3, ȳ = 200,
		// Sxy = (−4/3)(0) + (−1/3)(−100) + (5/3)(100) = 200, Sxx = 42/9, slope = 300/7,
		// trend = 100·(300/7)/200. CV = sqrt((0 + 100² + 100²)/3) / 200.
		"annual_kwh": 600.0, "avg_monthly_bill": 100.0, "peak_share": 0.1,
		"usage_trend": 100 * (300.0 / 7) / 200, "usage_cv": math.Sqrt(20000.0/3) / 200,
		// 09 due 10-31 unpaid: 61 days; 10 due 11-01 unpaid: 60 days; 12 not yet due.
		"late_payment_count": 2.0, "avg_days_late": 60.5,
		"arrears_over_60d":     100.0, // only the 61-day bill; 60 days is not over 60
		"main_payment_channel": nil, "payment_channel_count": 0.0,
		"outages_12m": 1.0, "outage_minutes_12m": 15.5, "long_outages_12m": 0.0,
		"tickets_12m": 3.0, "complaints_12m": 2.0, "main_contact_channel": "营业厅",
		"satisfaction":   nil, // the only survey is after the reference date
		"fee_risk_class": 3.0,
		"credit_score":   29.0, "credit_grade": "E", // floor(100 − 10 − 30.25 − 30)
	},
	// C4: no bills at all; opened after the reference date; English region, 交流 voltage.
	"C4": {
		"customer_type": "business", "customer_class": "大工业", "region": "west",
		"industry_code": "d4411", "industry_section": "D", "voltage_kv": 110.0, "tenure_years": 0.0,
		"housing": nil, "heating": nil, "special_group": nil, "household_size": nil,
		"annual_kwh": nil, "avg_monthly_bill": nil, "peak_share": nil, "usage_trend": nil, "usage_cv": nil,
		"late_payment_count": nil, "avg_days_late": nil, "arrears_over_60d": nil,
		"main_payment_channel": nil, "payment_channel_count": nil,
		"outages_12m": 0.0, "outage_minutes_12m": 0.0, "long_outages_12m": 0.0,
		"tickets_12m": 0.0, "complaints_12m": 0.0, "main_contact_channel": nil, "satisfaction": nil,
		"fee_risk_class": nil, "credit_score": nil, "credit_grade": nil,
	},
	// C5: one bill 10 days late: score exactly 90 → A.
	"C5": {
		"customer_type": "residential", "region": "北部", // unknown region kept as given
		"voltage_kv": 0.22, "tenure_years": 0.0, // opened on the reference date
		"annual_kwh": 100.0, "avg_monthly_bill": 30.0, "peak_share": 0.2, "usage_trend": 0.0, "usage_cv": 0.0,
		"late_payment_count": 1.0, "avg_days_late": 10.0, "arrears_over_60d": 0.0,
		"main_payment_channel": "网上银行", "payment_channel_count": 1.0,
		"satisfaction":   nil,
		"fee_risk_class": 2.0,                       // 10 days ≥ 7
		"credit_score":   90.0, "credit_grade": "A", // 100 − 5 − 10·0.5
	},
	// C6: one bill settled by two payments, the second 11 days late: 89.5 → 89 → B.
	"C6": {
		"region": "central", "voltage_kv": 0.4, "special_group": "disabled",
		"tenure_years": 366 / 365.25,                                                 // 2023-12-31 → 2024-12-31 across 2024-02-29
		"annual_kwh":   80.0, "peak_share": 0.0, "usage_trend": nil, "usage_cv": nil, // one month
		"late_payment_count": 1.0, "avg_days_late": 11.0, "arrears_over_60d": 0.0,
		"main_payment_channel": "走收", "payment_channel_count": 1.0,
		"fee_risk_class": 2.0,
		"credit_score":   89.0, "credit_grade": "B",
	},
}

func TestBuildHandMade(t *testing.T) {
	db := openHandMade(t)
	res, err := Build(context.Background(), db, widetable.DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	wantDate := time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)
	if res.Rows != 6 || res.ReferenceMonth != "2024-12" || !res.ReferenceDate.Equal(wantDate) || len(res.Missing) != 0 {
		t.Fatalf("result = %+v, want 6 rows, 2024-12, 2024-12-31, nothing missing", res)
	}
	got := wideRows(t, db)
	if len(got) != len(handMadeWant) {
		t.Fatalf("%d customers in wide, want %d", len(got), len(handMadeWant))
	}
	for id, want := range handMadeWant {
		checkRow(t, id, got[id], want)
	}
}

func TestRulesAreBound(t *testing.T) {
	db := openHandMade(t)
	rules := widetable.DefaultRules()
	rules.MediumRiskDaysLate = 12   // C5 (10 days) and C6 (11 days) fall to low risk
	rules.ArrearsTolerance = 500    // C2's and C3's arrears (500, 100) no longer count
	rules.CreditLatePenalty = 1     // C5: 100 − 1 − 10 = 89; C6: 100 − 1 − 11 = 88
	rules.CreditDayLatePenalty = 1  // C2: 100 − 2 − 28 = 70; C3: floor(100 − 2 − 60.5) = 37
	rules.CreditArrearsPenalty = 50 // applies to nobody now
	rules.GradeAMin = 89            // C5: 89 → A
	rules.GradeBMin = 88            // C6: 88 → B
	if _, err := Build(context.Background(), db, rules); err != nil {
		t.Fatal(err)
	}
	got := wideRows(t, db)
	checkRow(t, "C5", got["C5"], map[string]any{"fee_risk_class": 1.0, "credit_score": 89.0, "credit_grade": "A"})
	checkRow(t, "C6", got["C6"], map[string]any{"fee_risk_class": 1.0, "credit_score": 88.0, "credit_grade": "B"})
	checkRow(t, "C2", got["C2"], map[string]any{"fee_risk_class": 2.0, "credit_score": 70.0, "credit_grade": "C"})
	checkRow(t, "C3", got["C3"], map[string]any{"fee_risk_class": 3.0, "credit_score": 37.0, "credit_grade": "E"})

	rules = widetable.DefaultRules()
	rules.HighRiskLateCount = 2 // C2 and C3 stay high; nobody else has 2 late bills
	rules.MediumRiskLateCount = 1
	rules.MediumRiskDaysLate = 30
	rules.HighRiskDaysLate = 30
	rules.CreditArrearsPenalty = 90 // C3: 100 − 10 − 30.25 − 90 < 0 → clamped to 0
	if _, err := Build(context.Background(), db, rules); err != nil {
		t.Fatal(err)
	}
	got = wideRows(t, db)
	checkRow(t, "C5", got["C5"], map[string]any{"fee_risk_class": 2.0}) // 1 late bill ≥ 1
	checkRow(t, "C3", got["C3"], map[string]any{"fee_risk_class": 3.0, "credit_score": 0.0})
	checkRow(t, "C1", got["C1"], map[string]any{"fee_risk_class": 1.0})
}

func TestMissingOptionalExportsGiveNulls(t *testing.T) {
	db := openHandMade(t)
	db.SetMaxOpenConns(1) // one connection, so the check below sees Build's temporary views
	for _, kind := range []string{"payments", "outages", "tickets", "survey"} {
		if _, err := db.Exec("DROP TABLE raw_" + kind); err != nil {
			t.Fatal(err)
		}
	}
	// An unknown opening date is an unknown tenure, not 0 (DuckDB's greatest skips NULLs).
	if _, err := db.Exec("UPDATE raw_customers SET open_date = NULL WHERE customer_id = 'C2'"); err != nil {
		t.Fatal(err)
	}
	res, err := Build(context.Background(), db, widetable.DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Missing, []string{"payments", "outages", "tickets", "survey"}) || res.Rows != 6 {
		t.Fatalf("result = %+v, want all four optional exports missing and 6 rows", res)
	}
	unknown := map[string]any{}
	for _, col := range []string{"late_payment_count", "avg_days_late", "arrears_over_60d",
		"main_payment_channel", "payment_channel_count", "outages_12m", "outage_minutes_12m",
		"long_outages_12m", "tickets_12m", "complaints_12m", "main_contact_channel", "satisfaction",
		"fee_risk_class", "credit_score", "credit_grade"} {
		unknown[col] = nil
	}
	got := wideRows(t, db)
	for id := range handMadeWant {
		checkRow(t, id, got[id], unknown)
	}
	checkRow(t, "C1", got["C1"], map[string]any{"annual_kwh": 1000.0, "region": "east"})
	checkRow(t, "C2", got["C2"], map[string]any{"tenure_years": nil})

	var stubs int
	if err := db.QueryRow("SELECT count(*) FROM duckdb_views() WHERE view_name LIKE 'raw_%'").Scan(&stubs); err != nil {
		t.Fatal(err)
	}
	if stubs != 0 {
		t.Fatalf("%d stand-in views left behind after Build", stubs)
	}
}

func TestBuildRejectsBadInput(t *testing.T) {
	cases := []struct {
		name  string
		spoil string   // SQL that spoils the hand-made export
		want  []string // fragments the message must hold
	}{
		{"duplicate customer", "INSERT INTO raw_customers (customer_id) VALUES ('C2')",
			[]string{`"C2"`, "2 times"}},
		{"empty customer id", "INSERT INTO raw_customers (customer_id) VALUES ('')",
			[]string{"without a customer id"}},
		{"bad voltage", "UPDATE raw_customers SET voltage = '高压' WHERE customer_id = 'C3'",
			[]string{`"C3"`, `"高压"`, "voltage"}},
		{"no bills", "DELETE FROM raw_billing", []string{"no bills"}},
		{"no billing export", "DROP TABLE raw_billing", []string{"no billing export"}},
		{"no customers export", "DROP TABLE raw_customers", []string{"no customers export"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db := openHandMade(t)
			if _, err := Build(context.Background(), db, widetable.DefaultRules()); err != nil {
				t.Fatal(err)
			}
			if _, err := db.Exec(c.spoil); err != nil {
				t.Fatal(err)
			}
			_, err := Build(context.Background(), db, widetable.DefaultRules())
			if !inputerr.Is(err) {
				t.Fatalf("error = %v, want an input error", err)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %s", err, w)
				}
			}
			if n := len(wideRows(t, db)); n != 6 {
				t.Errorf("the failed build changed wide: %d rows, want the 6 built before", n)
			}
		})
	}
}

func TestCancelledBuildStops(t *testing.T) {
	db := openHandMade(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Build(ctx, db, widetable.DefaultRules()); !errors.Is(err, context.Canceled) {
		t.Fatalf("error = %v, want context.Canceled", err)
	}
}

// The catalogue and the columns of wide must match exactly, both ways and in order, and each
// feature's kind must agree with its column type.
func TestCatalogueMatchesWideTable(t *testing.T) {
	db := openHandMade(t)
	if _, err := Build(context.Background(), db, widetable.DefaultRules()); err != nil {
		t.Fatal(err)
	}
	rows, err := db.Query(`SELECT column_name, data_type FROM information_schema.columns
		WHERE table_name = 'wide' ORDER BY ordinal_position`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var cols []string
	types := map[string]string{}
	for rows.Next() {
		var name, typ string
		if err := rows.Scan(&name, &typ); err != nil {
			t.Fatal(err)
		}
		cols = append(cols, name)
		types[name] = typ
	}
	var names []string
	for _, f := range queries.Features() {
		names = append(names, f.Name)
		isText := types[f.Name] == "VARCHAR"
		if (f.Kind == queries.KindNumeric) == isText {
			t.Errorf("feature %s is %s but its column is %s", f.Name, f.Kind, types[f.Name])
		}
	}
	if !slices.Equal(cols, names) {
		t.Fatalf("wide columns and catalogue differ:\nwide:      %v\ncatalogue: %v", cols, names)
	}
}
