-- The column names of the relation called ?.
SELECT column_name FROM information_schema.columns WHERE table_name = ?
