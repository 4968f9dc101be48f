-- An empty stand-in for a missing survey export (a temporary view, on one connection).
CREATE TEMP VIEW raw_survey AS
SELECT NULL::VARCHAR AS customer_id, NULL::DATE AS survey_date, NULL::DOUBLE AS satisfaction
WHERE false
