{{/* A column of a raw export read as its contract's type, by .How: month_of (a DATE or
TIMESTAMP as YYYY-MM), month, number, integer, date, timestamp (text in the forms
norm_*.sql read), whole (text that must hold a whole number: NULL when it holds another) or
cast (a plain CAST to .Type). */ -}}
{{- $q := ident .Column -}}
{{- if eq .How "month_of"}}strftime({{$q}}, '%Y-%m')
{{- else if eq .How "month"}}{{template "norm_month.sql" $q}}
{{- else if eq .How "number"}}{{template "norm_number.sql" $q}}
{{- else if eq .How "integer"}}CAST({{template "norm_number.sql" $q}} AS BIGINT)
{{- else if eq .How "whole"}}CASE WHEN {{template "norm_number.sql" $q}} = round({{template "norm_number.sql" $q}}) THEN {{template "norm_number.sql" $q}} END
{{- else if eq .How "date"}}{{template "norm_date.sql" $q}}
{{- else if eq .How "timestamp"}}{{template "norm_timestamp.sql" $q}}
{{- else}}CAST({{$q}} AS {{.Type}}){{end}}
