-- The scores as written out: the id, the segment and its name, in the order scored.
SELECT s.{{ident .ID}}, s.segment, n.segment_name
FROM {{ident .Scores}} s JOIN {{ident .Names}} n USING (segment)
ORDER BY s.rowid
