-- An empty stand-in for a missing payments export (a temporary view, on one connection).
CREATE TEMP VIEW raw_payments AS
SELECT NULL::VARCHAR AS customer_id, NULL::VARCHAR AS bill_month, NULL::DATE AS paid_date,
       NULL::DOUBLE AS paid_amount, NULL::VARCHAR AS channel
WHERE false
