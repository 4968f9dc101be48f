-- The mean of every numeric column over all customers. numeric.sql subtracts it before
-- summing, so that segment means keep their differences to the last digit even when the
-- values are large and their spread small (1,000,000.x kWh meter readings).
SELECT 0{{range .Numeric}}, coalesce(avg(CAST({{.}} AS DOUBLE)), 0){{end}}
FROM {{.Table}}
