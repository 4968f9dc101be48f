-- Wraps a query whose columns are all numeric so that each column is a DOUBLE. The query
-- stands on lines of its own, so that a comment on its last line cannot hide the bracket.
SELECT COLUMNS(*)::DOUBLE FROM (
{{.}}
)
