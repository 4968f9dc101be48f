-- One column of one row (rowid ?) of a table, as text.
SELECT CAST({{ident .Column}} AS VARCHAR) FROM {{ident .Table}} WHERE rowid = ?
