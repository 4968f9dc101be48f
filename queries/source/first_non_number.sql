-- The first row of the relation wide, in table order (1-based), whose column {{column}} holds
-- a value that is not a finite number, and that value as text; no row when there is none.
-- {{column}} is a quoted identifier.
SELECT n, v
FROM (SELECT row_number() OVER () AS n, CAST({{column}} AS VARCHAR) AS v FROM wide)
WHERE v IS NOT NULL AND (TRY_CAST(v AS DOUBLE) IS NULL OR NOT isfinite(TRY_CAST(v AS DOUBLE)))
ORDER BY n
LIMIT 1
