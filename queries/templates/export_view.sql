-- Creates the raw_<kind> view over the stacked exports of one kind (.Union, each with
-- __seglab_src and __seglab_row). With .Dedupe the first row of each customer id (in file
-- order) is kept; with .SumBills the bills of one customer and month are summed into one.
CREATE OR REPLACE VIEW {{ident .View}} AS
{{if .SumBills -}}
SELECT customer_id, bill_month, sum(kwh) AS kwh, sum(peak_kwh) AS peak_kwh, sum(amount) AS amount, max(due_date) AS due_date FROM ({{.Union}}) GROUP BY customer_id, bill_month
{{- else -}}
SELECT * EXCLUDE (__seglab_src, __seglab_row) FROM ({{.Union}})
{{- if .Dedupe}} QUALIFY row_number() OVER (PARTITION BY customer_id ORDER BY __seglab_src, __seglab_row) = 1{{end}}
{{- end}}
