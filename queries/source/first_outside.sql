-- The first row of the relation wide, in table order (1-based), whose column {{column}} holds
-- a number below $1 or above $2, and that number as text; no row when there is none.
-- {{column}} is a quoted identifier.
SELECT n, v
FROM (SELECT row_number() OVER () AS n, TRY_CAST({{column}} AS DOUBLE) AS x, CAST({{column}} AS VARCHAR) AS v FROM wide)
WHERE x < $1 OR x > $2
ORDER BY n
LIMIT 1
