{{/* The value of a contract column an export lacks: NULL of the column's type. */ -}}
CAST(NULL AS {{.}})
