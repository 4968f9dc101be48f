-- Describe's statistics of the columns with few distinct values, from one GROUP BY per column
-- (DuckDB runs these on every core and can spill them; count(DISTINCT …) runs on one thread
-- and cannot) instead of from every row: one row per column, with its position in .Columns,
-- its exact number of distinct non-NULL values, its non-NULL count, min and max as text, and
-- for a numeric column the list [mean, sample standard deviation] (NULL for any other), both
-- in two passes over the (value, count) groups. As in describe_stats, a floating-point column
-- (.Float) with a value beyond ±1e150, infinite or NaN has NULL for them.
{{- range $i, $c := .Columns}}{{if $i}}
UNION ALL{{end}}{{$q := ident $c.Name}}
SELECT {{$i}}, count(*), CAST(sum(n) AS BIGINT), CAST(min(v) AS VARCHAR), CAST(max(v) AS VARCHAR),
  {{- if $c.Numeric}}
  CASE WHEN {{if $c.Float}}min(v) > -1e150 AND max(v) < 1e150 AND {{end}}sum(n) > 0 THEN [
    CAST(sum(n * CAST(v AS DOUBLE)) / sum(n) AS DOUBLE),
    CASE WHEN sum(n) > 1 THEN CAST(sqrt(sum(n * (CAST(v AS DOUBLE) - m) ^ 2) / (sum(n) - 1)) AS DOUBLE) END] END
FROM (SELECT v, n, sum(n * CAST(v AS DOUBLE)) OVER () / sum(n) OVER () AS m FROM
  {{- else}}
  CAST(NULL AS DOUBLE[])
FROM (SELECT v, n FROM
  {{- end}} (SELECT {{$q}} AS v, count(*) AS n FROM {{ident $.Table}} WHERE {{$q}} IS NOT NULL GROUP BY {{$q}}))
{{- end}}
