-- Every column of a relation expression (a quoted table name or a reader call such as
-- queries/templates/read_csv.sql).
SELECT * FROM {{.}}
