-- Name and DuckDB type of every column of a relation, in table order.
SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM {{.Relation}})
