{{define "joined"}}
-- Every customer with its segment. Ids are compared as text so that a customer table and an
-- assignments file that typed the id column differently still join.
SELECT w.*, CAST(a.segment AS INTEGER) AS seglab_segment
FROM {{.Table}} AS w
JOIN {{.Assignments}} AS a ON CAST(w.{{.ID}} AS VARCHAR) = CAST(a.{{.ID}} AS VARCHAR)
{{end}}
