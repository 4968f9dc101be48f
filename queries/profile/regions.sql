-- Satisfaction and outages per segment and region: customers, survey answers, mean and
-- population variance of satisfaction, and the outages summed over the region's customers.
WITH j AS ({{template "joined" .}})
SELECT seglab_segment, CAST({{.Region}} AS VARCHAR) AS region, count(*),
    count({{.Satisfaction}}), avg(CAST({{.Satisfaction}} AS DOUBLE)),
    var_pop(CAST({{.Satisfaction}} AS DOUBLE)), coalesce(sum(CAST({{.Outages}} AS DOUBLE)), 0)
FROM j
WHERE {{.Region}} IS NOT NULL
GROUP BY ALL
ORDER BY ALL
