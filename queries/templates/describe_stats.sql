-- Describe's one aggregate pass over a batch of columns of one relation: count(*), then for
-- each column its non-NULL count, min and max as text, with .Approx its estimated distinct
-- count (NULL otherwise), and for a numeric column the list [mean, standard deviation] (NULL
-- for any other); all five NULL for a column with .Grouped, whose statistics describe_grouped
-- computes. Mean and standard deviation overflow (DuckDB raises an error) on numbers beyond
-- about 1e154 and are meaningless with infinite ones or NaN: for a floating-point column
-- (.Float) they are NULL (NaN) when min or max lies beyond ±1e150 (NaN sorts above every
-- number), and the aggregates themselves only see the values within, so that they never
-- raise. A CASE, not a FILTER clause: DuckDB copies the rows for each filtered aggregate.
SELECT count(*)
{{- range .Columns}}{{$q := ident .Name}},
  {{- if .Grouped}} NULL, NULL, NULL, NULL, NULL
  {{- else}}
  count({{$q}}), CAST(min({{$q}}) AS VARCHAR), CAST(max({{$q}}) AS VARCHAR), {{if .Approx}}approx_count_distinct({{$q}}){{else}}NULL{{end}},
  {{- if .Float}}
  CASE WHEN min({{$q}}) > -1e150 AND max({{$q}}) < 1e150 THEN [
    CAST(avg(CASE WHEN abs({{$q}}) < 1e150 THEN {{$q}} END) AS DOUBLE),
    CAST(stddev_samp(CASE WHEN abs({{$q}}) < 1e150 THEN {{$q}} END) AS DOUBLE)] END
  {{- else if .Numeric}}
  [CAST(avg({{$q}}) AS DOUBLE), CAST(stddev_samp({{$q}}) AS DOUBLE)]
  {{- else}} NULL{{end}}
  {{- end}}
{{- end}}
FROM {{ident .Table}}
