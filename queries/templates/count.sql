-- Counts the customers of wide that the population condition selects.
SELECT count(*) FROM wide WHERE {{.Where}}
