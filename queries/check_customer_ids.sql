-- Finds the first customer id that is empty or appears more than once in raw_customers:
-- the wide table needs exactly one row per customer. Returns no row when all is well.
SELECT customer_id, count(*) AS rows
FROM raw_customers
GROUP BY customer_id
HAVING count(*) > 1 OR customer_id IS NULL OR trim(customer_id) = ''
ORDER BY customer_id NULLS FIRST
LIMIT 1
