-- One pass over an export table (.Table) that checks it, as one row: the count of totals rows
-- (.Totals, a condition: these rows are left out of every check), then the aggregates of each
-- of .Aggs in turn, by .Op:
--   unconverted, null, empty_id: min(rowid) and count of the rows at fault: the text of column
--     .Column does not convert (.Value, its converted value, is NULL) / it is NULL / it is NULL
--     or blank;
--   satisfaction: count of values (.Value) outside 0–10, and the largest rounded up;
--   duration: count of values, of those over 72, of those of 24 or less;
--   kwh: count of negative values.
-- Then for each of .Months (bill months, a dozen values in millions of rows, checked once per
-- distinct value): min(rowid) and count of the rows whose month is not one, and whether any
-- month is written other than YYYY-MM. With .Required an empty month is a fault too.
SELECT * FROM (SELECT count(*) FILTER (WHERE {{.Totals}})
{{- range .Aggs}},
  {{if eq .Op "satisfaction" -}}
  count(*) FILTER (WHERE {{.Value}} < 0 OR {{.Value}} > 10), CAST(ceil(coalesce(max({{.Value}}), 0)) AS BIGINT)
  {{- else if eq .Op "duration" -}}
  count({{.Value}}), count(*) FILTER (WHERE {{.Value}} > 72), count(*) FILTER (WHERE {{.Value}} <= 24)
  {{- else if eq .Op "kwh" -}}
  count(*) FILTER (WHERE {{.Value}} < 0 AND NOT {{$.Totals}})
  {{- else -}}
  min(rowid) FILTER (WHERE NOT {{$.Totals}} AND ({{template "validate_fault" .}})), count(*) FILTER (WHERE NOT {{$.Totals}} AND ({{template "validate_fault" .}}))
  {{- end}}
{{- end}} FROM {{ident .Table}})
{{- range .Months}},
  (SELECT min(r) FILTER (WHERE {{template "validate_bad_month" .}}), CAST(coalesce(sum(n) FILTER (WHERE {{template "validate_bad_month" .}}), 0) AS BIGINT), coalesce(bool_or(NOT regexp_full_match(v, '[0-9]{4}-(0[1-9]|1[0-2])')), false)
   FROM (SELECT {{ident .Column}} AS v, min(rowid) AS r, count(*) AS n FROM {{ident $.Table}} WHERE NOT {{$.Totals}} GROUP BY {{ident .Column}}))
{{- end}}

{{- define "validate_fault" -}}
{{- $q := ident .Column -}}
{{- if eq .Op "unconverted"}}{{$q}} IS NOT NULL AND trim({{$q}}) <> '' AND ({{.Value}}) IS NULL
{{- else if eq .Op "null"}}{{$q}} IS NULL
{{- else if eq .Op "empty_id"}}{{$q}} IS NULL OR trim(CAST({{$q}} AS VARCHAR)) = ''
{{- end}}
{{- end}}

{{- define "validate_bad_month" -}}
{{- if .Required -}}
v IS NULL OR trim(v) = '' OR ({{template "norm_month.sql" "v"}}) IS NULL
{{- else -}}
v IS NOT NULL AND trim(v) <> '' AND ({{template "norm_month.sql" "v"}}) IS NULL
{{- end}}
{{- end}}
