-- Every row of one relation, for writing it out, optionally ordered by one column.
SELECT * FROM {{ident .Relation}}{{if .Order}} ORDER BY {{ident .Order}}{{end}}
