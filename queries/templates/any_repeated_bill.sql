-- Whether the stacked billing exports (the query given) may hold several rows of one customer
-- and month: distinct hashes, one 64-bit key instead of two strings, are the cheaper pass.
SELECT count(*) <> count(DISTINCT hash(customer_id, bill_month)) FROM ({{.}})
