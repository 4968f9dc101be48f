-- What the payment segments are profiled on: the payment features beside wide's columns
-- (wide's customer_id kept once).
CREATE OR REPLACE VIEW payment_profile AS
SELECT b.*, w.* EXCLUDE (customer_id)
FROM payment_behaviour b
JOIN wide w ON w.customer_id::VARCHAR = b.customer_id
