{{/* A date written as text in a raw export, as DATE (NULL when it is none): 2024-03-05,
2024-3-5, 2024/3/5, 2024.3.5, 20240305, 2024年3月5日, or one of these with a time of day.
{{.}} is a VARCHAR expression. */ -}}
CAST({{template "norm_timestamp.sql" .}} AS DATE)
