DROP VIEW IF EXISTS {{ident .View}}
