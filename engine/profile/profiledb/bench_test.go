package profiledb

import (
	"context"
	"testing"

	"github.com/seglab/seglab/engine/profile"
)

// synthWide creates a wide-like table of n customers inside DuckDB (15 numeric and 9
// categorical columns from hash() of the row number) and assignments in 6 segments.
const synthWide = `CREATE TABLE wide AS
SELECT lpad(CAST(i AS VARCHAR), 10, '0') AS customer_id,
    ['residential', 'business'][CAST(1 + hash(i, 1) % 2 AS BIGINT)] AS customer_type,
    ['east', 'central', 'west'][CAST(1 + hash(i, 2) % 3 AS BIGINT)] AS region,
    ['owner', 'renter'][CAST(1 + hash(i, 3) % 2 AS BIGINT)] AS housing,
    ['electric', 'gas', 'other'][CAST(1 + hash(i, 4) % 3 AS BIGINT)] AS heating,
    ['none', 'elderly', 'low income', 'disabled'][CAST(1 + hash(i, 5) % 4 AS BIGINT)] AS special_group,
    ['hall', 'bank', 'online', 'mobile', 'cash'][CAST(1 + hash(i, 6) % 5 AS BIGINT)] AS main_payment_channel,
    ['95598', 'app', 'wechat', 'hall', 'sms'][CAST(1 + hash(i, 7) % 5 AS BIGINT)] AS main_contact_channel,
    ['A', 'B', 'C', 'D', 'E'][CAST(1 + hash(i, 8) % 5 AS BIGINT)] AS credit_grade,
    CAST(1 + hash(i, 9) % 3 AS INTEGER) AS fee_risk_class,
    (hash(i, 10) % 100000) / 10.0 AS annual_kwh,
    (hash(i, 11) % 50000) / 100.0 AS avg_monthly_bill,
    (hash(i, 12) % 1000) / 1000.0 AS peak_share,
    (hash(i, 13) % 2001) / 1000.0 - 1 AS usage_trend,
    CAST(hash(i, 14) % 6 AS INTEGER) AS late_payment_count,
    (hash(i, 15) % 300) / 10.0 AS avg_days_late,
    CASE WHEN hash(i, 16) % 20 = 0 THEN (hash(i, 17) % 5000) / 10.0 ELSE 0 END AS arrears_over_60d,
    CAST(hash(i, 18) % 3 AS INTEGER) AS payment_channel_count,
    CAST(hash(i, 19) % 5 AS INTEGER) AS outages_12m,
    CAST(hash(i, 20) % 600 AS INTEGER) AS outage_minutes_12m,
    CAST(hash(i, 21) % 2 AS INTEGER) AS long_outages_12m,
    CAST(hash(i, 22) % 4 AS INTEGER) AS tickets_12m,
    CAST(hash(i, 23) % 2 AS INTEGER) AS complaints_12m,
    CASE WHEN hash(i, 24) % 10 = 0 THEN (hash(i, 25) % 101) / 10.0 END AS satisfaction,
    CAST(hash(i, 26) % 101 AS INTEGER) AS credit_score
FROM range(?) t(i)`

func BenchmarkCompute1M(b *testing.B) {
	db := openDB(b)
	if _, err := db.Exec(synthWide, 1_000_000); err != nil {
		b.Fatal(err)
	}
	execSQL(b, db, `CREATE TABLE assignments AS SELECT customer_id, CAST(1 + hash(customer_id) % 6 AS INTEGER) AS segment FROM wide`)
	ctx := context.Background()
	for b.Loop() {
		r, err := Compute(ctx, db, profile.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if r.Customers != 1_000_000 || len(r.Numeric) != 15 || len(r.Categorical) != 9 || r.SatisfactionOutage == nil {
			b.Fatalf("profiled %d customers, %d numeric, %d categorical", r.Customers, len(r.Numeric), len(r.Categorical))
		}
	}
}
