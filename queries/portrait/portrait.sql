-- The customer portrait (客户画像): every column of wide plus the usage-pattern and
-- service-preference tags. Fee risk (fee_risk_class) and credit (credit_score, credit_grade)
-- are wide's own columns, computed by widetable.Rules; they are carried over, not recomputed.
--
-- usage_level       low / medium / high: annual_kwh at or below the $level_low_q quantile of
--                   the customer's type (residential or business) is low, at or below the
--                   $level_high_q quantile medium, above high (tertiles by default).
-- peak_pattern      peak_heavy when peak_share ≥ $peak_heavy_share, off_peak when below
--                   $off_peak_share, else balanced.
-- usage_trend_class rising when usage_trend ≥ $trend_threshold (% per month), falling when
--                   ≤ −$trend_threshold, else stable.
-- irregular_use     usage_cv > $irregular_cv.
-- payment_channel_family  the family of main_payment_channel (portrait_channel_family);
--                   'other' for a channel the grouping does not know.
-- complaint_prone   complaints_12m ≥ $complaint_min.
-- Every tag is NULL when the column it comes from is NULL (unknown).
CREATE OR REPLACE TABLE portrait AS
WITH cuts AS (
    SELECT
        customer_type,
        quantile_cont(annual_kwh, $level_low_q) AS low_cut,
        quantile_cont(annual_kwh, $level_high_q) AS high_cut
    FROM wide
    WHERE annual_kwh IS NOT NULL
    GROUP BY customer_type
)
SELECT
    w.*,
    CASE
        WHEN w.annual_kwh IS NULL THEN NULL
        WHEN w.annual_kwh <= c.low_cut THEN 'low'
        WHEN w.annual_kwh <= c.high_cut THEN 'medium'
        ELSE 'high'
    END AS usage_level,
    CASE
        WHEN w.peak_share IS NULL THEN NULL
        WHEN w.peak_share >= $peak_heavy_share THEN 'peak_heavy'
        WHEN w.peak_share < $off_peak_share THEN 'off_peak'
        ELSE 'balanced'
    END AS peak_pattern,
    CASE
        WHEN w.usage_trend IS NULL THEN NULL
        WHEN w.usage_trend >= $trend_threshold THEN 'rising'
        WHEN w.usage_trend <= -$trend_threshold THEN 'falling'
        ELSE 'stable'
    END AS usage_trend_class,
    w.usage_cv > $irregular_cv AS irregular_use,
    CASE
        WHEN nullif(trim(w.main_payment_channel), '') IS NULL THEN NULL
        ELSE coalesce(f.family, 'other')
    END AS payment_channel_family,
    w.complaints_12m >= $complaint_min AS complaint_prone
FROM wide w
LEFT JOIN cuts c ON c.customer_type IS NOT DISTINCT FROM w.customer_type
LEFT JOIN portrait_channel_family f ON f.channel = lower(trim(w.main_payment_channel))
