-- Synthesises raw exports at the scale of the National Grid USA case for BenchmarkBuild:
-- 329,028 customers, 12 bill months (≈ 3.9 M bills), ≈ 4 M payments, 600,000 outage rows,
-- 300,000 tickets and a 10 % survey. Values are pseudo-random from hash(); no Go loop.
CREATE OR REPLACE TABLE raw_customers AS
SELECT
    lpad(i::VARCHAR, 10, '0') AS customer_id,
    CASE WHEN h % 10 < 8 THEN '居民生活' WHEN h % 10 = 8 THEN '一般工商业' ELSE '大工业' END AS customer_class,
    ['东部', '中部', '西部'][1 + ((h >> 8) % 3)::INTEGER] AS region,
    CASE WHEN h % 10 >= 8 THEN ['C3130', 'F5211', 'I6510', 'D4411'][1 + ((h >> 12) % 4)::INTEGER] ELSE '' END AS industry_code,
    CASE WHEN h % 10 < 8 THEN '220V' WHEN h % 10 = 8 THEN '10kV' ELSE '110kV' END AS voltage,
    CASE WHEN h % 10 < 8 THEN 8.0 ELSE 100.0 * (1 + (h >> 16) % 50) END AS contract_capacity_kva,
    DATE '2000-01-01' + ((h >> 24) % 9000)::INTEGER AS open_date,
    CASE WHEN h % 10 < 8 THEN ['自有', '租赁'][1 + ((h >> 30) % 2)::INTEGER] ELSE '' END AS housing,
    ['电采暖', '燃气', '其他'][1 + ((h >> 32) % 3)::INTEGER] AS heating,
    ['无', '无', '无', '老年', '低保', '残疾'][1 + ((h >> 36) % 6)::INTEGER] AS special_group,
    CASE WHEN h % 10 < 8 THEN (1 + (h >> 40) % 6)::BIGINT END AS household_size
FROM (SELECT i, hash(i) AS h FROM range(329028) t(i));
CREATE OR REPLACE TABLE raw_billing AS
SELECT
    lpad(c::VARCHAR, 10, '0') AS customer_id,
    strftime(month_start, '%Y-%m') AS bill_month,
    kwh,
    round(kwh * ((h >> 20) % 60) / 100.0, 1) AS peak_kwh,
    round(kwh * 0.55, 2) AS amount,
    last_day(month_start) + 15 AS due_date
FROM (
    SELECT c, m, h, (DATE '2024-01-01' + to_months(m::INTEGER))::DATE AS month_start, 20 + (h % 800)::DOUBLE AS kwh
    FROM (SELECT c, m, hash(c * 16 + m) AS h FROM range(329028) a(c), range(12) b(m))
);
-- One payment per bill, 5 % paid in two parts three days apart, 3 % never paid; about one in
-- seven paid after the due date.
CREATE OR REPLACE TABLE raw_payments AS
SELECT
    customer_id,
    bill_month,
    due_date - 28 + (h % 35)::INTEGER + 3 * part::INTEGER AS paid_date,
    CASE WHEN split THEN round(amount / 2, 2) ELSE amount END AS paid_amount,
    ['营业厅', '银行代收', '银行转账结算', '邮政储蓄', '同城特约委托', '银行卡', '网上银行', '电话银行', '手机银行',
     '银行自助终端', '电力自助终端', '充值卡', '社会代收点', '临时收费点', 'IC卡预付费', '负控预付费', '走收',
     '合作营业厅'][1 + (CASE WHEN (h >> 8) % 4 = 0 THEN h >> 16 ELSE hash(customer_id) END % 18)::INTEGER] AS channel
FROM (
    SELECT *, (h >> 40) % 100 < 5 AS split
    FROM (SELECT *, hash(customer_id, bill_month) AS h FROM raw_billing)
    WHERE (h >> 48) % 100 >= 3
), range(2) p(part)
WHERE part = 0 OR split;
CREATE OR REPLACE TABLE raw_outages AS
SELECT
    'O' || i AS outage_id,
    lpad((h % 329028)::VARCHAR, 10, '0') AS customer_id,
    TIMESTAMP '2023-12-01 00:00:00' + to_seconds(((h >> 20) % (400 * 86400))::BIGINT) AS start_time,
    ((h >> 8) % 600)::DOUBLE AS duration_min,
    CASE WHEN (h >> 50) % 3 = 0 THEN '计划停电' ELSE '故障停电' END AS outage_type
FROM (SELECT i, hash(i + 1000000000) AS h FROM range(600000) t(i));
CREATE OR REPLACE TABLE raw_tickets AS
SELECT
    'T' || i AS ticket_id,
    lpad((h % 329028)::VARCHAR, 10, '0') AS customer_id,
    TIMESTAMP '2023-12-01 00:00:00' + to_seconds(((h >> 20) % (400 * 86400))::BIGINT) AS accept_time,
    ['投诉', '咨询', '故障报修', '意见建议', '表扬', '催办'][1 + ((h >> 8) % 6)::INTEGER] AS ticket_type,
    ['95598电话', '网上国网', '微信公众号', '营业厅', '短信'][1 + ((h >> 12) % 5)::INTEGER] AS contact_channel
FROM (SELECT i, hash(i + 2000000000) AS h FROM range(300000) t(i));
CREATE OR REPLACE TABLE raw_survey AS
SELECT
    lpad((h % 329028)::VARCHAR, 10, '0') AS customer_id,
    DATE '2024-01-01' + ((h >> 20) % 400)::INTEGER AS survey_date,
    ((h >> 8) % 11)::DOUBLE AS satisfaction
FROM (SELECT i, hash(i + 3000000000) AS h FROM range(33000) t(i));
