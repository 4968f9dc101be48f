-- Reads columns of wide, each cast to {{.Type}}, for the customers the population condition
-- selects, ordered by the id column when there is one (so that the order does not depend
-- on the order of the input files).
SELECT {{range $i, $c := .Columns}}{{if $i}}, {{end}}CAST({{ident $c}} AS {{$.Type}}){{end}}
FROM wide WHERE {{.Where}}{{if .Order}} ORDER BY {{ident .Order}}{{end}}
