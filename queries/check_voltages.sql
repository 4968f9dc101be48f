-- Finds the first customer whose voltage is given but is not a number of volts or kilovolts
-- (220V, 10kV, 交流10kV). The pattern is the one wide_table.sql parses. Returns no row when all
-- is well.
SELECT customer_id, voltage
FROM raw_customers
WHERE nullif(trim(voltage), '') IS NOT NULL
  AND NOT regexp_matches(voltage, '([0-9]+(\.[0-9]+)?)\s*([kK]?[vV])')
ORDER BY customer_id
LIMIT 1
