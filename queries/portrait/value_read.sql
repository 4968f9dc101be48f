SELECT value_rank, customer_id, value_score, value_top,
    purchase_level, profit, loyalty, credit, growth, profitability,
    n_purchase_level, n_profit, n_loyalty, n_credit, n_growth, n_profitability
FROM value_scores
ORDER BY value_rank
