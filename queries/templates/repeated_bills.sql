-- The (customer, bill month) pairs with more than one row in the stacked billing exports (the
-- query given): how many, and their rows.
SELECT count(*), coalesce(sum(n), 0) FROM (
  SELECT count(*) AS n FROM ({{.}}) GROUP BY customer_id, bill_month HAVING count(*) > 1)
