-- The relation {{.Base}} with the row number as text in the column "row", for tables without
-- a customer id: customers are numbered in the table's order, as the population is read.
CREATE OR REPLACE VIEW {{ident .View}} AS
SELECT CAST(row_number() OVER () AS VARCHAR) AS "row", * FROM {{ident .Base}}
