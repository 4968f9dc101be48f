-- The distinct texts of column .Column among the customers the population condition
-- selects, ascending, without NULL: the codes of read_columns index this list.
SELECT seglab_level FROM (SELECT DISTINCT CAST({{ident .Column}} AS VARCHAR) AS seglab_level FROM wide
                          WHERE ({{.Where}}) AND {{ident .Column}} IS NOT NULL)
ORDER BY seglab_level
