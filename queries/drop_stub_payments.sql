-- Drops the empty stand-in for a missing payments export created by stub_payments.sql.
DROP VIEW IF EXISTS temp.main.raw_payments
