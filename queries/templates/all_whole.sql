-- Whether every value of a DOUBLE column is a whole number (true when the table is empty).
SELECT coalesce(bool_and({{ident .Column}} = round({{ident .Column}})), true) FROM {{ident .Table}}
