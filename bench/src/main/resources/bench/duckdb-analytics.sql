-- The three analytics of docs/CONTRACT.md as DuckDB SQL, written from the contract, not from the Spark
-- code: a second, independent oracle for the benchmark, and its peer. Input tables (loaded from
-- Parquet before the clock starts): orders(order_id, user_id, created_at_ms, status, payment_method,
-- reject_reason, items[{product_id, sku, name, category, quantity, unit_price DECIMAL(38,18)}]),
-- products(product_id, sku, name, category), users(user_id, email).
-- Money stays DuckDB's exact DECIMAL(38,18) through every product and sum and is rounded half-even
-- only once aggregated (cents, below: DuckDB's ROUND takes ties away from zero, which is not the
-- contract); the few quotients (averages, percentages) divide integer units of 10^-18.
-- Days and months are DATEs (integers) until the output formats them. Each row is aggregated once
-- per grain, from pre-aggregated CTEs; no window function.
-- Statements are separated by lines holding only ';;'. Placeholders: ${period_starts} (DATE
-- literals of the months' first days), ${as_of_date}, ${as_of_start_ms}, ${as_of_end_ms}.

CREATE OR REPLACE MACRO units(x) AS
  CAST(trunc(x) AS HUGEINT) * 1000000000000000000 + CAST((x - trunc(x)) * 1000000000000000000 AS HUGEINT)
;;
-- a / b rounded half to even, for a >= 0 and b > 0 (all amounts, counts and quantities are)
CREATE OR REPLACE MACRO div_even(a, b) AS
  (a // b) + CASE WHEN 2 * (a % b) > b THEN 1 WHEN 2 * (a % b) < b THEN 0 ELSE (a // b) % 2 END
;;
-- an amount >= 0 half-even to cents, in decimals: ROUND takes a tie away from zero, so a tie that
-- landed on an odd cent goes back one (cheaper than integer division of 128-bit units, per group)
CREATE OR REPLACE MACRO cents(x) AS
  CASE WHEN x - round(x, 2) <> -0.005 THEN round(x, 2)
       WHEN CAST(round(x, 2) * 100 AS HUGEINT) % 2 = 0 THEN round(x, 2)
       ELSE round(x, 2) - 0.01 END
;;
-- 100 x part / total, half-even to 1 decimal; 0 when the total is 0
CREATE OR REPLACE MACRO pct(part, total) AS
  CASE WHEN total = 0 THEN 0.0 ELSE CAST(div_even(units(part) * 1000, units(total)) AS DOUBLE) / 10.0 END
;;
CREATE OR REPLACE MACRO ratio2(n, d) AS
  CASE WHEN d = 0 THEN 0.0 ELSE CAST(div_even(n * 100, d) AS DOUBLE) / 100.0 END
;;
CREATE OR REPLACE MACRO avg_money(total, n) AS
  CAST(div_even(units(total), CAST(n AS HUGEINT) * 10000000000000000) AS DECIMAL(38, 0)) * 0.01
;;
CREATE OR REPLACE MACRO period_text(p) AS strftime(p, '%Y-%m')
;;
CREATE OR REPLACE MACRO period_start_ms(p) AS epoch_ms(CAST(p AS TIMESTAMP))
;;
CREATE OR REPLACE MACRO period_end_ms(p) AS epoch_ms(CAST(p AS TIMESTAMP) + INTERVAL 1 MONTH) - 1000
;;
-- one row per sale order: its UTC day and month, and its revenue and quantity from its lines
CREATE OR REPLACE TEMP TABLE sale_orders AS
SELECT order_id, user_id, created_at_ms, status, payment_method, day, date_trunc('month', day) AS period,
       list_sum(list_transform(items, i -> i.quantity)) AS quantity,
       list_sum(list_transform(items, i -> i.quantity * i.unit_price)) AS revenue,
       items
FROM (SELECT *, CAST(make_timestamp(created_at_ms * 1000) AS DATE) AS day FROM orders
      WHERE reject_reason IS NULL AND status IN ('processing', 'shipped', 'delivered', 'returned'))
;;
-- one row per line: only what the aggregates need; the category is the item's, else the product's
CREATE OR REPLACE TEMP TABLE sale_lines AS
WITH exploded AS (
  -- the items' fields as columns before the join, so that the join carries no struct
  SELECT order_id, user_id, created_at_ms, period, day,
         unnest(items, recursive := true), generate_subscripts(items, 1) AS line_no
  FROM sale_orders)
SELECT e.order_id, e.user_id, e.created_at_ms, e.period, e.day, e.line_no, e.product_id, e.quantity,
       e.quantity * e.unit_price AS revenue, coalesce(e.category, p.category, 'unknown') AS category,
       e.sku AS item_sku, e.name AS item_name
FROM exploded e LEFT JOIN products p ON p.product_id = e.product_id
;;
-- a product's lines of one order together (total_orders counts orders), in the run's months
CREATE OR REPLACE TEMP TABLE product_orders AS
SELECT product_id, period, order_id, any_value(user_id) AS user_id, any_value(day) AS day,
       any_value(created_at_ms) AS created_at_ms, sum(quantity) AS quantity, sum(revenue) AS revenue
FROM sale_lines WHERE period IN (${period_starts})
GROUP BY product_id, period, order_id
;;
-- sku and name: the catalogue's; for a product gone from it, the item of its latest line in scope
CREATE OR REPLACE TEMP TABLE period_labels AS
SELECT l.product_id, l.period,
       CASE WHEN p.product_id IS NOT NULL THEN p.sku ELSE l.latest.sku END AS sku,
       CASE WHEN p.product_id IS NOT NULL THEN p.name ELSE l.latest.name END AS name
FROM (SELECT product_id, period,
             arg_max({'sku': item_sku, 'name': item_name}, {'at': created_at_ms, 'order_id': order_id, 'line': -line_no})
               AS latest
      FROM sale_lines WHERE period IN (${period_starts})
      GROUP BY product_id, period) l
LEFT JOIN products p ON p.product_id = l.product_id
;;
CREATE OR REPLACE TEMP TABLE result_product_analytics AS
WITH metrics AS (
  SELECT product_id, period, count(*) AS total_orders, sum(quantity) AS quantity,
         sum(revenue) AS revenue, count(DISTINCT user_id) AS customers,
         max(created_at_ms) AS last_sold_ms
  FROM product_orders GROUP BY product_id, period),
daily AS (
  SELECT product_id, period,
         list({'date': CAST(day AS VARCHAR), 'orders': orders, 'quantity': quantity, 'revenue': cents(revenue)}
              ORDER BY day) AS days
  FROM (SELECT product_id, period, day, count(*) AS orders, sum(quantity) AS quantity, sum(revenue) AS revenue
        FROM product_orders GROUP BY product_id, period, day)
  GROUP BY product_id, period),
spenders AS (
  SELECT product_id, period,
         list({'user_id': user_id, 'total_spent': spent, 'order_count': orders} ORDER BY spent DESC, user_id)[1:10] AS top
  FROM (SELECT product_id, period, user_id, cents(sum(revenue)) AS spent, count(*) AS orders
        FROM product_orders GROUP BY product_id, period, user_id)
  GROUP BY product_id, period)
SELECT m.product_id, period_text(m.period) AS period,
       {'product_id': m.product_id, 'period': period_text(m.period),
        'period_start': period_start_ms(m.period), 'period_end': period_end_ms(m.period),
        'sku': l.sku, 'name': l.name,
        'metrics': {'total_orders': m.total_orders, 'total_quantity_sold': m.quantity,
                    'total_revenue': cents(m.revenue),
                    'average_order_value': avg_money(m.revenue, m.total_orders),
                    'unique_customers': m.customers},
        'daily_breakdown': d.days, 'top_customers': s.top,
        -- the product's latest sale that month (it feeds products.analytics.last_sold_at)
        'last_sold_at': m.last_sold_ms} AS doc
FROM metrics m
JOIN period_labels l USING (product_id, period)
JOIN daily d USING (product_id, period)
JOIN spenders s USING (product_id, period)
;;
CREATE OR REPLACE TEMP TABLE result_sales_analytics AS
WITH orders_in AS (SELECT * FROM sale_orders WHERE period IN (${period_starts})),
totals AS (
  SELECT period, count(*) AS total_orders, sum(revenue) AS revenue, count(DISTINCT user_id) AS customers
  FROM orders_in GROUP BY period),
-- an order counts once in each of its categories
order_categories AS (
  SELECT period, category, order_id, sum(revenue) AS revenue
  FROM sale_lines WHERE period IN (${period_starts})
  GROUP BY period, category, order_id),
categories AS (
  SELECT c.period,
         list({'category': c.category, 'orders': c.orders, 'revenue': cents(c.revenue),
               'percentage': pct(c.revenue, t.revenue)}
              ORDER BY cents(c.revenue) DESC, c.category) AS entries
  FROM (SELECT period, category, count(*) AS orders, sum(revenue) AS revenue
        FROM order_categories GROUP BY period, category) c JOIN totals t USING (period)
  GROUP BY c.period),
payments AS (
  SELECT p.period,
         list({'method': p.method, 'orders': p.orders, 'revenue': cents(p.revenue),
               'percentage': pct(p.revenue, t.revenue)}
              ORDER BY cents(p.revenue) DESC, p.method) AS entries
  FROM (SELECT period, payment_method AS method, count(*) AS orders, sum(revenue) AS revenue
        FROM orders_in GROUP BY period, payment_method) p JOIN totals t USING (period)
  GROUP BY p.period),
products AS (
  SELECT period,
         list({'product_id': product_id, 'sku': sku, 'name': name, 'quantity_sold': quantity, 'revenue': revenue}
              ORDER BY revenue DESC, product_id)[1:100] AS entries
  FROM (SELECT x.period, x.product_id, l.sku, l.name, x.quantity, x.revenue
        FROM (SELECT period, product_id, sum(quantity) AS quantity, cents(sum(revenue)) AS revenue
              FROM product_orders GROUP BY period, product_id) x
        JOIN period_labels l USING (product_id, period))
  GROUP BY period),
days AS (
  SELECT period, list({'date': CAST(day AS VARCHAR), 'orders': orders, 'revenue': cents(revenue)} ORDER BY day)
           AS entries
  FROM (SELECT period, day, count(*) AS orders, sum(revenue) AS revenue FROM orders_in GROUP BY period, day)
  GROUP BY period)
SELECT period_text(t.period) AS period,
       {'period': period_text(t.period),
        'period_start': period_start_ms(t.period), 'period_end': period_end_ms(t.period),
        'totals': {'total_orders': t.total_orders, 'total_revenue': cents(t.revenue),
                   'total_customers': t.customers, 'average_order_value': avg_money(t.revenue, t.total_orders)},
        'by_category': c.entries, 'by_payment_method': p.entries, 'top_products': pr.entries,
        'daily_trend': d.entries} AS doc
FROM totals t
JOIN categories c USING (period)
JOIN payments p USING (period)
JOIN products pr USING (period)
JOIN days d USING (period)
;;
CREATE OR REPLACE TEMP TABLE result_customer_analytics AS
WITH orders_upto AS (SELECT * FROM sale_orders WHERE created_at_ms < ${as_of_end_ms}),
lifetime AS (
  SELECT user_id, count(*) AS total_orders, sum(revenue) AS revenue,
         min(created_at_ms) AS first_ms, max(created_at_ms) AS last_ms, min(day) AS first_day, max(day) AS last_day,
         sum(quantity) AS items, count(*) FILTER (WHERE status = 'returned') AS returned
  FROM orders_upto GROUP BY user_id),
favorites AS (
  SELECT user_id, list(category ORDER BY spent DESC, category)[1:2] AS categories
  FROM (SELECT user_id, category, cents(sum(revenue)) AS spent
        FROM sale_lines WHERE created_at_ms < ${as_of_end_ms} GROUP BY user_id, category)
  GROUP BY user_id),
payment AS (
  SELECT user_id, first(method ORDER BY orders DESC, revenue DESC, method) AS method
  FROM (SELECT user_id, payment_method AS method, count(*) AS orders, cents(sum(revenue)) AS revenue
        FROM orders_upto GROUP BY user_id, payment_method)
  GROUP BY user_id),
valued AS (
  SELECT l.*, cents(l.revenue) AS spent, -date_diff('day', l.last_day, DATE '${as_of_date}') AS r
  FROM lifetime l),
-- nearest-rank cut points: q_k is the value at 1-based rank ceil(k n / 5) in ascending order
cuts AS (
  SELECT list_transform([1, 2, 3, 4], k -> rs[(k * n + 4) // 5]) AS r_cuts,
         list_transform([1, 2, 3, 4], k -> fs[(k * n + 4) // 5]) AS f_cuts,
         list_transform([1, 2, 3, 4], k -> ms[(k * n + 4) // 5]) AS m_cuts
  FROM (SELECT list_sort(list(r)) AS rs, list_sort(list(total_orders)) AS fs, list_sort(list(spent)) AS ms,
               count(*) AS n FROM valued)),
scored AS (
  SELECT v.*,
         CAST(1 + len(list_filter(c.r_cuts, q -> v.r > q)) AS INTEGER) AS rs,
         CAST(1 + len(list_filter(c.f_cuts, q -> v.total_orders > q)) AS INTEGER) AS fs,
         CAST(1 + len(list_filter(c.m_cuts, q -> v.spent > q)) AS INTEGER) AS ms
  FROM valued v, cuts c)
SELECT s.user_id,
       {'user_id': s.user_id, 'email': u.email,
        'customer_segment': CASE
            WHEN s.rs + s.fs + s.ms >= 13 THEN 'high_value'
            WHEN s.fs >= 4 THEN 'loyal'
            WHEN s.rs >= 4 AND s.total_orders = 1 THEN 'new'
            WHEN s.rs <= 2 AND (s.fs >= 3 OR s.ms >= 4) THEN 'at_risk'
            WHEN s.rs <= 2 THEN 'hibernating'
            ELSE 'regular' END,
        'as_of': ${as_of_start_ms},
        'lifetime_metrics': {'total_orders': s.total_orders, 'total_spent': s.spent,
            'average_order_value': avg_money(s.revenue, s.total_orders),
            'first_order_date': s.first_ms, 'last_order_date': s.last_ms,
            'days_as_customer': CAST(date_diff('day', s.first_day, s.last_day) AS INTEGER)},
        'behavior': {'favorite_categories': f.categories, 'preferred_payment_method': p.method,
            'average_items_per_order': ratio2(s.items, s.total_orders),
            'return_rate': ratio2(s.returned, s.total_orders)},
        'rfm_score': {'recency': s.rs, 'frequency': s.fs, 'monetary': s.ms, 'total': s.rs + s.fs + s.ms}} AS doc
FROM scored s
JOIN favorites f USING (user_id)
JOIN payment p USING (user_id)
LEFT JOIN users u USING (user_id)
