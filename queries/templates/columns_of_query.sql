-- No row of a query: its columns and their types only.
SELECT * FROM ({{.}}) LIMIT 0
