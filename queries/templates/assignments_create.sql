-- The assignments relation: one row per customer, its id as text and its segment 1..K, and
-- the segment's name once segments are named.
CREATE OR REPLACE TABLE {{ident .Table}} ({{ident .ID}} VARCHAR, segment INTEGER{{if .Named}}, segment_name VARCHAR{{end}})
