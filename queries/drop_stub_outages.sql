-- Drops the empty stand-in for a missing outages export created by stub_outages.sql.
DROP VIEW IF EXISTS temp.main.raw_outages
