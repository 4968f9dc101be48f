-- The columns of the relation called ?, with their DuckDB types, in table order.
SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position
