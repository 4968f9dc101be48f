-- Lists which of the raw_<kind> relations (tables or views) exist, as kinds ('customers', …).
SELECT DISTINCT substr(table_name, 5) AS kind
FROM information_schema.tables
WHERE table_name IN ('raw_customers', 'raw_billing', 'raw_payments', 'raw_outages', 'raw_tickets', 'raw_survey')
ORDER BY kind
