-- Finds the first bill whose bill_month is not a month written YYYY-MM. Returns no row when
-- all is well.
SELECT customer_id, bill_month
FROM raw_billing
WHERE bill_month IS NULL OR NOT regexp_full_match(bill_month, '[0-9]{4}-(0[1-9]|1[0-2])')
ORDER BY customer_id, bill_month
LIMIT 1
