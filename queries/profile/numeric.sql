-- Per-segment summaries of every numeric column, plus one row for the whole population
-- (is_total). For each column: non-missing count; mean and population variance of the value
-- minus a bound shift near its mean (shift.sql), so that nothing cancels (n·var_pop is the
-- sum of squared deviations, computed stably by DuckDB; Σx² − n·mean² would cancel);
-- quartiles by linear interpolation (one sort for all three) — on a deterministic 1-in-N
-- sample by hash of the id when QuartileSample is N > 0, since sorting every column of millions
-- of customers is most of a profile's time; how many values are above and below zero.
WITH j AS ({{template "joined" .}})
SELECT grouping(seglab_segment) = 1 AS is_total, seglab_segment, count(*)
{{- range .Numeric}},
    count({{.}}), avg(CAST({{.}} AS DOUBLE) - ?), var_pop(CAST({{.}} AS DOUBLE) - ?),
    quantile_cont(CAST({{.}} AS DOUBLE), [0.25, 0.5, 0.75])
        {{- if $.QuartileSample}} FILTER (WHERE hash({{$.ID}}) % {{$.QuartileSample}} = 0){{end}}, coalesce(count_if(CAST({{.}} AS DOUBLE) > 0), 0),
    coalesce(count_if(CAST({{.}} AS DOUBLE) < 0), 0)
{{- end}}
FROM j
GROUP BY GROUPING SETS ((seglab_segment), ())
ORDER BY is_total, seglab_segment
