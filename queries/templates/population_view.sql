-- The customers of {{.Base}} that have a row in the assignments relation: the segmented
-- population, which profiles describe and whose averages draw the reference lines.
CREATE OR REPLACE VIEW {{ident .View}} AS
SELECT * FROM {{ident .Base}}
WHERE CAST({{ident .ID}} AS VARCHAR) IN (SELECT CAST({{ident .ID}} AS VARCHAR) FROM {{ident .Assignments}})
