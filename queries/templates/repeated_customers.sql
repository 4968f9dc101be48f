-- The customer ids that appear more than once in the stacked customers exports (the query
-- given): how many, their rows, and the first of them.
SELECT count(*), coalesce(sum(n), 0), min(customer_id) FROM (
  SELECT customer_id, count(*) AS n FROM ({{.}}) WHERE customer_id IS NOT NULL GROUP BY customer_id HAVING count(*) > 1)
