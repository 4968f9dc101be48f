INSERT INTO {{ident .Table}} VALUES (?, ?)
