{{/* The bill month of one column of monthly billing: YYYY-MM when the header names the year,
else the year read from the expression .YearOf. */ -}}
{{if .Year}}'{{printf "%04d-%02d" .Year .Month}}'{{else}}printf('%04d-%02d', {{.YearOf}}, {{.Month}}){{end}}
