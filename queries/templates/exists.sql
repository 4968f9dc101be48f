-- Counts the tables and views called ? (0 or 1).
SELECT count(*) FROM information_schema.tables WHERE table_name = ?
