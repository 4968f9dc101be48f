-- The names of a definition's segments in one language, for writing out the scores.
CREATE OR REPLACE TABLE {{ident .Table}} (segment INTEGER, segment_name VARCHAR)
