-- The exact number of distinct non-NULL values of each of the columns of one relation, one
-- GROUP BY per column (DuckDB runs these on every core and can spill them; count(DISTINCT …)
-- runs on one thread and cannot spill).
SELECT {{range $i, $c := .Columns}}{{if $i}},
  {{end}}(SELECT count({{ident $c}}) FROM (SELECT DISTINCT {{ident $c}} FROM {{ident $.Table}})){{end}}
