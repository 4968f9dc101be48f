-- The columns of the table called ? in the current schema, with their types, in table order.
SELECT column_name, data_type FROM duckdb_columns()
WHERE table_name = ? AND schema_name = current_schema() ORDER BY column_index
