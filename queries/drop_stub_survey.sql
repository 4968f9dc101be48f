-- Drops the empty stand-in for a missing survey export created by stub_survey.sql.
DROP VIEW IF EXISTS temp.main.raw_survey
