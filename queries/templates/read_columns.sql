-- Reads columns of wide for the customers the population condition selects, ordered by the
-- id column when there is one (so that the order does not depend on the order of the input
-- files), without one in wide's order: each of .Columns cast to {{.Type}}, then each of
-- .Coded as the 0-based position of its text among the column's distinct texts in the
-- population, ascending (read_levels lists them), NULL where the value is NULL. Coding the
-- text columns lets one numeric reader and one sort serve every column. A coded column costs
-- a search of its list per row: it suits categorical dimensions (prep allows at most 100
-- categories). The filter's ? parameters occur once per coded column and then once more.
SELECT {{range $i, $c := .Columns}}{{if $i}}, {{end}}CAST(w.{{ident $c}} AS {{$.Type}}){{end}}
{{- range $i, $c := .Coded}}{{if or $i $.Columns}}, {{end}}
       CAST(list_position((SELECT list(seglab_level ORDER BY seglab_level)
                           FROM (SELECT DISTINCT CAST({{ident $c}} AS VARCHAR) AS seglab_level FROM wide
                                 WHERE ({{$.Where}}) AND {{ident $c}} IS NOT NULL)),
                          CAST(w.{{ident $c}} AS VARCHAR)) - 1 AS DOUBLE)
{{- end}}
FROM wide AS w
WHERE {{.Where}}{{if .Order}} ORDER BY w.{{ident .Order}}{{end}}
