package portraitdb

import (
	"context"
	"database/sql"
	"testing"

	"github.com/seglab/seglab/engine/portrait"

	"github.com/seglab/seglab/engine/inputerr"
)

// tagsWide exercises every tag at and around its default threshold. Residential kWh 100, 200,
// 300: tertile cuts by linear interpolation are 166.7 and 233.3, so low, medium, high; the one
// business customer is at both cuts of its own type, so low.
const tagsWide = `CREATE TABLE wide AS SELECT * FROM (VALUES
	('R1', 'residential', 100.0, 0.50, 1.0, 0.35, '手机银行', 2),
	('R2', 'residential', 200.0, 0.20, -1.0, 0.36, ' Bank Card ', 1),
	('R3', 'residential', 300.0, 0.30, 0.5, 0.10, '支付宝', 0),
	('R4', 'residential', NULL, 0.45, NULL, NULL, NULL, NULL),
	('B1', 'business', 5000.0, 0.299, -0.99, 0.2, 'IC卡预付费', 3)
) t(customer_id, customer_type, annual_kwh, peak_share, usage_trend, usage_cv, main_payment_channel, complaints_12m)`

func TestTagsHandComputed(t *testing.T) {
	db := openDB(t, tagsWide)
	res, err := Tags(context.Background(), db, portrait.DefaultThresholds())
	if err != nil {
		t.Fatal(err)
	}
	if res.Rows != 5 {
		t.Errorf("rows %d", res.Rows)
	}
	want := map[string][6]string{
		"R1": {"low", "peak_heavy", "rising", "false", "online", "true"},
		"R2": {"medium", "off_peak", "falling", "true", "bank", "false"},
		"R3": {"high", "balanced", "stable", "false", "other", "false"},
		"R4": {"", "peak_heavy", "", "", "", ""},
		"B1": {"low", "off_peak", "stable", "false", "prepaid", "true"},
	}
	got := readTags(t, db)
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s: got %q, want %q", id, got[id], w)
		}
	}
	var kwh sql.NullFloat64
	if err := db.QueryRow("SELECT annual_kwh FROM portrait WHERE customer_id = 'R2'").Scan(&kwh); err != nil || kwh.Float64 != 200 {
		t.Errorf("wide's columns are not carried over: %v %v", kwh, err)
	}

	th := portrait.DefaultThresholds()
	th.ComplaintMin, th.IrregularCV = 1, 0.34
	if _, err := Tags(context.Background(), db, th); err != nil {
		t.Fatal(err)
	}
	got = readTags(t, db)
	if got["R2"][5] != "true" || got["R1"][3] != "true" {
		t.Errorf("bound thresholds not applied: R1 %q R2 %q", got["R1"], got["R2"])
	}

	th.LevelLowQuantile = 0.9
	if _, err := Tags(context.Background(), db, th); err == nil {
		t.Error("low quantile above the high one accepted")
	}
}

func readTags(t *testing.T, db *sql.DB) map[string][6]string {
	t.Helper()
	rows, err := db.Query(`SELECT customer_id, coalesce(usage_level, ''), coalesce(peak_pattern, ''), coalesce(usage_trend_class, ''),
		coalesce(irregular_use::VARCHAR, ''), coalesce(payment_channel_family, ''), coalesce(complaint_prone::VARCHAR, '') FROM portrait`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string][6]string{}
	for rows.Next() {
		var id string
		var v [6]string
		if err := rows.Scan(&id, &v[0], &v[1], &v[2], &v[3], &v[4], &v[5]); err != nil {
			t.Fatal(err)
		}
		out[id] = v
	}
	return out
}

func TestTagsMissingColumn(t *testing.T) {
	db := openDB(t, `CREATE TABLE wide AS SELECT 'R1' AS customer_id, 'residential' AS customer_type`)
	_, err := Tags(context.Background(), db, portrait.DefaultThresholds())
	if !inputerr.Is(err) {
		t.Fatalf("got %v", err)
	}
}
