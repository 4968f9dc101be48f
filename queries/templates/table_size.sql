-- The estimated row count of the base table called ? in the current schema; NULL for a view
-- or a relation that does not exist.
SELECT max(estimated_size) FROM duckdb_tables() WHERE table_name = ? AND schema_name = current_schema()
