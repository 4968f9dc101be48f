CREATE OR REPLACE TABLE payment_segments (customer_id VARCHAR, segment INTEGER, segment_name VARCHAR)
