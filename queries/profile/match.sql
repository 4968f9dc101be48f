-- How well the assignments cover the customers: customers without a segment, assignments
-- that name no customer, ids assigned twice, segment values that are not integers ≥ 1, and
-- duplicate customer ids.
WITH w AS (SELECT CAST({{.ID}} AS VARCHAR) AS id FROM {{.Table}}),
a AS (SELECT CAST({{.ID}} AS VARCHAR) AS id, segment FROM {{.Assignments}})
SELECT
    (SELECT count(*) FROM w WHERE NOT EXISTS (SELECT 1 FROM a WHERE a.id = w.id)),
    (SELECT count(*) FROM a WHERE NOT EXISTS (SELECT 1 FROM w WHERE w.id = a.id)),
    (SELECT coalesce(first(id ORDER BY id), '') FROM w WHERE NOT EXISTS (SELECT 1 FROM a WHERE a.id = w.id)),
    (SELECT coalesce(first(id ORDER BY id), '') FROM a WHERE NOT EXISTS (SELECT 1 FROM w WHERE w.id = a.id)),
    (SELECT count(*) - count(DISTINCT id) FROM a),
    (SELECT count(*) - count(DISTINCT id) FROM w),
    (SELECT count(*) FROM a
      WHERE TRY_CAST(segment AS INTEGER) IS NULL OR TRY_CAST(segment AS INTEGER) < 1
         OR TRY_CAST(segment AS DOUBLE) <> TRY_CAST(segment AS INTEGER)),
    (SELECT count(*) FROM w WHERE id IS NULL)
