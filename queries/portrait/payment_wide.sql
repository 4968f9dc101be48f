-- Payment behaviour of the residential customers of wide when the raw billing and payments
-- exports are not at hand: wide's late payments and mean days late, and the family of its
-- main payment channel ('other' for a channel the grouping does not know).
CREATE OR REPLACE TABLE payment_behaviour AS
SELECT
    w.customer_id::VARCHAR AS customer_id,
    w.late_payment_count::DOUBLE AS late_payment_count,
    w.avg_days_late::DOUBLE AS avg_days_late,
    CASE
        WHEN nullif(trim(w.main_payment_channel), '') IS NULL THEN NULL
        ELSE coalesce(f.family, 'other')
    END AS main_channel_family
FROM wide w
LEFT JOIN portrait_channel_family f ON f.channel = lower(trim(w.main_payment_channel))
WHERE w.customer_type = 'residential'
