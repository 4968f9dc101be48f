-- The last bill month in raw_billing and the reference date, its last day. NULLs when billing
-- is empty.
SELECT max(bill_month) AS ref_month, last_day(strptime(max(bill_month), '%Y-%m'))::DATE AS ref_date
FROM raw_billing
