-- Counts the customers the population condition selects, then those with a value in each
-- of the columns.
SELECT count(*){{range .Columns}}, count({{ident .}}){{end}} FROM wide WHERE {{.Where}}
