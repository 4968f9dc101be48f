-- A small hand-made export for the wide-table tests. The expected value of every feature is
-- worked out by hand in widetable_test.go. Reference date: 2024-12-31 (last bill month 2024-12);
-- 12-month window 2024-01 … 2024-12; 365-day window 2024-01-02 00:00 … 2024-12-31 23:59:59
-- (2024 is a leap year).
CREATE TABLE raw_customers (
    customer_id VARCHAR, customer_class VARCHAR, region VARCHAR, industry_code VARCHAR,
    voltage VARCHAR, contract_capacity_kva DOUBLE, open_date DATE, housing VARCHAR,
    heating VARCHAR, special_group VARCHAR, household_size BIGINT);
INSERT INTO raw_customers VALUES
    ('C1', '居民生活', '东部', '', '220V', 8, '2014-12-31', '自有', '燃气', '老年', 2),
    ('C2', '一般工商业', '中部', 'C3130', '10kV', 630, '2020-06-15', '', '其他', '无', NULL),
    ('C3', '居民生活', '西部', NULL, '380V', 10, '2024-06-30', '租赁', '电采暖', '低保', 4),
    ('C4', '大工业', 'West', 'd4411', '交流110kV', 20000, '2025-03-01', NULL, NULL, NULL, NULL),
    ('C5', '居民生活', '北部', '', '220V', 6, '2024-12-31', '自有', '其他', '无', 1),
    ('C6', '居民生活', ' 中部 ', '', '0.4kV', 6, '2023-12-31', '租赁', '其他', '残疾', 3);

CREATE TABLE raw_billing (
    customer_id VARCHAR, bill_month VARCHAR, kwh DOUBLE, peak_kwh DOUBLE, amount DOUBLE, due_date DATE);
INSERT INTO raw_billing VALUES
    ('C1', '2024-09', 100, 30, 50, '2024-10-15'),
    ('C1', '2024-10', 200, 50, 100, '2024-11-15'),
    ('C1', '2024-11', 300, 90, 150, '2024-12-15'),
    ('C1', '2024-12', 400, 130, 200, '2025-01-15'),
    ('C2', '2023-11', 900, 300, 500, '2023-12-15'),
    ('C2', '2024-09', 1000, 400, 800, '2024-10-15'),
    ('C2', '2024-10', 1000, 400, 800, '2024-11-15'),
    ('C2', '2024-11', 1000, 400, 800, '2024-12-15'),
    ('C2', '2024-12', 1000, 400, 800, '2025-01-15'),
    ('C3', '2024-09', 200, 20, 100, '2024-10-31'),
    ('C3', '2024-10', 100, 10, 50, '2024-11-01'),
    ('C3', '2024-12', 300, 30, 150, '2025-01-15'),
    ('C5', '2024-11', 50, 10, 30, '2024-12-15'),
    ('C5', '2024-12', 50, 10, 30, '2025-01-15'),
    ('C6', '2024-11', 80, 0, 40, '2024-12-15');

CREATE TABLE raw_payments (
    customer_id VARCHAR, bill_month VARCHAR, paid_date DATE, paid_amount DOUBLE, channel VARCHAR);
INSERT INTO raw_payments VALUES
    ('C1', '2024-09', '2024-10-10', 50, '银行代收'),
    ('C1', '2024-10', '2024-11-10', 100, '手机银行'),
    ('C1', '2024-11', '2024-12-05', 100, '手机银行'),
    ('C1', '2024-11', '2024-12-10', 50, '银行代收'),
    ('C1', '2024-12', '2025-01-05', 200, '银行卡'),
    ('C2', '2024-09', '2024-10-25', 800, '营业厅'),
    ('C2', '2024-10', '2024-11-10', 300, '营业厅'),
    ('C2', '2024-11', '2024-12-15', 800, '银行转账结算'),
    ('C5', '2024-11', '2024-12-25', 30, '网上银行'),
    ('C6', '2024-11', '2024-12-20', 20, '走收'),
    ('C6', '2024-11', '2024-12-26', 20, '走收');

CREATE TABLE raw_outages (
    outage_id VARCHAR, customer_id VARCHAR, start_time TIMESTAMP, duration_min DOUBLE, outage_type VARCHAR);
INSERT INTO raw_outages VALUES
    ('O1', 'C1', '2024-01-01 23:59:59', 500, '故障停电'),
    ('O2', 'C1', '2024-01-02 00:00:00', 240, '计划停电'),
    ('O3', 'C1', '2024-12-31 23:59:59', 241, '故障停电'),
    ('O4', 'C1', '2025-01-01 00:00:00', 30, '故障停电'),
    ('O5', 'C3', '2024-07-01 08:00:00', 15.5, '故障停电');

CREATE TABLE raw_tickets (
    ticket_id VARCHAR, customer_id VARCHAR, accept_time TIMESTAMP, ticket_type VARCHAR, contact_channel VARCHAR);
INSERT INTO raw_tickets VALUES
    ('T0', 'C1', '2023-12-31 09:00:00', '投诉', '95598电话'),
    ('T1', 'C1', '2024-06-01 09:00:00', '投诉', '95598电话'),
    ('T2', 'C1', '2024-07-01 09:00:00', '咨询', '网上国网'),
    ('T3', 'C3', '2024-03-01 10:00:00', '故障报修', '营业厅'),
    ('T4', 'C3', '2024-03-02 10:00:00', '投诉', '营业厅'),
    ('T5', 'C3', '2024-12-31 10:00:00', '投诉', '短信');

CREATE TABLE raw_survey (customer_id VARCHAR, survey_date DATE, satisfaction DOUBLE);
INSERT INTO raw_survey VALUES
    ('C1', '2024-01-01', 2),
    ('C1', '2024-03-01', 8),
    ('C1', '2024-09-01', 6),
    ('C2', '2024-01-02', 9),
    ('C3', '2025-01-05', 3);
