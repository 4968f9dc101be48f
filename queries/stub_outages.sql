-- An empty stand-in for a missing outages export (a temporary view, on one connection).
CREATE TEMP VIEW raw_outages AS
SELECT NULL::VARCHAR AS outage_id, NULL::VARCHAR AS customer_id, NULL::TIMESTAMP AS start_time,
       NULL::DOUBLE AS duration_min, NULL::VARCHAR AS outage_type
WHERE false
