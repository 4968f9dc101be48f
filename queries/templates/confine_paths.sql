-- Lets the session read and write these single files. DuckDB takes no bound parameter in SET,
-- so the paths are string literals.
SET allowed_paths = [{{range $i, $f := .}}{{if $i}}, {{end}}{{literal $f}}{{end}}]
