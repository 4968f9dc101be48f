-- Customers per value of one tag column of the portrait (missing values as '').
SELECT coalesce(CAST({{ident .Column}} AS VARCHAR), ''), count(*) FROM {{ident .Table}} GROUP BY ALL ORDER BY 1
