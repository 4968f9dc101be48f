{{/* The six aggregates that decide the type of the text expression {{.}}, in the order
engine/data's typeOf reads them: count, all BIGINT, any leading zero, all DOUBLE, all DATE,
all TIMESTAMP. Cheap text tests guard every cast: a failing TRY_CAST costs DuckDB far more
than a succeeding one. A decimal point is what tells 2 (BIGINT) from 2.0 (DOUBLE): DuckDB
casts '1.5' to BIGINT by rounding. A minus sign past the first character belongs only to an
exponent (9.3e-05); anywhere else (2024-01-05) the value is no number. */ -}}
{{- $num := printf "(substr(%s, 1, 1) IN ('0','1','2','3','4','5','6','7','8','9','-','+','.') AND strpos(replace(lower(substr(%s, 2)), 'e-', 'e'), '-') = 0 AND strpos(%s, ':') = 0)" . . . -}}
{{- $date := printf "(substr(%s, 5, 1) = '-' AND substr(%s, 8, 1) = '-')" . . -}}
count({{.}}), bool_and(CASE WHEN {{$num}} AND strpos({{.}}, '.') = 0 AND strpos(lower({{.}}), 'e') = 0 THEN TRY_CAST({{.}} AS BIGINT) IS NOT NULL ELSE false END) FILTER (WHERE {{.}} IS NOT NULL), bool_or(starts_with({{.}}, '0') AND length({{.}}) > 1 AND substr({{.}}, 2, 1) BETWEEN '0' AND '9'), bool_and(CASE WHEN {{$num}} THEN TRY_CAST({{.}} AS DOUBLE) IS NOT NULL ELSE false END) FILTER (WHERE {{.}} IS NOT NULL), bool_and(CASE WHEN length({{.}}) = 10 AND {{$date}} THEN TRY_CAST({{.}} AS DATE) IS NOT NULL ELSE false END) FILTER (WHERE {{.}} IS NOT NULL), bool_and(CASE WHEN length({{.}}) >= 16 AND {{$date}} THEN TRY_CAST({{.}} AS TIMESTAMP) IS NOT NULL ELSE false END) FILTER (WHERE {{.}} IS NOT NULL)