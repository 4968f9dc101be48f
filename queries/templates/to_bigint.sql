-- Narrows a column of whole numbers to BIGINT.
ALTER TABLE {{ident .Table}} ALTER COLUMN {{ident .Column}} SET DATA TYPE BIGINT
