-- An empty stand-in for a missing tickets export (a temporary view, on one connection).
CREATE TEMP VIEW raw_tickets AS
SELECT NULL::VARCHAR AS ticket_id, NULL::VARCHAR AS customer_id, NULL::TIMESTAMP AS accept_time,
       NULL::VARCHAR AS ticket_type, NULL::VARCHAR AS contact_channel
WHERE false
