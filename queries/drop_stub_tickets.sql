-- Drops the empty stand-in for a missing tickets export created by stub_tickets.sql.
DROP VIEW IF EXISTS temp.main.raw_tickets
