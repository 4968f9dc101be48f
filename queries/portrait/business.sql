-- Business customers of wide by industry section and tier (分层: 高端 / 中端 / 普通):
--   high_end  voltage_kv ≥ $high_kv or contract_capacity_kva ≥ $high_kva
--   mid       voltage_kv ≥ $mid_kv  or contract_capacity_kva ≥ $mid_kva
--   ordinary  otherwise, or when neither voltage nor capacity is known
-- The section is wide's industry_section (the first letter of the GB/T 4754 code) with its
-- names from portrait_industry_section; NULL when the code is missing, names NULL when the
-- letter is not a section A–T.
CREATE OR REPLACE TABLE business_tiers AS
SELECT
    w.customer_id::VARCHAR AS customer_id,
    w.customer_class,
    w.industry_code,
    w.industry_section,
    s.name_zh AS section_name_zh,
    s.name_en AS section_name_en,
    w.voltage_kv,
    w.contract_capacity_kva,
    CASE
        WHEN w.voltage_kv >= $high_kv OR w.contract_capacity_kva >= $high_kva THEN 'high_end'
        WHEN w.voltage_kv >= $mid_kv OR w.contract_capacity_kva >= $mid_kva THEN 'mid'
        ELSE 'ordinary'
    END AS business_tier,
    w.annual_kwh,
    w.avg_monthly_bill,
    w.arrears_over_60d,
    w.credit_score,
    w.credit_grade
FROM wide w
LEFT JOIN portrait_industry_section s ON s.section = w.industry_section
WHERE w.customer_type = 'business'
