-- The type-deciding aggregates (queries/templates/type_aggs.sql) of each of the text columns
-- of a relation expression, one row per column (its name first), from one grouped pass over
-- the unpivoted (column, value) rows. UNPIVOT leaves out a column that holds no value at all.
SELECT name, {{template "type_aggs.sql" "v"}}
FROM (UNPIVOT (SELECT {{range $i, $c := .Columns}}{{if $i}}, {{end}}{{ident $c}}{{end}} FROM {{.From}}) ON COLUMNS(*) INTO NAME name VALUE v)
GROUP BY name
