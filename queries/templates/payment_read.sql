-- The payment features read into Go for clustering, by customer: numbers as DOUBLE, text with
-- missing values as ''.
SELECT customer_id{{range .Numeric}}, CAST({{ident .}} AS DOUBLE){{end}}{{range .Text}}, coalesce({{ident .}}, ''){{end}}
FROM {{ident .Table}} ORDER BY customer_id
