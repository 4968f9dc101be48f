-- Counts the rows of the wide table: one per customer.
SELECT count(*) FROM wide
