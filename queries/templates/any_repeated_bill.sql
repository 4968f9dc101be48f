-- Whether the stacked billing exports (the query given) may hold several rows of one customer
-- and month: a repeated hash of the two, one 64-bit key instead of two strings. Grouping (not
-- count(DISTINCT …), which runs on one thread and cannot spill) keeps it parallel and within
-- DuckDB's memory limit on a hundred million bills.
SELECT count(*) > 0 FROM (SELECT 1 FROM ({{.}}) GROUP BY hash(customer_id, bill_month) HAVING count(*) > 1)
