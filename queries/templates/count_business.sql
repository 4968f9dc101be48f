-- Counts the business customers of wide.
SELECT count(*) FROM wide WHERE customer_type = 'business'
