-- Big-customer value (大客户价值) of every business customer of wide, on six dimensions:
--   purchase_level = annual_kwh                           (购电水平)
--   profit         = avg_monthly_bill                     (利润: revenue billed per month)
--   loyalty        = tenure_years                         (忠诚度)
--   credit         = credit_score                         (信用状况)
--   growth         = usage_trend                          (发展潜力)
--   profitability  = avg_monthly_bill / contract_capacity_kva (盈利能力: revenue per kVA reserved)
-- Each dimension is normalised to 0–1 among the business customers that have a value:
-- with $minmax false, the percentile rank (r − 1)/(n − 1), r the mid-rank (ties share the
-- mean of their ranks); with $minmax true, (x − min)/(max − min). A dimension with one
-- value, or no spread, gives 0.5; a missing value also counts 0.5 (neither rewarded nor
-- punished). The score is the AHP-weighted sum ($w_* sum to 1), 0–1. Customers are ranked
-- by score, ties by customer_id; the first $top_count are the top.
CREATE OR REPLACE TABLE value_scores AS
WITH biz AS (
    SELECT
        customer_id::VARCHAR AS customer_id,
        annual_kwh::DOUBLE AS purchase_level,
        avg_monthly_bill::DOUBLE AS profit,
        tenure_years::DOUBLE AS loyalty,
        credit_score::DOUBLE AS credit,
        usage_trend::DOUBLE AS growth,
        CASE WHEN contract_capacity_kva > 0 THEN avg_monthly_bill / contract_capacity_kva END::DOUBLE AS profitability
    FROM wide
    WHERE customer_type = 'business'
),
long AS (
    UNPIVOT biz ON purchase_level, profit, loyalty, credit, growth, profitability
    INTO NAME dimension VALUE raw
),
normalised AS (
    SELECT
        customer_id,
        dimension,
        CASE
            WHEN $minmax THEN
                CASE WHEN max(raw) OVER d > min(raw) OVER d
                    THEN (raw - min(raw) OVER d) / (max(raw) OVER d - min(raw) OVER d)
                    ELSE 0.5 END
            ELSE
                CASE WHEN count(*) OVER d > 1 AND max(raw) OVER d > min(raw) OVER d
                    THEN (rank() OVER (PARTITION BY dimension ORDER BY raw) - 1
                          + (count(*) OVER (PARTITION BY dimension, raw) - 1) / 2.0)
                         / (count(*) OVER d - 1)
                    ELSE 0.5 END
        END AS norm
    FROM long
    WINDOW d AS (PARTITION BY dimension)
),
wide_norm AS (
    SELECT
        customer_id,
        max(norm) FILTER (WHERE dimension = 'purchase_level') AS n_purchase_level,
        max(norm) FILTER (WHERE dimension = 'profit') AS n_profit,
        max(norm) FILTER (WHERE dimension = 'loyalty') AS n_loyalty,
        max(norm) FILTER (WHERE dimension = 'credit') AS n_credit,
        max(norm) FILTER (WHERE dimension = 'growth') AS n_growth,
        max(norm) FILTER (WHERE dimension = 'profitability') AS n_profitability
    FROM normalised
    GROUP BY customer_id
),
scored AS (
    SELECT
        b.*,
        coalesce(n.n_purchase_level, 0.5) AS n_purchase_level,
        coalesce(n.n_profit, 0.5) AS n_profit,
        coalesce(n.n_loyalty, 0.5) AS n_loyalty,
        coalesce(n.n_credit, 0.5) AS n_credit,
        coalesce(n.n_growth, 0.5) AS n_growth,
        coalesce(n.n_profitability, 0.5) AS n_profitability
    FROM biz b
    LEFT JOIN wide_norm n USING (customer_id)
),
weighted AS (
    SELECT
        *,
        $w_purchase_level * n_purchase_level + $w_profit * n_profit + $w_loyalty * n_loyalty
            + $w_credit * n_credit + $w_growth * n_growth + $w_profitability * n_profitability AS score
    FROM scored
)
SELECT
    CAST(row_number() OVER (ORDER BY score DESC, customer_id) AS INTEGER) AS value_rank,
    customer_id,
    score AS value_score,
    row_number() OVER (ORDER BY score DESC, customer_id) <= $top_count AS value_top,
    purchase_level, profit, loyalty, credit, growth, profitability,
    n_purchase_level, n_profit, n_loyalty, n_credit, n_growth, n_profitability
FROM weighted
ORDER BY value_rank
