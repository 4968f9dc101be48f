{{/* A bill month written as text in a raw export, as YYYY-MM (NULL when it is none): 2025-01,
2025-1, 202501, 2025/01, 2025.1, 2025年1月, or a date in that month. {{.}} is a VARCHAR
expression. */ -}}
CASE WHEN regexp_full_match(trim({{.}}), '[0-9]{4}(0[1-9]|1[0-2])|[0-9]{4}\s*[-/.年]\s*(0?[1-9]|1[0-2])\s*月?')
     THEN substr(trim({{.}}), 1, 4) || '-' || lpad(regexp_replace(substr(trim({{.}}), 5), '[^0-9]', '', 'g'), 2, '0')
     ELSE strftime({{template "norm_date.sql" .}}, '%Y-%m') END
