-- The first ? rows of one relation, every column as text: sample values to show beside a
-- column's role.
SELECT {{range $i, $c := .Columns}}{{if $i}}, {{end}}CAST({{ident $c}} AS VARCHAR){{end}} FROM {{ident .Table}} LIMIT ?
