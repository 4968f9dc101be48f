{{/* The queries given, stacked. */ -}}
{{range $i, $q := .}}{{if $i}} UNION ALL {{end}}{{$q}}{{end}}
