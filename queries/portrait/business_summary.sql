-- Profile of the business tiers: one row per tier, per section, per tier and section, and the
-- total (grouping: 'tier', 'section', 'tier_section', 'all'). Sums and means skip unknown
-- values; grades count customers of each credit grade.
SELECT
    CASE
        WHEN grouping(business_tier) = 0 AND grouping(industry_section) = 0 THEN 'tier_section'
        WHEN grouping(business_tier) = 0 THEN 'tier'
        WHEN grouping(industry_section) = 0 THEN 'section'
        ELSE 'all'
    END AS grouping_level,
    business_tier,
    industry_section,
    any_value(section_name_zh) AS section_name_zh,
    any_value(section_name_en) AS section_name_en,
    count(*) AS customers,
    sum(annual_kwh) AS kwh,
    avg(annual_kwh) AS mean_kwh,
    sum(avg_monthly_bill) AS monthly_bills,
    avg(avg_monthly_bill) AS mean_monthly_bill,
    sum(arrears_over_60d) AS arrears,
    count(*) FILTER (WHERE arrears_over_60d > 0) AS in_arrears,
    avg(credit_score) AS mean_credit_score,
    count(*) FILTER (WHERE credit_grade = 'A') AS grade_a,
    count(*) FILTER (WHERE credit_grade = 'B') AS grade_b,
    count(*) FILTER (WHERE credit_grade = 'C') AS grade_c,
    count(*) FILTER (WHERE credit_grade = 'D') AS grade_d,
    count(*) FILTER (WHERE credit_grade = 'E') AS grade_e,
    count(*) FILTER (WHERE credit_grade IS NULL) AS grade_unknown
FROM business_tiers
GROUP BY GROUPING SETS ((business_tier), (industry_section), (business_tier, industry_section), ())
ORDER BY grouping_level, business_tier NULLS LAST, industry_section NULLS LAST
