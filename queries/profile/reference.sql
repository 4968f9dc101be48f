-- The reference population of the satisfaction-versus-outage chart: all customers, or those
-- whose filter column (as text) equals the bound value. Returns customers, summed outages,
-- survey answers and mean satisfaction.
SELECT count(*), coalesce(sum(CAST({{.Outages}} AS DOUBLE)), 0),
    count({{.Satisfaction}}), avg(CAST({{.Satisfaction}} AS DOUBLE))
FROM {{.Table}}
{{- if .RefColumn}}
WHERE CAST({{.RefColumn}} AS VARCHAR) = ?
{{- end}}
