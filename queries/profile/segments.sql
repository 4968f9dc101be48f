-- Segment sizes, and each segment's name when the assignments carry one.
SELECT CAST(segment AS INTEGER) AS segment, count(*) AS customers,
    {{if .HasName}}min(CAST(segment_name AS VARCHAR)){{else}}NULL{{end}} AS segment_name
FROM {{.Assignments}}
GROUP BY ALL
ORDER BY segment
