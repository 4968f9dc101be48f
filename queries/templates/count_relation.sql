-- Counts the rows of one relation.
SELECT count(*) FROM {{ident .Relation}}
