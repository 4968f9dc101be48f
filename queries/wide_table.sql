-- Builds the customer wide table `wide`: one row per customer of raw_customers, described as of
-- the reference date $ref_date (the last day of the last bill month $ref_month in raw_billing).
--
-- Windows: "12 months" is the bill months $ref_month - 11 … $ref_month (billing, payments);
-- "365 days" is the 365 calendar days ending on $ref_date, i.e. times from
-- $ref_date - 364 days 00:00 up to, not including, $ref_date + 1 day 00:00 (outages, tickets,
-- survey). Payments dated after $ref_date are not known at the reference date and are ignored.
--
-- A bill counts as settled on the date of its last payment made by $ref_date, provided its
-- payments by then cover its amount (to within half a fen).
--
-- Optional exports: Build creates an empty stand-in for a missing one and passes
-- $has_<kind> = false, which makes that export's features NULL (unknown) instead of 0.
-- Every fee-risk and credit threshold is a bound parameter; the defaults live in Go
-- (widetable.DefaultRules).
CREATE OR REPLACE TABLE wide AS
WITH
params AS (
    SELECT
        $ref_date::DATE AS ref_date,
        strftime(date_trunc('month', $ref_date::DATE) - INTERVAL 11 MONTH, '%Y-%m') AS first_month,
        $ref_month::VARCHAR AS last_month,
        ($ref_date::DATE - 364)::TIMESTAMP AS window_start,
        ($ref_date::DATE + 1)::TIMESTAMP AS window_end
),
-- The 12 bill months of the window, numbered from the last (0, -1, … -11; for the usage trend).
-- Joining this small table avoids taking every bill's month string apart (that projection
-- cost about 1 s of CPU on 3.9 M bills in the profile).
window_months AS (
    SELECT strftime(date_trunc('month', $ref_date::DATE) - to_months(k::INTEGER), '%Y-%m') AS bill_month, -k AS month_no
    FROM range(12) r(k)
),
-- What had been paid on each bill by the reference date. Payments are grouped before they
-- meet the bills; joining first (and a running sum per bill) profiled slower.
paid_per_bill AS (
    SELECT y.customer_id, y.bill_month, sum(y.paid_amount) AS paid_total, max(y.paid_date) AS last_paid
    FROM raw_payments y, params p
    WHERE y.paid_date <= p.ref_date
    GROUP BY y.customer_id, y.bill_month
),
-- Per bill: whether it is in the 12-month window and its month number, days late (settled
-- after the due date, or unsettled and past due at the reference date; 0 otherwise) and the
-- amount still owed when unsettled. A bill of 0 yuan or less is settled by definition.
bill_status AS (
    SELECT
        customer_id,
        kwh,
        peak_kwh,
        amount,
        in_window,
        month_no,
        CASE
            WHEN amount <= 0.005 THEN 0
            WHEN settled_date IS NOT NULL THEN greatest(settled_date - due_date, 0)
            ELSE greatest(ref_date - due_date, 0)
        END AS days_late,
        CASE
            WHEN amount <= 0.005 OR settled_date IS NOT NULL THEN 0
            ELSE greatest(amount - paid_total, 0)
        END AS owed,
        ref_date - due_date AS days_past_due
    FROM (
        SELECT
            b.customer_id,
            b.kwh,
            b.peak_kwh,
            b.amount,
            b.due_date,
            p.ref_date,
            w.month_no IS NOT NULL AS in_window,
            w.month_no,
            coalesce(y.paid_total, 0) AS paid_total,
            CASE WHEN y.paid_total >= b.amount - 0.005 THEN y.last_paid END AS settled_date
        FROM raw_billing b
        CROSS JOIN params p
        LEFT JOIN paid_per_bill y USING (customer_id, bill_month)
        LEFT JOIN window_months w USING (bill_month)
    )
),
-- Usage and lateness over the bills of the window; arrears over all bills, however old.
bill_features AS (
    SELECT
        customer_id,
        count(*) FILTER (WHERE in_window) AS window_bills,
        sum(kwh) FILTER (WHERE in_window) AS annual_kwh,
        avg(amount) FILTER (WHERE in_window) AS avg_monthly_bill,
        sum(peak_kwh) FILTER (WHERE in_window) AS peak_kwh,
        avg(kwh) FILTER (WHERE in_window) AS mean_kwh,
        regr_slope(kwh, month_no) FILTER (WHERE in_window) AS kwh_slope,
        stddev_pop(kwh) FILTER (WHERE in_window) AS kwh_sd,
        count(*) FILTER (WHERE in_window AND days_late > 0) AS late_payment_count,
        coalesce(avg(days_late) FILTER (WHERE in_window AND days_late > 0), 0) AS avg_days_late,
        coalesce(sum(owed) FILTER (WHERE owed > 0 AND days_past_due > 60), 0) AS arrears_over_60d
    FROM bill_status
    GROUP BY customer_id
),
-- Payment channels over the payments made by the reference date for the window's bill months.
-- The main channel is the one used most often; ties go to the one used most recently, then to
-- the first in code-point order.
payment_channel_use AS (
    SELECT y.customer_id, y.channel, count(*) AS uses, max(y.paid_date) AS last_used
    FROM raw_payments y, params p
    WHERE y.bill_month BETWEEN p.first_month AND p.last_month
      AND y.paid_date <= p.ref_date
      AND y.channel <> ''
    GROUP BY y.customer_id, y.channel
),
payment_channels AS (
    SELECT
        customer_id,
        arg_min(channel, (-uses, -epoch(last_used), channel)) AS main_payment_channel,
        count(*) AS payment_channel_count
    FROM payment_channel_use
    GROUP BY customer_id
),
outage_features AS (
    SELECT
        o.customer_id,
        count(*) AS outages_12m,
        sum(o.duration_min) AS outage_minutes_12m,
        count(*) FILTER (WHERE o.duration_min > 240) AS long_outages_12m
    FROM raw_outages o, params p
    WHERE o.start_time >= p.window_start AND o.start_time < p.window_end
    GROUP BY o.customer_id
),
window_tickets AS (
    SELECT t.customer_id, t.ticket_type, t.contact_channel, t.accept_time
    FROM raw_tickets t, params p
    WHERE t.accept_time >= p.window_start AND t.accept_time < p.window_end
),
ticket_features AS (
    SELECT
        customer_id,
        count(*) AS tickets_12m,
        count(*) FILTER (WHERE trim(ticket_type) = '投诉' OR lower(trim(ticket_type)) = 'complaint') AS complaints_12m
    FROM window_tickets
    GROUP BY customer_id
),
-- Main contact channel: same rule as the main payment channel.
contact_channels AS (
    SELECT customer_id, arg_min(contact_channel, (-uses, -epoch(last_used), contact_channel)) AS main_contact_channel
    FROM (
        SELECT customer_id, contact_channel, count(*) AS uses, max(accept_time) AS last_used
        FROM window_tickets
        WHERE contact_channel <> ''
        GROUP BY customer_id, contact_channel
    )
    GROUP BY customer_id
),
survey_features AS (
    SELECT s.customer_id, avg(s.satisfaction) AS satisfaction
    FROM raw_survey s, params p
    WHERE s.survey_date BETWEEN p.ref_date - 364 AND p.ref_date
    GROUP BY s.customer_id
),
-- Everything the bills say about a customer with bills, in one relation so that the customers
-- meet it in one join: usage over the window's bills; payment behaviour, unknown (NULL)
-- without a payments export or without bills in the window (arrears: without a payments
-- export); and the credit score, NULL when payment behaviour is unknown: 100 minus penalties,
-- floored to a whole number and clamped to 0–100. The 1e-9 keeps a score that is exactly on a
-- grade boundary from falling below it by rounding. A customer without bills gets NULLs.
bill_side AS (
    SELECT
        *,
        CASE WHEN late_payment_count IS NOT NULL THEN CAST(greatest(0, least(100, floor(
            100
            - $credit_late_penalty * late_payment_count
            - $credit_day_late_penalty * avg_days_late
            - CASE WHEN arrears_over_60d > $arrears_tolerance THEN $credit_arrears_penalty ELSE 0 END
            + 1e-9))) AS INTEGER) END AS credit_score
    FROM (
        SELECT
            f.customer_id,
            CASE WHEN f.window_bills > 0 THEN f.annual_kwh END AS annual_kwh,
            CASE WHEN f.window_bills > 0 THEN f.avg_monthly_bill END AS avg_monthly_bill,
            CASE WHEN f.window_bills > 0 AND f.annual_kwh > 0 THEN f.peak_kwh / f.annual_kwh END AS peak_share,
            CASE WHEN f.window_bills >= 2 AND f.mean_kwh > 0 THEN 100 * f.kwh_slope / f.mean_kwh END AS usage_trend,
            CASE WHEN f.window_bills >= 2 AND f.mean_kwh > 0 THEN f.kwh_sd / f.mean_kwh END AS usage_cv,
            CASE WHEN $has_payments AND f.window_bills > 0 THEN f.late_payment_count END AS late_payment_count,
            CASE WHEN $has_payments AND f.window_bills > 0 THEN f.avg_days_late END AS avg_days_late,
            CASE WHEN $has_payments THEN f.arrears_over_60d END AS arrears_over_60d,
            CASE WHEN $has_payments AND f.window_bills > 0 THEN pc.main_payment_channel END AS main_payment_channel,
            CASE WHEN $has_payments AND f.window_bills > 0 THEN coalesce(pc.payment_channel_count, 0) END AS payment_channel_count
        FROM bill_features f
        LEFT JOIN payment_channels pc USING (customer_id)
    )
)
SELECT
    c.customer_id,
    CASE
        WHEN nullif(trim(c.customer_class), '') IS NULL THEN NULL
        WHEN trim(c.customer_class) = '居民生活' OR lower(trim(c.customer_class)) = 'residential' THEN 'residential'
        ELSE 'business'
    END AS customer_type,
    nullif(trim(c.customer_class), '') AS customer_class,
    CASE lower(trim(c.region))
        WHEN '东部' THEN 'east' WHEN 'east' THEN 'east'
        WHEN '中部' THEN 'central' WHEN 'central' THEN 'central'
        WHEN '西部' THEN 'west' WHEN 'west' THEN 'west'
        ELSE nullif(trim(c.region), '')
    END AS region,
    nullif(trim(c.industry_code), '') AS industry_code,
    CASE WHEN regexp_matches(trim(c.industry_code), '^[A-Za-z]') THEN upper(left(trim(c.industry_code), 1)) END AS industry_section,
    CASE lower(regexp_extract(c.voltage, '([0-9]+(\.[0-9]+)?)\s*([kK]?[vV])', 3))
        WHEN 'kv' THEN CAST(regexp_extract(c.voltage, '([0-9]+(\.[0-9]+)?)\s*([kK]?[vV])', 1) AS DOUBLE)
        WHEN 'v' THEN CAST(regexp_extract(c.voltage, '([0-9]+(\.[0-9]+)?)\s*([kK]?[vV])', 1) AS DOUBLE) / 1000
    END AS voltage_kv,
    c.contract_capacity_kva,
    CASE WHEN c.open_date IS NOT NULL THEN greatest(p.ref_date - c.open_date, 0) / 365.25 END AS tenure_years,
    CASE lower(trim(c.housing))
        WHEN '自有' THEN 'owner' WHEN 'owner' THEN 'owner'
        WHEN '租赁' THEN 'renter' WHEN 'renter' THEN 'renter'
        ELSE nullif(trim(c.housing), '')
    END AS housing,
    CASE lower(trim(c.heating))
        WHEN '电采暖' THEN 'electric' WHEN 'electric' THEN 'electric'
        WHEN '燃气' THEN 'gas' WHEN 'gas' THEN 'gas'
        WHEN '其他' THEN 'other' WHEN 'other' THEN 'other'
        ELSE nullif(trim(c.heating), '')
    END AS heating,
    CASE lower(trim(c.special_group))
        WHEN '无' THEN 'none' WHEN 'none' THEN 'none'
        WHEN '老年' THEN 'elderly' WHEN 'elderly' THEN 'elderly'
        WHEN '低保' THEN 'low_income' WHEN 'low_income' THEN 'low_income'
        WHEN '残疾' THEN 'disabled' WHEN 'disabled' THEN 'disabled'
        ELSE nullif(trim(c.special_group), '')
    END AS special_group,
    c.household_size,
    bh.annual_kwh,
    bh.avg_monthly_bill,
    bh.peak_share,
    bh.usage_trend,
    bh.usage_cv,
    bh.late_payment_count,
    bh.avg_days_late,
    bh.arrears_over_60d,
    bh.main_payment_channel,
    bh.payment_channel_count,
    CASE WHEN $has_outages THEN coalesce(o.outages_12m, 0) END AS outages_12m,
    CASE WHEN $has_outages THEN coalesce(o.outage_minutes_12m, 0) END AS outage_minutes_12m,
    CASE WHEN $has_outages THEN coalesce(o.long_outages_12m, 0) END AS long_outages_12m,
    CASE WHEN $has_tickets THEN coalesce(t.tickets_12m, 0) END AS tickets_12m,
    CASE WHEN $has_tickets THEN coalesce(t.complaints_12m, 0) END AS complaints_12m,
    cc.main_contact_channel,
    s.satisfaction,
    CAST(CASE
        WHEN bh.late_payment_count IS NULL THEN NULL
        WHEN bh.arrears_over_60d > $arrears_tolerance
            OR bh.late_payment_count >= $high_risk_late_count
            OR bh.avg_days_late >= $high_risk_days_late THEN 3
        WHEN bh.late_payment_count >= $medium_risk_late_count
            OR bh.avg_days_late >= $medium_risk_days_late THEN 2
        ELSE 1
    END AS INTEGER) AS fee_risk_class,
    bh.credit_score,
    CASE
        WHEN bh.credit_score IS NULL THEN NULL
        WHEN bh.credit_score >= $grade_a_min THEN 'A'
        WHEN bh.credit_score >= $grade_b_min THEN 'B'
        WHEN bh.credit_score >= $grade_c_min THEN 'C'
        WHEN bh.credit_score >= $grade_d_min THEN 'D'
        ELSE 'E'
    END AS credit_grade
FROM raw_customers c
CROSS JOIN params p
LEFT JOIN bill_side bh USING (customer_id)
LEFT JOIN outage_features o USING (customer_id)
LEFT JOIN ticket_features t USING (customer_id)
LEFT JOIN contact_channels cc USING (customer_id)
LEFT JOIN survey_features s USING (customer_id)
ORDER BY c.customer_id
