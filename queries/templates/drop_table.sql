DROP TABLE IF EXISTS {{ident .Table}}
