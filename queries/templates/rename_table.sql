-- Renames a loaded table (a wide-table file called wide, so that the view wide can show its
-- columns under their roles' names).
ALTER TABLE {{ident .From}} RENAME TO {{ident .To}}
