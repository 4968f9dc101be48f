-- What the payment segments are profiled on when they come from wide alone: the payment
-- features beside wide's columns (wide's copies of customer_id, late_payment_count and
-- avg_days_late left out).
CREATE OR REPLACE VIEW payment_profile AS
SELECT b.*, w.* EXCLUDE (customer_id, late_payment_count, avg_days_late)
FROM payment_behaviour b
JOIN wide w ON w.customer_id::VARCHAR = b.customer_id
