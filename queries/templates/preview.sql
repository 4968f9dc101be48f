-- The first ? rows of one table, as stored.
SELECT * FROM {{ident .Table}} LIMIT ?
