-- Writes the result of a query to seglab's own temporary file. COPY takes no parameter for
-- its target, so the path is a literal; Options are the format options of
-- engine/source.OutputFormat (FORMAT csv, HEADER …).
COPY ({{.Query}}) TO {{literal .Path}} ({{.Options}})
