{{/*
The customer wide table in ClickHouse (18.16 or later): queries/wide_table.sql rule for rule
(see its comments and queries/EXPORTS.md), as one SELECT. engine/sqlgen.WideTable fills in the
reference month (.ref_month, a literal or empty for the last bill month in raw_billing) and the
rules, as numeric literals.

ClickHouse 18 has no WITH subqueries and one JOIN per SELECT, so the query is a chain of nested
SELECTs, each joining one more table of features to the customers (join_use_nulls makes an
unmatched customer's features NULL, as a LEFT JOIN elsewhere). Other spellings: FILTER (WHERE)
is the -If aggregate; regr_slope is covarPop/varPop; trim is a regular expression (ClickHouse 18
has no trim); a simple CASE x WHEN is a searched CASE WHEN (ClickHouse 18 gets the simple form
wrong). Aliases are global in ClickHouse, so join keys (cid, k_month) and computed columns get
names of their own that no column of another level has.
Raw tables may be Distributed: every join is between derived tables, so it runs on the server
that received the query.
*/ -}}
{{- define "ref_month"}}assumeNotNull({{if .ref_month}}{{.ref_month}}{{else}}(SELECT max(bill_month) FROM raw_billing){{end}}){{end -}}
{{- define "month_start"}}toDate(concat({{template "ref_month" .}}, '-01')){{end -}}
{{- define "ref_date"}}addDays(addMonths({{template "month_start" .}}, 1), -1){{end -}}
{{- define "first_month"}}formatDateTime(addMonths({{template "month_start" .}}, -11), '%Y-%m'){{end -}}
{{- define "window_start"}}toDateTime(addDays({{template "ref_date" .}}, -364)){{end -}}
{{- define "window_end"}}toDateTime(addDays({{template "ref_date" .}}, 1)){{end -}}
-- seglab wide table (dialect clickhouse): one row per customer from the raw exports
SELECT
    cid AS customer_id,
    CASE
        WHEN nullIf(t_class, '') IS NULL THEN NULL
        WHEN t_class = '居民生活' OR lowerUTF8(t_class) = 'residential' THEN 'residential'
        ELSE 'business'
    END AS customer_type,
    nullIf(t_class, '') AS customer_class,
    CASE
        WHEN l_region = '东部' OR l_region = 'east' THEN 'east'
        WHEN l_region = '中部' OR l_region = 'central' THEN 'central'
        WHEN l_region = '西部' OR l_region = 'west' THEN 'west'
        ELSE nullIf(t_region, '')
    END AS region,
    nullIf(t_industry, '') AS industry_code,
    CASE WHEN match(t_industry, '^[A-Za-z]') THEN upperUTF8(substringUTF8(t_industry, 1, 1)) END AS industry_section,
    CASE
        WHEN volt_unit = 'kv' THEN volt_number
        WHEN volt_unit = 'v' THEN volt_number / 1000
    END AS voltage_kv,
    c_capacity AS contract_capacity_kva,
    CASE WHEN c_open_date IS NOT NULL THEN greatest(dateDiff('day', c_open_date, {{template "ref_date" .}}), 0) / 365.25 END AS tenure_years,
    CASE
        WHEN l_housing = '自有' OR l_housing = 'owner' THEN 'owner'
        WHEN l_housing = '租赁' OR l_housing = 'renter' THEN 'renter'
        ELSE nullIf(t_housing, '')
    END AS housing,
    CASE
        WHEN l_heating = '电采暖' OR l_heating = 'electric' THEN 'electric'
        WHEN l_heating = '燃气' OR l_heating = 'gas' THEN 'gas'
        WHEN l_heating = '其他' OR l_heating = 'other' THEN 'other'
        ELSE nullIf(t_heating, '')
    END AS heating,
    CASE
        WHEN l_special = '无' OR l_special = 'none' THEN 'none'
        WHEN l_special = '老年' OR l_special = 'elderly' THEN 'elderly'
        WHEN l_special = '低保' OR l_special = 'low_income' THEN 'low_income'
        WHEN l_special = '残疾' OR l_special = 'disabled' THEN 'disabled'
        ELSE nullIf(t_special, '')
    END AS special_group,
    c_household AS household_size,
    u_annual_kwh AS annual_kwh,
    u_avg_monthly_bill AS avg_monthly_bill,
    u_peak_share AS peak_share,
    u_usage_trend AS usage_trend,
    u_usage_cv AS usage_cv,
    bh_late AS late_payment_count,
    bh_days_late AS avg_days_late,
    bh_arrears AS arrears_over_60d,
    bh_channel AS main_payment_channel,
    bh_channels AS payment_channel_count,
    CASE WHEN {{.has_outages}} THEN coalesce(o_outages, 0) END AS outages_12m,
    CASE WHEN {{.has_outages}} THEN coalesce(o_minutes, 0) END AS outage_minutes_12m,
    CASE WHEN {{.has_outages}} THEN coalesce(o_long, 0) END AS long_outages_12m,
    CASE WHEN {{.has_tickets}} THEN coalesce(t_tickets, 0) END AS tickets_12m,
    CASE WHEN {{.has_tickets}} THEN coalesce(t_complaints, 0) END AS complaints_12m,
    cc_channel AS main_contact_channel,
    s_satisfaction AS satisfaction,
    CASE
        WHEN bh_late IS NULL THEN NULL
        WHEN bh_arrears > {{.arrears_tolerance}}
            OR bh_late >= {{.high_risk_late_count}}
            OR bh_days_late >= {{.high_risk_days_late}} THEN 3
        WHEN bh_late >= {{.medium_risk_late_count}}
            OR bh_days_late >= {{.medium_risk_days_late}} THEN 2
        ELSE 1
    END AS fee_risk_class,
    credit AS credit_score,
    CASE
        WHEN credit IS NULL THEN NULL
        WHEN credit >= {{.grade_a_min}} THEN 'A'
        WHEN credit >= {{.grade_b_min}} THEN 'B'
        WHEN credit >= {{.grade_c_min}} THEN 'C'
        WHEN credit >= {{.grade_d_min}} THEN 'D'
        ELSE 'E'
    END AS credit_grade
FROM (
    -- Credit score (NULL when payment behaviour is unknown).
    SELECT *,
        CASE WHEN bh_late IS NOT NULL THEN toInt32(greatest(0, least(100, floor(
            100
            - {{.credit_late_penalty}} * bh_late
            - {{.credit_day_late_penalty}} * bh_days_late
            - CASE WHEN bh_arrears > {{.arrears_tolerance}} THEN {{.credit_arrears_penalty}} ELSE 0 END
            + 1e-9)))) END AS credit
    FROM (
        -- Payment behaviour: unknown without bills in the window; arrears unknown without any bill.
        SELECT *,
            CASE WHEN {{.has_payments}} AND f_window_bills > 0 THEN f_late END AS bh_late,
            CASE WHEN {{.has_payments}} AND f_window_bills > 0 THEN f_days_late END AS bh_days_late,
            CASE WHEN {{.has_payments}} AND f_present = 1 THEN f_arrears END AS bh_arrears,
            CASE WHEN {{.has_payments}} AND f_window_bills > 0 THEN p_channel END AS bh_channel,
            CASE WHEN {{.has_payments}} AND f_window_bills > 0 THEN coalesce(p_channels, 0) END AS bh_channels
        FROM (
        SELECT * FROM (
        SELECT * FROM (
        SELECT * FROM (
        SELECT * FROM (
        SELECT * FROM (
            SELECT
                assumeNotNull(customer_id) AS cid,
                replaceRegexpAll(customer_class, '^ +| +$', '') AS t_class,
                replaceRegexpAll(region, '^ +| +$', '') AS t_region,
                lowerUTF8(t_region) AS l_region,
                replaceRegexpAll(industry_code, '^ +| +$', '') AS t_industry,
                lowerUTF8(extract(voltage, '[0-9]+(?:\\.[0-9]+)?\\s*([kK]?[vV])')) AS volt_unit,
                toFloat64OrNull(extract(voltage, '([0-9]+(?:\\.[0-9]+)?)\\s*[kK]?[vV]')) AS volt_number,
                contract_capacity_kva AS c_capacity,
                open_date AS c_open_date,
                replaceRegexpAll(housing, '^ +| +$', '') AS t_housing,
                lowerUTF8(t_housing) AS l_housing,
                replaceRegexpAll(heating, '^ +| +$', '') AS t_heating,
                lowerUTF8(t_heating) AS l_heating,
                replaceRegexpAll(special_group, '^ +| +$', '') AS t_special,
                lowerUTF8(t_special) AS l_special,
                household_size AS c_household
            FROM raw_customers
        ) ANY LEFT JOIN (
            -- Usage and lateness over the bills of the window; arrears over all bills.
            SELECT
                cid,
                1 AS f_present,
                a_window_bills AS f_window_bills,
                CASE WHEN a_window_bills > 0 THEN a_annual_kwh END AS u_annual_kwh,
                CASE WHEN a_window_bills > 0 THEN a_avg_monthly_bill END AS u_avg_monthly_bill,
                CASE WHEN a_window_bills > 0 AND a_annual_kwh > 0 THEN a_peak_kwh / a_annual_kwh END AS u_peak_share,
                CASE WHEN a_window_bills >= 2 AND a_mean_kwh > 0 THEN 100 * a_kwh_slope / a_mean_kwh END AS u_usage_trend,
                CASE WHEN a_window_bills >= 2 AND a_mean_kwh > 0 THEN a_kwh_sd / a_mean_kwh END AS u_usage_cv,
                a_late AS f_late,
                a_days_late AS f_days_late,
                a_arrears AS f_arrears
            FROM (
                SELECT
                    cid,
                    countIf(in_window = 1) AS a_window_bills,
                    sumIf(kwh, in_window = 1) AS a_annual_kwh,
                    avgIf(amount, in_window = 1) AS a_avg_monthly_bill,
                    sumIf(peak_kwh, in_window = 1) AS a_peak_kwh,
                    avgIf(kwh, in_window = 1) AS a_mean_kwh,
                    covarPopIf(kwh, month_no, in_window = 1) / varPopIf(month_no, in_window = 1 AND kwh IS NOT NULL) AS a_kwh_slope,
                    stddevPopIf(kwh, in_window = 1) AS a_kwh_sd,
                    countIf(in_window = 1 AND days_late > 0) AS a_late,
                    CASE WHEN countIf(in_window = 1 AND days_late > 0) > 0 THEN avgIf(days_late, in_window = 1 AND days_late > 0) ELSE 0 END AS a_days_late,
                    sumIf(owed, owed > 0 AND days_past_due > 60) AS a_arrears
                FROM (
                    -- Per bill: in the window, days late, amount still owed.
                    SELECT
                        cid,
                        kwh,
                        peak_kwh,
                        amount,
                        month_no IS NOT NULL AS in_window,
                        month_no,
                        CASE
                            WHEN amount <= 0.005 THEN 0
                            WHEN settled_date IS NOT NULL THEN greatest(dateDiff('day', due_date, settled_date), 0)
                            ELSE greatest(dateDiff('day', due_date, {{template "ref_date" .}}), 0)
                        END AS days_late,
                        CASE
                            WHEN amount <= 0.005 OR settled_date IS NOT NULL THEN 0
                            ELSE greatest(amount - paid, 0)
                        END AS owed,
                        dateDiff('day', due_date, {{template "ref_date" .}}) AS days_past_due
                    FROM (
                        SELECT
                            cid, k_month, kwh, peak_kwh, amount, due_date,
                            coalesce(paid_total, 0) AS paid,
                            CASE WHEN paid_total >= amount - 0.005 THEN last_paid END AS settled_date
                        FROM (
                            SELECT assumeNotNull(customer_id) AS cid, assumeNotNull(bill_month) AS k_month, kwh, peak_kwh, amount, due_date
                            FROM raw_billing
                        ) ANY LEFT JOIN (
                            -- What had been paid on each bill by the reference date.
                            SELECT assumeNotNull(customer_id) AS cid, assumeNotNull(bill_month) AS k_month,
                                sum(paid_amount) AS paid_total, max(paid_date) AS last_paid
                            FROM raw_payments
                            WHERE paid_date <= {{template "ref_date" .}}
                            GROUP BY cid, k_month
                        ) USING (cid, k_month)
                    ) ANY LEFT JOIN (
                        -- The 12 bill months of the window, numbered from the last (0, -1, … -11).
                        SELECT formatDateTime(addMonths({{template "month_start" .}}, -toInt32(number)), '%Y-%m') AS k_month,
                            -toInt32(number) AS month_no
                        FROM numbers(12)
                    ) USING (k_month)
                )
                GROUP BY cid
            )
        ) USING (cid)
        ) ANY LEFT JOIN (
            -- Main payment channel: most used, then most recently used, then first in code-point order.
            SELECT
                cid,
                argMin(channel, tuple(-toInt64(uses), -toInt64(toUInt32(toDateTime(last_used))), channel)) AS p_channel,
                count() AS p_channels
            FROM (
                SELECT assumeNotNull(customer_id) AS cid, assumeNotNull(channel) AS channel, count() AS uses, assumeNotNull(max(paid_date)) AS last_used
                FROM raw_payments
                WHERE bill_month >= {{template "first_month" .}} AND bill_month <= {{template "ref_month" .}}
                  AND paid_date <= {{template "ref_date" .}}
                  AND channel <> ''
                GROUP BY cid, channel
            )
            GROUP BY cid
        ) USING (cid)
        ) ANY LEFT JOIN (
            SELECT
                assumeNotNull(customer_id) AS cid,
                count() AS o_outages,
                sum(duration_min) AS o_minutes,
                countIf(duration_min > 240) AS o_long
            FROM raw_outages
            WHERE start_time >= {{template "window_start" .}} AND start_time < {{template "window_end" .}}
            GROUP BY cid
        ) USING (cid)
        ) ANY LEFT JOIN (
            SELECT
                assumeNotNull(customer_id) AS cid,
                count() AS t_tickets,
                countIf(replaceRegexpAll(ticket_type, '^ +| +$', '') = '投诉'
                    OR lowerUTF8(replaceRegexpAll(ticket_type, '^ +| +$', '')) = 'complaint') AS t_complaints
            FROM raw_tickets
            WHERE accept_time >= {{template "window_start" .}} AND accept_time < {{template "window_end" .}}
            GROUP BY cid
        ) USING (cid)
        ) ANY LEFT JOIN (
            -- Main contact channel: same rule as the main payment channel.
            SELECT cid, argMin(contact_channel, tuple(-toInt64(uses), -toInt64(toUInt32(last_used)), contact_channel)) AS cc_channel
            FROM (
                SELECT assumeNotNull(customer_id) AS cid, assumeNotNull(contact_channel) AS contact_channel, count() AS uses,
                    assumeNotNull(max(accept_time)) AS last_used
                FROM raw_tickets
                WHERE accept_time >= {{template "window_start" .}} AND accept_time < {{template "window_end" .}}
                  AND contact_channel <> ''
                GROUP BY cid, contact_channel
            )
            GROUP BY cid
        ) USING (cid)
        ) ANY LEFT JOIN (
            SELECT assumeNotNull(customer_id) AS cid, avg(satisfaction) AS s_satisfaction
            FROM raw_survey
            WHERE survey_date >= addDays({{template "ref_date" .}}, -364) AND survey_date <= {{template "ref_date" .}}
            GROUP BY cid
        ) USING (cid)
    )
)
ORDER BY customer_id
SETTINGS join_use_nulls = 1
