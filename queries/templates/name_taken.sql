-- Whether a table or view called ? exists, in any letter case (as DuckDB compares names).
SELECT count(*) > 0 FROM (
  SELECT table_name AS n FROM duckdb_tables() UNION ALL SELECT view_name FROM duckdb_views())
WHERE lower(n) = lower(?)
