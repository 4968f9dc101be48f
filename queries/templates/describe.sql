-- The columns of the relation the query returns, with their types, without running it.
DESCRIBE {{.}}
