-- The type-deciding aggregates (queries/templates/type_aggs.sql) of each of the text columns
-- of a relation expression (a quoted table name or a read_csv call), in one row.
SELECT {{range $i, $c := .Columns}}{{if $i}}, {{end}}{{template "type_aggs.sql" ident $c}}{{end}} FROM {{.From}}
