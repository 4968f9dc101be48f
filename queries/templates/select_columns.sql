-- The given column expressions (already quoted or built by queries) of a query.
SELECT {{join .Columns ", "}} FROM ({{.Query}})
