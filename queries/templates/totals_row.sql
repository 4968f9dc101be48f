{{/* The condition that holds for a totals row of an export: 合计, 总计 or 小计 at the start of
one of the columns named. prefix() compares the few bytes DuckDB keeps inline with each
string: the test costs next to nothing on the millions of rows that are no totals row. */ -}}
({{range $i, $c := .}}{{if $i}} OR {{end}}{{$v := printf "CAST(%s AS VARCHAR)" (ident $c)}}coalesce(prefix({{$v}}, '合计') OR prefix({{$v}}, '总计') OR prefix({{$v}}, '小计'), false){{end}})
