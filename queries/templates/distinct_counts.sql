-- The exact number of distinct non-NULL values of each of the columns of one relation.
SELECT {{range $i, $c := .Columns}}{{if $i}}, {{end}}count(DISTINCT {{ident $c}}){{end}} FROM {{ident .Table}}
