-- Finds the first (customer, bill month) billed more than once: billing holds one bill per
-- customer and month. Returns no row when all is well.
SELECT customer_id, bill_month, count(*) AS bills
FROM raw_billing
GROUP BY customer_id, bill_month
HAVING count(*) > 1
ORDER BY customer_id, bill_month
LIMIT 1
