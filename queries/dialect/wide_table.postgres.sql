{{/*
The customer wide table in PostgreSQL: queries/wide_table.sql rule for rule (see its comments
and queries/EXPORTS.md), as one SELECT. engine/sqlgen.WideTable fills in the reference month
(.ref_month, a literal or empty for the last bill month in raw_billing) and the rules, as
numeric literals. Differences of spelling: DuckDB's arg_min over a tuple is row_number() over
the same order; regexp_extract is regexp_match(…)[n]; a tie between channels is broken in
code-point order (COLLATE "C") whatever the database's collation; averages of whole days are
taken in DOUBLE PRECISION, as DuckDB does, not NUMERIC.
*/ -}}
-- seglab wide table (dialect postgres): one row per customer from the raw exports
WITH
params AS (
    SELECT
        ref_date,
        to_char(date_trunc('month', ref_date) - INTERVAL '11 months', 'YYYY-MM') AS first_month,
        last_month,
        (ref_date - 364)::timestamp AS window_start,
        (ref_date + 1)::timestamp AS window_end
    FROM (
        SELECT (to_date(m, 'YYYY-MM') + INTERVAL '1 month' - INTERVAL '1 day')::date AS ref_date, m AS last_month
        FROM (SELECT CAST({{if .ref_month}}{{.ref_month}}{{else}}(SELECT max(bill_month) FROM raw_billing){{end}} AS TEXT) AS m) AS r
    ) AS d
),
window_months AS (
    SELECT to_char(date_trunc('month', p.ref_date) - make_interval(months => k), 'YYYY-MM') AS bill_month, -k AS month_no
    FROM params p CROSS JOIN generate_series(0, 11) AS g(k)
),
paid_per_bill AS (
    SELECT y.customer_id, y.bill_month, sum(y.paid_amount) AS paid_total, max(y.paid_date) AS last_paid
    FROM raw_payments y, params p
    WHERE y.paid_date <= p.ref_date
    GROUP BY y.customer_id, y.bill_month
),
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
            CASE WHEN y.paid_total >= b.amount - DOUBLE PRECISION '0.005' THEN y.last_paid END AS settled_date
        FROM raw_billing b
        CROSS JOIN params p
        LEFT JOIN paid_per_bill y USING (customer_id, bill_month)
        LEFT JOIN window_months w USING (bill_month)
    ) AS b
),
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
        coalesce(avg(days_late::double precision) FILTER (WHERE in_window AND days_late > 0), 0) AS avg_days_late,
        coalesce(sum(owed) FILTER (WHERE owed > 0 AND days_past_due > 60), 0) AS arrears_over_60d
    FROM bill_status
    GROUP BY customer_id
),
usage_features AS (
    SELECT
        customer_id,
        annual_kwh,
        avg_monthly_bill,
        CASE WHEN annual_kwh > 0 THEN peak_kwh / annual_kwh END AS peak_share,
        CASE WHEN window_bills >= 2 AND mean_kwh > 0 THEN 100 * kwh_slope / mean_kwh END AS usage_trend,
        CASE WHEN window_bills >= 2 AND mean_kwh > 0 THEN kwh_sd / mean_kwh END AS usage_cv
    FROM bill_features
    WHERE window_bills > 0
),
payment_channel_use AS (
    SELECT y.customer_id, y.channel, count(*) AS uses, max(y.paid_date) AS last_used
    FROM raw_payments y, params p
    WHERE y.bill_month BETWEEN p.first_month AND p.last_month
      AND y.paid_date <= p.ref_date
      AND y.channel <> ''
    GROUP BY y.customer_id, y.channel
),
payment_channels AS (
    SELECT customer_id, channel AS main_payment_channel, channels AS payment_channel_count
    FROM (
        SELECT
            customer_id,
            channel,
            row_number() OVER (PARTITION BY customer_id ORDER BY uses DESC, last_used DESC, channel COLLATE "C") AS rank,
            count(*) OVER (PARTITION BY customer_id) AS channels
        FROM payment_channel_use
    ) AS ranked
    WHERE rank = 1
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
contact_channels AS (
    SELECT customer_id, contact_channel AS main_contact_channel
    FROM (
        SELECT
            customer_id,
            contact_channel,
            row_number() OVER (PARTITION BY customer_id ORDER BY uses DESC, last_used DESC, contact_channel COLLATE "C") AS rank
        FROM (
            SELECT customer_id, contact_channel, count(*) AS uses, max(accept_time) AS last_used
            FROM window_tickets
            WHERE contact_channel <> ''
            GROUP BY customer_id, contact_channel
        ) AS uses
    ) AS ranked
    WHERE rank = 1
),
survey_features AS (
    SELECT s.customer_id, avg(s.satisfaction) AS satisfaction
    FROM raw_survey s, params p
    WHERE s.survey_date BETWEEN p.ref_date - 364 AND p.ref_date
    GROUP BY s.customer_id
),
behaviour AS (
    SELECT
        c.customer_id,
        CASE WHEN {{.has_payments}} AND f.window_bills > 0 THEN f.late_payment_count END AS late_payment_count,
        CASE WHEN {{.has_payments}} AND f.window_bills > 0 THEN f.avg_days_late END AS avg_days_late,
        CASE WHEN {{.has_payments}} AND f.customer_id IS NOT NULL THEN f.arrears_over_60d END AS arrears_over_60d,
        CASE WHEN {{.has_payments}} AND f.window_bills > 0 THEN pc.main_payment_channel END AS main_payment_channel,
        CASE WHEN {{.has_payments}} AND f.window_bills > 0 THEN coalesce(pc.payment_channel_count, 0) END AS payment_channel_count
    FROM raw_customers c
    LEFT JOIN bill_features f USING (customer_id)
    LEFT JOIN payment_channels pc USING (customer_id)
),
credit AS (
    SELECT
        customer_id,
        CASE WHEN late_payment_count IS NOT NULL THEN CAST(greatest(0, least(100, floor(
            100
            - {{.credit_late_penalty}} * late_payment_count
            - {{.credit_day_late_penalty}} * avg_days_late
            - CASE WHEN arrears_over_60d > {{.arrears_tolerance}} THEN {{.credit_arrears_penalty}} ELSE 0 END
            + DOUBLE PRECISION '1e-9'))) AS INTEGER) END AS credit_score
    FROM behaviour
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
    CASE WHEN trim(c.industry_code) ~ '^[A-Za-z]' THEN upper(left(trim(c.industry_code), 1)) END AS industry_section,
    CASE lower((regexp_match(c.voltage, '([0-9]+(\.[0-9]+)?)\s*([kK]?[vV])'))[3])
        WHEN 'kv' THEN CAST((regexp_match(c.voltage, '([0-9]+(\.[0-9]+)?)\s*([kK]?[vV])'))[1] AS DOUBLE PRECISION)
        WHEN 'v' THEN CAST((regexp_match(c.voltage, '([0-9]+(\.[0-9]+)?)\s*([kK]?[vV])'))[1] AS DOUBLE PRECISION) / 1000
    END AS voltage_kv,
    c.contract_capacity_kva,
    CASE WHEN c.open_date IS NOT NULL THEN greatest(p.ref_date - c.open_date, 0) / DOUBLE PRECISION '365.25' END AS tenure_years,
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
    u.annual_kwh,
    u.avg_monthly_bill,
    u.peak_share,
    u.usage_trend,
    u.usage_cv,
    bh.late_payment_count,
    bh.avg_days_late,
    bh.arrears_over_60d,
    bh.main_payment_channel,
    bh.payment_channel_count,
    CASE WHEN {{.has_outages}} THEN coalesce(o.outages_12m, 0) END AS outages_12m,
    CASE WHEN {{.has_outages}} THEN coalesce(o.outage_minutes_12m, 0) END AS outage_minutes_12m,
    CASE WHEN {{.has_outages}} THEN coalesce(o.long_outages_12m, 0) END AS long_outages_12m,
    CASE WHEN {{.has_tickets}} THEN coalesce(t.tickets_12m, 0) END AS tickets_12m,
    CASE WHEN {{.has_tickets}} THEN coalesce(t.complaints_12m, 0) END AS complaints_12m,
    cc.main_contact_channel,
    s.satisfaction,
    CAST(CASE
        WHEN bh.late_payment_count IS NULL THEN NULL
        WHEN bh.arrears_over_60d > {{.arrears_tolerance}}
            OR bh.late_payment_count >= {{.high_risk_late_count}}
            OR bh.avg_days_late >= {{.high_risk_days_late}} THEN 3
        WHEN bh.late_payment_count >= {{.medium_risk_late_count}}
            OR bh.avg_days_late >= {{.medium_risk_days_late}} THEN 2
        ELSE 1
    END AS INTEGER) AS fee_risk_class,
    cr.credit_score,
    CASE
        WHEN cr.credit_score IS NULL THEN NULL
        WHEN cr.credit_score >= {{.grade_a_min}} THEN 'A'
        WHEN cr.credit_score >= {{.grade_b_min}} THEN 'B'
        WHEN cr.credit_score >= {{.grade_c_min}} THEN 'C'
        WHEN cr.credit_score >= {{.grade_d_min}} THEN 'D'
        ELSE 'E'
    END AS credit_grade
FROM raw_customers c
CROSS JOIN params p
LEFT JOIN usage_features u USING (customer_id)
LEFT JOIN behaviour bh USING (customer_id)
LEFT JOIN credit cr USING (customer_id)
LEFT JOIN outage_features o USING (customer_id)
LEFT JOIN ticket_features t USING (customer_id)
LEFT JOIN contact_channels cc USING (customer_id)
LEFT JOIN survey_features s USING (customer_id)
ORDER BY c.customer_id
