-- Lets the session read and write only in or under these folders (each ends in a separator).
-- DuckDB takes no bound parameter in SET, so the paths are string literals.
SET allowed_directories = [{{range $i, $d := .}}{{if $i}}, {{end}}{{literal $d}}{{end}}]
