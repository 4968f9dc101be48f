{{- /* A population filter as a WHERE condition: every condition must hold; values are ? parameters. */ -}}
{{range $i, $c := .}}{{if $i}} AND {{end}}{{ident $c.Column}}{{if $c.Null}} IS NULL{{else}} = ?{{end}}{{else}}TRUE{{end}}
