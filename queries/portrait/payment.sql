-- Payment behaviour (缴费行为) of the residential customers of wide, from raw_billing and
-- raw_payments, as of $ref_date (the last day of the last bill month, as for wide): the bills
-- of the 12 bill months to $ref_date with an amount over half a fen, and the payments made by
-- $ref_date for those months.
--
-- Timing: a bill is settled on the date of its last payment once its payments cover its
-- amount (wide's rule). days_before_due = due_date − settlement date; for a bill unsettled
-- and past due at $ref_date, due_date − $ref_date (negative); a bill unsettled and not yet due
-- is pending and not timed. Early: days_before_due ≥ $early_days; on time: 0 ≤ days <
-- $early_days; late: days < 0.
-- Channels: each payment counts once for its channel family (portrait_channel_family; 'other'
-- for an unknown channel); shares are of all such payments, and the main family is the most
-- used, ties to the most recently used, then code-point order.
CREATE OR REPLACE TABLE payment_behaviour AS
WITH params AS (
    SELECT
        $ref_date::DATE AS ref_date,
        strftime(date_trunc('month', $ref_date::DATE) - INTERVAL 11 MONTH, '%Y-%m') AS first_month,
        strftime($ref_date::DATE, '%Y-%m') AS last_month
),
residents AS (
    SELECT customer_id::VARCHAR AS customer_id FROM wide WHERE customer_type = 'residential'
),
paid_per_bill AS (
    SELECT y.customer_id::VARCHAR AS customer_id, y.bill_month, sum(y.paid_amount) AS paid_total, max(y.paid_date) AS last_paid
    FROM raw_payments y, params p
    WHERE y.paid_date <= p.ref_date AND y.bill_month BETWEEN p.first_month AND p.last_month
    GROUP BY ALL
),
timed AS (
    SELECT
        b.customer_id::VARCHAR AS customer_id,
        CASE
            WHEN y.paid_total >= b.amount - 0.005 THEN b.due_date - y.last_paid
            WHEN p.ref_date > b.due_date THEN b.due_date - p.ref_date
        END AS days_before_due
    FROM raw_billing b
    CROSS JOIN params p
    JOIN residents r ON r.customer_id = b.customer_id::VARCHAR
    LEFT JOIN paid_per_bill y ON y.customer_id = b.customer_id::VARCHAR AND y.bill_month = b.bill_month
    WHERE b.bill_month BETWEEN p.first_month AND p.last_month AND b.amount > 0.005
),
timing AS (
    SELECT
        customer_id,
        count(*) AS bills_timed,
        count(*) FILTER (WHERE days_before_due >= $early_days) / count(*) AS early_share,
        count(*) FILTER (WHERE days_before_due >= 0 AND days_before_due < $early_days) / count(*) AS on_time_share,
        count(*) FILTER (WHERE days_before_due < 0) / count(*) AS late_share,
        avg(days_before_due) AS mean_days_before_due
    FROM timed
    WHERE days_before_due IS NOT NULL
    GROUP BY customer_id
),
channel_use AS (
    SELECT
        y.customer_id::VARCHAR AS customer_id,
        coalesce(f.family, 'other') AS family,
        count(*) AS uses,
        max(y.paid_date) AS last_used
    FROM raw_payments y
    CROSS JOIN params p
    JOIN residents r ON r.customer_id = y.customer_id::VARCHAR
    LEFT JOIN portrait_channel_family f ON f.channel = lower(trim(y.channel))
    WHERE y.bill_month BETWEEN p.first_month AND p.last_month
      AND y.paid_date <= p.ref_date
      AND nullif(trim(y.channel), '') IS NOT NULL
    GROUP BY ALL
),
families AS (
    SELECT
        customer_id,
        sum(uses) AS payments,
        coalesce(sum(uses) FILTER (WHERE family = 'counter'), 0) / sum(uses) AS counter_share,
        coalesce(sum(uses) FILTER (WHERE family = 'bank'), 0) / sum(uses) AS bank_share,
        coalesce(sum(uses) FILTER (WHERE family = 'online'), 0) / sum(uses) AS online_share,
        coalesce(sum(uses) FILTER (WHERE family = 'self_service'), 0) / sum(uses) AS self_service_share,
        coalesce(sum(uses) FILTER (WHERE family = 'prepaid'), 0) / sum(uses) AS prepaid_share,
        arg_min(family, (-uses, -epoch(last_used), family)) AS main_channel_family
    FROM channel_use
    GROUP BY customer_id
)
SELECT
    r.customer_id,
    coalesce(t.bills_timed, 0) AS bills_timed,
    t.early_share::DOUBLE AS early_share,
    t.on_time_share::DOUBLE AS on_time_share,
    t.late_share::DOUBLE AS late_share,
    t.mean_days_before_due::DOUBLE AS mean_days_before_due,
    coalesce(f.payments, 0) AS payments,
    f.counter_share::DOUBLE AS counter_share,
    f.bank_share::DOUBLE AS bank_share,
    f.online_share::DOUBLE AS online_share,
    f.self_service_share::DOUBLE AS self_service_share,
    f.prepaid_share::DOUBLE AS prepaid_share,
    f.main_channel_family
FROM residents r
LEFT JOIN timing t USING (customer_id)
LEFT JOIN families f USING (customer_id)
