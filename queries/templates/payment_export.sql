-- The payment-behaviour segments with each customer's payment features, by customer.
SELECT s.customer_id, s.segment, s.segment_name, b.* EXCLUDE (customer_id)
FROM {{ident .Segments}} s JOIN {{ident .Features}} b USING (customer_id)
ORDER BY s.customer_id
