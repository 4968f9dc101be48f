{{/* One export table's rows as its kind's canonical columns (.Columns: an expression and the
name it gets), plus __seglab_src (.Src, the file's place among its kind) and __seglab_row
(file order). Totals rows (.Totals, a condition) are left out, and with .AnyOf so are the rows
in which none of the columns named holds a value (monthly billing). */ -}}
SELECT {{range .Columns}}{{.Expr}} AS {{ident .Name}}, {{end}}{{.Src}} AS __seglab_src, rowid AS __seglab_row FROM {{ident .Table}}
{{- if or .Totals .AnyOf}} WHERE {{if .Totals}}NOT {{.Totals}}{{end}}{{if and .Totals .AnyOf}} AND {{end}}
{{- if .AnyOf}}({{range $i, $c := .AnyOf}}{{if $i}} OR {{end}}{{ident $c}} IS NOT NULL{{end}}){{end}}{{end}}
