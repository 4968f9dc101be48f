-- Counts of every value of every categorical column per segment, in long form
-- (column, segment, value, count). Missing values (NULL) are left out.
WITH j AS ({{template "joined" .}}),
long AS (
    UNPIVOT (SELECT seglab_segment{{range .Categorical}}, CAST({{.}} AS VARCHAR) AS {{.}}{{end}} FROM j)
    ON {{range $i, $c := .Categorical}}{{if $i}}, {{end}}{{$c}}{{end}}
    INTO NAME seglab_column VALUE seglab_value
)
SELECT seglab_column, seglab_segment, seglab_value, count(*) AS customers
FROM long
GROUP BY ALL
ORDER BY ALL
