-- How well the assignments cover the customers, in one pass: customers without a segment
-- (and the smallest such id), assignments that name no customer (and the smallest such id),
-- extra assignment rows for an id, segment values that are not integers ≥ 1, duplicate
-- customer ids, and customers with an empty id. Ids are compared as text.
WITH w AS (
    SELECT CAST({{.ID}} AS VARCHAR) AS id, count(*) AS n
    FROM {{.Table}} GROUP BY ALL
),
a AS (
    SELECT CAST({{.ID}} AS VARCHAR) AS id, count(*) AS n,
        count_if(TRY_CAST(segment AS INTEGER) IS NULL OR TRY_CAST(segment AS INTEGER) < 1
            OR TRY_CAST(segment AS DOUBLE) <> TRY_CAST(segment AS INTEGER)) AS bad
    FROM {{.Assignments}} GROUP BY ALL
)
SELECT
    coalesce(sum(w.n) FILTER (a.n IS NULL AND w.id IS NOT NULL), 0),
    coalesce(sum(a.n) FILTER (w.n IS NULL), 0),
    coalesce(min(w.id) FILTER (a.n IS NULL AND w.id IS NOT NULL), ''),
    coalesce(min(a.id) FILTER (w.n IS NULL), ''),
    coalesce(sum(a.n - 1) FILTER (a.id IS NOT NULL), 0),
    coalesce(sum(w.n - 1) FILTER (w.id IS NOT NULL), 0),
    coalesce(sum(a.bad), 0),
    coalesce(sum(w.n) FILTER (w.n IS NOT NULL AND w.id IS NULL), 0)
FROM w FULL JOIN a ON w.id = a.id
