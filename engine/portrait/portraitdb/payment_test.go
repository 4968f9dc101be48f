package portraitdb

import (
	"context"
	"math"
	"slices"
	"testing"

	"github.com/seglab/seglab/engine/portrait"
)

// paymentExports: reference date 2025-03-31 (last bill month 2025-03), window 2024-04…2025-03.
//
//	P1, P5  2025-01 paid 10 days early (手机银行), 2025-02 paid 2 days early (手机银行),
//	        2025-03 unpaid and not yet due (pending): early ½, on time ½, late 0, mean 6 days,
//	        2 payments, online share 1.
//	P2, P6  2025-01 paid 60 + 40, settled 5 days late (营业厅, then 银行代收); 2025-02 unpaid,
//	        11 days past due; 2024-01 outside the window: late 1, mean −8, counter ½, bank ½,
//	        main family bank (the tie goes to the most recent).
//	P3      2025-01 unpaid at the reference date (paid 2025-04-02): 39 days late; 2025-02
//	        bill of 0 yuan not timed; 2025-03 paid on its due date (IC卡预付费): on time ½,
//	        late ½, mean −19.5, 1 payment, prepaid share 1.
//	P4      no bills: nothing known.
//	B1      business: left out.
const (
	paymentWide = `CREATE TABLE wide AS SELECT * FROM (VALUES
		('P1', 'residential'), ('P2', 'residential'), ('P3', 'residential'), ('P4', 'residential'),
		('P5', 'residential'), ('P6', 'residential'), ('B1', 'business')) t(customer_id, customer_type)`
	paymentBilling = `CREATE TABLE raw_billing AS SELECT customer_id, bill_month, amount, due_date::DATE AS due_date FROM (VALUES
		('P1', '2025-01', 100.0, '2025-02-20'), ('P1', '2025-02', 100.0, '2025-03-20'), ('P1', '2025-03', 100.0, '2025-04-20'),
		('P5', '2025-01', 100.0, '2025-02-20'), ('P5', '2025-02', 100.0, '2025-03-20'), ('P5', '2025-03', 100.0, '2025-04-20'),
		('P2', '2024-01', 100.0, '2024-02-20'), ('P2', '2025-01', 100.0, '2025-02-20'), ('P2', '2025-02', 50.0, '2025-03-20'),
		('P6', '2025-01', 100.0, '2025-02-20'), ('P6', '2025-02', 50.0, '2025-03-20'),
		('P3', '2025-01', 30.0, '2025-02-20'), ('P3', '2025-02', 0.0, '2025-03-20'), ('P3', '2025-03', 80.0, '2025-03-25'),
		('B1', '2025-01', 1000.0, '2025-02-20')) t(customer_id, bill_month, amount, due_date)`
	paymentPayments = `CREATE TABLE raw_payments AS SELECT customer_id, bill_month, paid_date::DATE AS paid_date, paid_amount, channel FROM (VALUES
		('P1', '2025-01', '2025-02-10', 100.0, '手机银行'), ('P1', '2025-02', '2025-03-18', 100.0, '手机银行'),
		('P5', '2025-01', '2025-02-10', 100.0, '手机银行'), ('P5', '2025-02', '2025-03-18', 100.0, '手机银行'),
		('P2', '2024-01', '2024-02-01', 100.0, '走收'),
		('P2', '2025-01', '2025-02-15', 60.0, '营业厅'), ('P2', '2025-01', '2025-02-25', 40.0, '银行代收'),
		('P6', '2025-01', '2025-02-15', 60.0, '营业厅'), ('P6', '2025-01', '2025-02-25', 40.0, '银行代收'),
		('P3', '2025-03', '2025-03-25', 80.0, 'IC卡预付费'), ('P3', '2025-01', '2025-04-02', 30.0, '营业厅'),
		('B1', '2025-01', '2025-02-01', 1000.0, '银行代收')) t(customer_id, bill_month, paid_date, paid_amount, channel)`
)

func TestPaymentFromExports(t *testing.T) {
	db := openDB(t, paymentWide, paymentBilling, paymentPayments)
	res, err := Payment(context.Background(), db, portrait.PaymentOptions{K: 2})
	if err != nil {
		t.Fatal(err)
	}
	if res.Mode != portrait.PaymentFromExports || res.ReferenceDate != "2025-03-31" || res.Customers != 6 || res.Fitted != 5 {
		t.Errorf("mode %s, reference %s, customers %d, fitted %d", res.Mode, res.ReferenceDate, res.Customers, res.Fitted)
	}
	if !slices.Equal(res.DroppedDims, []string{"self_service_share"}) {
		t.Errorf("dropped %v", res.DroppedDims)
	}
	nan := math.NaN()
	// bills_timed, early, on time, late, mean days, payments, counter, bank, online, prepaid
	want := map[string][10]float64{
		"P1": {2, 0.5, 0.5, 0, 6, 2, 0, 0, 1, 0},
		"P2": {2, 0, 0, 1, -8, 2, 0.5, 0.5, 0, 0},
		"P3": {2, 0, 0.5, 0.5, -19.5, 1, 0, 0, 0, 1},
		"P4": {0, nan, nan, nan, nan, 0, nan, nan, nan, nan},
	}
	rows, err := db.Query(`SELECT customer_id, bills_timed, early_share, on_time_share, late_share, mean_days_before_due, payments,
		counter_share, bank_share, online_share, prepaid_share, coalesce(main_channel_family, '') FROM payment_behaviour`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	family := map[string]string{}
	n := 0
	for rows.Next() {
		var id, fam string
		var v [10]*float64
		dest := []any{&id}
		for i := range v {
			dest = append(dest, &v[i])
		}
		if err := rows.Scan(append(dest, &fam)...); err != nil {
			t.Fatal(err)
		}
		n++
		family[id] = fam
		w, ok := want[id]
		if !ok {
			continue
		}
		for i := range w {
			got := nan
			if v[i] != nil {
				got = *v[i]
			}
			if !near(got, w[i]) {
				t.Errorf("%s feature %d: %v, want %v", id, i, got, w[i])
			}
		}
	}
	if n != 6 || family["P2"] != "bank" || family["P1"] != "online" || family["P4"] != "" {
		t.Errorf("%d rows, families %v", n, family)
	}

	var assigned, segments int
	if err := db.QueryRow("SELECT count(*), count(DISTINCT segment) FROM payment_segments").Scan(&assigned, &segments); err != nil {
		t.Fatal(err)
	}
	if assigned != 6 || segments != 2 || len(res.Segments) != 2 || res.Profile == nil || res.Profile.Customers != 6 {
		t.Fatalf("assigned %d in %d segments; result %+v", assigned, segments, res.Segments)
	}
	// P1 and P5 pay early online, P2 and P6 late at the counter and bank: each pair together,
	// the pairs apart.
	seg := map[string]int{}
	rows2, err := db.Query("SELECT customer_id, segment FROM payment_segments")
	if err != nil {
		t.Fatal(err)
	}
	defer rows2.Close()
	for rows2.Next() {
		var id string
		var s int
		if err := rows2.Scan(&id, &s); err != nil {
			t.Fatal(err)
		}
		seg[id] = s
	}
	if seg["P1"] != seg["P5"] || seg["P2"] != seg["P6"] || seg["P1"] == seg["P2"] {
		t.Errorf("segments %v", seg)
	}
	for _, s := range res.Segments {
		if s.ID == seg["P2"] && s.Timing != "late" {
			t.Errorf("segment of P2 named %q (%s)", s.Name, s.Timing)
		}
	}
}

func TestPaymentFromWide(t *testing.T) {
	db := openDB(t, `CREATE TABLE wide AS SELECT * FROM (VALUES
		('W1', 'residential', 0, 0.0, '手机银行'), ('W2', 'residential', 1, 3.0, '网上银行'),
		('W3', 'residential', 8, 40.0, '营业厅'), ('W4', 'residential', 9, 50.0, '走收'),
		('W5', 'residential', NULL, NULL, NULL), ('B1', 'business', 0, 0.0, '银行代收')
	) t(customer_id, customer_type, late_payment_count, avg_days_late, main_payment_channel)`)
	res, err := Payment(context.Background(), db, portrait.PaymentOptions{K: 2})
	if err != nil {
		t.Fatal(err)
	}
	if res.Mode != portrait.PaymentFromWide || res.Customers != 5 || res.Fitted != 4 || len(res.Segments) != 2 {
		t.Fatalf("%+v", res)
	}
	names := map[string]bool{}
	for _, s := range res.Segments {
		names[s.Name] = true
	}
	if !names["late payers, counter / cash"] || !names["on-time payers, online / mobile"] {
		t.Errorf("names %v", names)
	}
}
