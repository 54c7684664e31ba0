-- The three analytics of docs/CONTRACT.md as DuckDB SQL, written from the contract, not from the Spark
-- transforms: a second, independent oracle for the benchmark. Input tables (loaded from Parquet
-- before the clock starts): orders(order_id, user_id, created_at_ms, status, payment_method,
-- reject_reason, items[{product_id, sku, name, category, quantity, unit_price DECIMAL(38,18)}]),
-- products(product_id, sku, name, category), users(user_id, email).
-- Money is carried as exact HUGEINT units of 10^-18 and rounded half-even by integer arithmetic:
-- DuckDB's ROUND on decimals rounds half away from zero, which is not the contract.
-- Statements are separated by lines holding only ';;'. Placeholders: ${periods}, ${as_of_date},
-- ${as_of_start_ms}, ${as_of_end_ms}.

CREATE OR REPLACE MACRO units(x) AS
  CAST(trunc(x) AS HUGEINT) * 1000000000000000000 + CAST((x - trunc(x)) * 1000000000000000000 AS HUGEINT)
;;
-- a / b rounded half to even, for a >= 0 and b > 0 (all amounts, counts and quantities are)
CREATE OR REPLACE MACRO div_even(a, b) AS
  (a // b) + CASE WHEN 2 * (a % b) > b THEN 1 WHEN 2 * (a % b) < b THEN 0 ELSE (a // b) % 2 END
;;
CREATE OR REPLACE MACRO cents(u) AS div_even(u, CAST(10000000000000000 AS HUGEINT))
;;
CREATE OR REPLACE MACRO money(c) AS CAST(c AS DECIMAL(38, 0)) * 0.01
;;
-- 100 x part / total, half-even to 1 decimal; 0 when the total is 0
CREATE OR REPLACE MACRO pct(part, total) AS
  CASE WHEN total = 0 THEN 0.0 ELSE CAST(div_even(part * 1000, total) AS DOUBLE) / 10.0 END
;;
CREATE OR REPLACE MACRO ratio2(n, d) AS
  CASE WHEN d = 0 THEN 0.0 ELSE CAST(div_even(CAST(n AS HUGEINT) * 100, CAST(d AS HUGEINT)) AS DOUBLE) / 100.0 END
;;
CREATE OR REPLACE MACRO avg_money(u, n) AS money(div_even(u, CAST(n AS HUGEINT) * 10000000000000000))
;;
CREATE OR REPLACE MACRO epoch_ms_of_period(p) AS epoch_ms(CAST(p || '-01' AS TIMESTAMP))
;;
CREATE OR REPLACE TEMP TABLE sale_orders AS
SELECT order_id, user_id, created_at_ms, status, payment_method,
       strftime(make_timestamp(created_at_ms * 1000), '%Y-%m') AS period,
       strftime(make_timestamp(created_at_ms * 1000), '%Y-%m-%d') AS day,
       list_sum(list_transform(items, i -> i.quantity)) AS quantity,
       list_sum(list_transform(items, i -> i.quantity * units(i.unit_price))) AS revenue_units,
       items
FROM orders
WHERE reject_reason IS NULL AND status IN ('processing', 'shipped', 'delivered', 'returned')
;;
CREATE OR REPLACE TEMP TABLE sale_lines AS
WITH exploded AS (
  SELECT order_id, user_id, created_at_ms, status, period, day,
         unnest(items) AS item, unnest(range(1, len(items) + 1)) AS line_no
  FROM sale_orders)
SELECT e.order_id, e.user_id, e.created_at_ms, e.period, e.day, e.line_no,
       e.item.product_id AS product_id,
       e.item.quantity AS quantity,
       e.item.quantity * units(e.item.unit_price) AS revenue_units,
       coalesce(e.item.category, p.category, 'unknown') AS category,
       e.item.sku AS item_sku, e.item.name AS item_name,
       p.product_id IS NOT NULL AS product_exists, p.sku AS product_sku, p.name AS product_name
FROM exploded e LEFT JOIN products p ON p.product_id = e.item.product_id
;;
-- sku and name: the catalogue's; for a product gone from it, the item of its latest line in scope
CREATE OR REPLACE TEMP TABLE period_labels AS
SELECT product_id, period,
       CASE WHEN bool_or(product_exists) THEN any_value(product_sku)
            ELSE first(item_sku ORDER BY created_at_ms DESC, order_id DESC, line_no) END AS sku,
       CASE WHEN bool_or(product_exists) THEN any_value(product_name)
            ELSE first(item_name ORDER BY created_at_ms DESC, order_id DESC, line_no) END AS name
FROM sale_lines WHERE period IN (${periods})
GROUP BY product_id, period
;;
CREATE OR REPLACE TEMP TABLE result_product_analytics AS
WITH product_orders AS (
  SELECT product_id, period, order_id, any_value(user_id) AS user_id, any_value(day) AS day,
         any_value(created_at_ms) AS created_at_ms, sum(quantity) AS quantity, sum(revenue_units) AS revenue_units
  FROM sale_lines WHERE period IN (${periods})
  GROUP BY product_id, period, order_id),
metrics AS (
  SELECT product_id, period, count(*) AS total_orders, sum(quantity) AS quantity,
         sum(revenue_units) AS revenue_units, count(DISTINCT user_id) AS customers,
         max(created_at_ms) AS last_sold_ms
  FROM product_orders GROUP BY product_id, period),
daily AS (
  SELECT product_id, period,
         list({'date': day, 'orders': orders, 'quantity': quantity, 'revenue': money(cents(revenue_units))} ORDER BY day) AS days
  FROM (SELECT product_id, period, day, count(*) AS orders, sum(quantity) AS quantity, sum(revenue_units) AS revenue_units
        FROM product_orders GROUP BY product_id, period, day)
  GROUP BY product_id, period),
spenders AS (
  SELECT product_id, period,
         list({'user_id': user_id, 'total_spent': money(spent), 'order_count': orders} ORDER BY spent DESC, user_id)[1:10] AS top
  FROM (SELECT product_id, period, user_id, cents(sum(revenue_units)) AS spent, count(*) AS orders
        FROM product_orders GROUP BY product_id, period, user_id)
  GROUP BY product_id, period)
SELECT m.product_id, m.period,
       {'product_id': m.product_id, 'period': m.period,
        'period_start': epoch_ms_of_period(m.period),
        'period_end': epoch_ms(CAST(m.period || '-01' AS TIMESTAMP) + INTERVAL 1 MONTH) - 1000,
        'sku': l.sku, 'name': l.name,
        'metrics': {'total_orders': m.total_orders, 'total_quantity_sold': m.quantity,
                    'total_revenue': money(cents(m.revenue_units)),
                    'average_order_value': avg_money(m.revenue_units, m.total_orders),
                    'unique_customers': m.customers},
        'daily_breakdown': d.days, 'top_customers': s.top,
        -- the product's latest sale that month (README: it feeds products.analytics.last_sold_at)
        'last_sold_at': m.last_sold_ms} AS doc
FROM metrics m
JOIN period_labels l USING (product_id, period)
JOIN daily d USING (product_id, period)
JOIN spenders s USING (product_id, period)
;;
CREATE OR REPLACE TEMP TABLE result_sales_analytics AS
WITH orders_in AS (SELECT * FROM sale_orders WHERE period IN (${periods})),
lines_in AS (SELECT * FROM sale_lines WHERE period IN (${periods})),
totals AS (
  SELECT period, count(*) AS total_orders, sum(revenue_units) AS revenue_units, count(DISTINCT user_id) AS customers
  FROM orders_in GROUP BY period),
categories AS (
  SELECT c.period,
         list({'category': c.category, 'orders': c.orders, 'revenue': money(cents(c.revenue_units)),
               'percentage': pct(c.revenue_units, t.revenue_units)}
              ORDER BY cents(c.revenue_units) DESC, c.category) AS entries
  FROM (SELECT period, category, count(DISTINCT order_id) AS orders, sum(revenue_units) AS revenue_units
        FROM lines_in GROUP BY period, category) c JOIN totals t USING (period)
  GROUP BY c.period),
payments AS (
  SELECT p.period,
         list({'method': p.method, 'orders': p.orders, 'revenue': money(cents(p.revenue_units)),
               'percentage': pct(p.revenue_units, t.revenue_units)}
              ORDER BY cents(p.revenue_units) DESC, p.method) AS entries
  FROM (SELECT period, payment_method AS method, count(*) AS orders, sum(revenue_units) AS revenue_units
        FROM orders_in GROUP BY period, payment_method) p JOIN totals t USING (period)
  GROUP BY p.period),
products AS (
  SELECT period,
         list({'product_id': product_id, 'sku': sku, 'name': name, 'quantity_sold': quantity, 'revenue': money(revenue)}
              ORDER BY revenue DESC, product_id)[1:100] AS entries
  FROM (SELECT x.period, x.product_id, l.sku, l.name, x.quantity, x.revenue
        FROM (SELECT period, product_id, sum(quantity) AS quantity, cents(sum(revenue_units)) AS revenue
              FROM lines_in GROUP BY period, product_id) x
        JOIN period_labels l USING (product_id, period))
  GROUP BY period),
days AS (
  SELECT period, list({'date': day, 'orders': orders, 'revenue': money(cents(revenue_units))} ORDER BY day) AS entries
  FROM (SELECT period, day, count(*) AS orders, sum(revenue_units) AS revenue_units FROM orders_in GROUP BY period, day)
  GROUP BY period)
SELECT t.period,
       {'period': t.period,
        'period_start': epoch_ms_of_period(t.period),
        'period_end': epoch_ms(CAST(t.period || '-01' AS TIMESTAMP) + INTERVAL 1 MONTH) - 1000,
        'totals': {'total_orders': t.total_orders, 'total_revenue': money(cents(t.revenue_units)),
                   'total_customers': t.customers, 'average_order_value': avg_money(t.revenue_units, t.total_orders)},
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
  SELECT user_id, count(*) AS total_orders, sum(revenue_units) AS revenue_units,
         min(created_at_ms) AS first_ms, max(created_at_ms) AS last_ms, sum(quantity) AS items,
         count(*) FILTER (WHERE status = 'returned') AS returned
  FROM orders_upto GROUP BY user_id),
favorites AS (
  SELECT user_id, list(category ORDER BY spent DESC, category)[1:2] AS categories
  FROM (SELECT user_id, category, cents(sum(revenue_units)) AS spent
        FROM sale_lines WHERE created_at_ms < ${as_of_end_ms} GROUP BY user_id, category)
  GROUP BY user_id),
payment AS (
  SELECT user_id, first(method ORDER BY orders DESC, revenue DESC, method) AS method
  FROM (SELECT user_id, payment_method AS method, count(*) AS orders, cents(sum(revenue_units)) AS revenue
        FROM orders_upto GROUP BY user_id, payment_method)
  GROUP BY user_id),
valued AS (
  SELECT l.*, cents(l.revenue_units) AS spent,
         -date_diff('day', CAST(make_timestamp(l.last_ms * 1000) AS DATE), DATE '${as_of_date}') AS r
  FROM lifetime l),
-- nearest-rank cut points: q_k is the value at 1-based rank ceil(k n / 5) in ascending order
ranked AS (
  SELECT r, total_orders AS f, spent AS m,
         row_number() OVER (ORDER BY r) AS r_rank,
         row_number() OVER (ORDER BY total_orders) AS f_rank,
         row_number() OVER (ORDER BY spent) AS m_rank,
         count(*) OVER () AS n
  FROM valued),
cuts AS (
  SELECT (SELECT list(r ORDER BY k) FROM ranked, range(1, 5) t(k) WHERE r_rank = (k * n + 4) // 5) AS r_cuts,
         (SELECT list(f ORDER BY k) FROM ranked, range(1, 5) t(k) WHERE f_rank = (k * n + 4) // 5) AS f_cuts,
         (SELECT list(m ORDER BY k) FROM ranked, range(1, 5) t(k) WHERE m_rank = (k * n + 4) // 5) AS m_cuts),
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
        'lifetime_metrics': {'total_orders': s.total_orders, 'total_spent': money(s.spent),
            'average_order_value': avg_money(s.revenue_units, s.total_orders),
            'first_order_date': s.first_ms, 'last_order_date': s.last_ms,
            'days_as_customer': CAST(date_diff('day', CAST(make_timestamp(s.first_ms * 1000) AS DATE),
                                                      CAST(make_timestamp(s.last_ms * 1000) AS DATE)) AS INTEGER)},
        'behavior': {'favorite_categories': f.categories, 'preferred_payment_method': p.method,
            'average_items_per_order': ratio2(s.items, s.total_orders),
            'return_rate': ratio2(s.returned, s.total_orders)},
        'rfm_score': {'recency': s.rs, 'frequency': s.fs, 'monetary': s.ms, 'total': s.rs + s.fs + s.ms}} AS doc
FROM scored s
JOIN favorites f USING (user_id)
JOIN payment p USING (user_id)
LEFT JOIN users u USING (user_id)
