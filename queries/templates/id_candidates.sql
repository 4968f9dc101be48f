-- For each of .Columns of wide: how many rows have a value and how many different values
-- there are, one row per column, to find the columns that could identify a customer.
{{range $i, $c := .Columns}}{{if $i}}
UNION ALL
{{end}}SELECT {{$i}}, count({{ident $c}}), count(DISTINCT {{ident $c}}) FROM wide{{end}}
