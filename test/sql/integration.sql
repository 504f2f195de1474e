-- dblink inside larger statements: joins with local tables, views, CTEs, LATERAL,
-- INSERT ... SELECT FROM dblink, triggers, and PL/pgSQL functions (whose CONTEXT lines
-- follow dblink's), including errors caught in EXCEPTION blocks.
\set localdb :DBNAME
\c regression_remote
CREATE TABLE orders (id int PRIMARY KEY, customer_id int, amount numeric(10,2), placed date);
INSERT INTO orders
  SELECT i, 1 + i % 4, (i * 7 % 50) + 0.25, date '2026-01-01' + i FROM generate_series(1, 40) i;
CREATE VIEW order_totals AS
  SELECT customer_id, count(*) AS n, sum(amount) AS total FROM orders GROUP BY customer_id;
CREATE TABLE audit (what text);
CREATE FUNCTION checked_amount(a numeric) RETURNS numeric LANGUAGE plpgsql AS $$
BEGIN
  IF a < 0 THEN
    RAISE EXCEPTION 'negative amount %', a USING DETAIL = 'Amounts must not be negative.',
      HINT = 'Use a refund instead.', ERRCODE = 'check_violation';
  END IF;
  RETURN a;
END $$;
\c :localdb
CREATE TABLE customers (id int PRIMARY KEY, name text);
INSERT INTO customers VALUES (1, 'Acme'), (2, 'Globex'), (3, 'Initech'), (4, 'Umbrella'), (5, 'Nobody');
SELECT dblink_connect('orders_db', 'dbname=regression_remote options=-csearch_path=public');

-- joins with local tables (the seeds' cross-database report)
SELECT c.name, r.order_total
  FROM customers c
  JOIN dblink('orders_db', 'SELECT customer_id, sum(amount) AS order_total FROM orders GROUP BY customer_id')
    AS r(customer_id int, order_total numeric) ON c.id = r.customer_id
 ORDER BY c.name;
SELECT c.name, coalesce(r.n, 0) AS orders
  FROM customers c
  LEFT JOIN dblink('orders_db', 'SELECT customer_id, n FROM order_totals') AS r(customer_id int, n bigint)
    ON c.id = r.customer_id
 ORDER BY c.id;
SELECT c.name, o.id, o.amount
  FROM customers c,
  LATERAL dblink('orders_db', format('SELECT id, amount FROM orders WHERE customer_id = %s ORDER BY amount DESC LIMIT 2', c.id))
    AS o(id int, amount numeric)
 ORDER BY c.id, o.amount DESC;
WITH remote AS (
  SELECT * FROM dblink('orders_db', 'SELECT id, placed FROM orders WHERE id <= 5') AS t(id int, placed date)
)
SELECT count(*), min(placed), max(placed) FROM remote;
SELECT * FROM customers
 WHERE id IN (SELECT customer_id FROM dblink('orders_db', 'SELECT customer_id FROM orders WHERE amount > 45')
                AS t(customer_id int))
 ORDER BY id;

-- views over dblink
CREATE VIEW remote_totals AS
  SELECT * FROM dblink('dbname=regression_remote', 'SELECT customer_id, n, total FROM order_totals')
    AS t(customer_id int, n bigint, total numeric);
SELECT c.name, v.n, v.total FROM remote_totals v JOIN customers c ON c.id = v.customer_id ORDER BY v.total DESC;
CREATE VIEW broken AS
  SELECT * FROM dblink('dbname=regression_remote', 'SELECT * FROM no_such_view') AS t(i int);
SELECT * FROM broken;

-- INSERT ... SELECT FROM dblink (the seeds' data synchronisation)
CREATE TABLE local_orders (id int PRIMARY KEY, customer_id int, amount numeric);
INSERT INTO local_orders (id, customer_id, amount)
SELECT id, customer_id, amount
  FROM dblink('orders_db', 'SELECT id, customer_id, amount FROM orders WHERE placed < ''2026-01-21''')
    AS rt(id int, customer_id int, amount numeric);
SELECT count(*), sum(amount) FROM local_orders;
-- a second sync only adds what is new
INSERT INTO local_orders
SELECT * FROM dblink('orders_db', 'SELECT id, customer_id, amount FROM orders') AS rt(id int, customer_id int, amount numeric)
ON CONFLICT (id) DO NOTHING;
SELECT count(*), sum(amount) FROM local_orders;
-- a failing sync inserts nothing
INSERT INTO local_orders
SELECT * FROM dblink('orders_db', 'SELECT id + 100, customer_id, checked_amount(-amount) FROM orders') AS rt(id int, customer_id int, amount numeric);
SELECT count(*) FROM local_orders;
INSERT INTO local_orders
SELECT * FROM dblink('orders_db', 'SELECT id, customer_id, amount FROM orders') AS rt(id int, customer_id int, amount numeric);
CREATE TABLE copied AS
  SELECT * FROM dblink('orders_db', 'SELECT id, amount FROM orders WHERE id < 4') AS t(id int, amount numeric);
SELECT * FROM copied ORDER BY id;
-- and the other way: local rows pushed with dblink_exec
SELECT dblink_exec('orders_db', format('INSERT INTO audit VALUES (%L)', name)) FROM customers WHERE id <= 2 ORDER BY id;
SELECT * FROM dblink('orders_db', 'SELECT what FROM audit ORDER BY what') AS t(what text);

-- triggers that call dblink_exec
CREATE FUNCTION mirror_customer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM dblink_exec('orders_db', format('INSERT INTO audit VALUES (%L)', 'new customer ' || NEW.name));
  RETURN NEW;
END $$;
CREATE TRIGGER mirror AFTER INSERT ON customers FOR EACH ROW EXECUTE FUNCTION mirror_customer();
INSERT INTO customers VALUES (6, 'Hooli');
SELECT * FROM dblink('orders_db', 'SELECT what FROM audit WHERE what LIKE ''new%''') AS t(what text);
SELECT dblink_exec('orders_db', 'ALTER TABLE audit ADD CHECK (what NOT LIKE ''%Bad%'')');
INSERT INTO customers VALUES (7, 'Bad Corp');
SELECT count(*) FROM customers;
DROP TRIGGER mirror ON customers;

-- PL/pgSQL functions: errors carry dblink's CONTEXT line, then the local ones
CREATE FUNCTION remote_amount(order_id int) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE
  result numeric;
BEGIN
  SELECT a INTO result
    FROM dblink('orders_db', format('SELECT checked_amount(amount * %s) FROM orders WHERE id = 1', order_id))
      AS t(a numeric);
  RETURN result;
END $$;
CREATE FUNCTION caller(order_id int) RETURNS numeric LANGUAGE plpgsql AS $$
BEGIN
  RETURN remote_amount(order_id) + 1;
END $$;
SELECT remote_amount(2), caller(3);
SELECT remote_amount(-1);
SELECT caller(-2);
CREATE FUNCTION remote_amount_quiet(factor int) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE
  result numeric;
BEGIN
  SELECT a INTO result
    FROM dblink('orders_db', format('SELECT checked_amount(amount * %s) FROM orders WHERE id = 1', factor), false)
      AS t(a numeric);
  RETURN coalesce(result, -1);
END $$;
SELECT remote_amount_quiet(-1);
SELECT dblink_error_message('orders_db');
CREATE FUNCTION exec_in_function(cmd text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  RETURN dblink_exec('orders_db', cmd);
END $$;
SELECT exec_in_function('INSERT INTO audit VALUES (''from a function'')');
SELECT exec_in_function('INSERT INTO audit VALUES (1/0)');
SELECT exec_in_function('SELECT 1');
CREATE FUNCTION sql_wrapper(q text) RETURNS SETOF int LANGUAGE sql AS $$
  SELECT * FROM dblink('orders_db', q) AS t(i int)
$$;
SELECT * FROM sql_wrapper('SELECT id FROM orders WHERE id < 3 ORDER BY id');
SELECT * FROM sql_wrapper('SELECT checked_amount(-5)::int');
SELECT * FROM sql_wrapper('SELECT 1, 2');

-- errors caught in EXCEPTION blocks: everything dblink reported is visible
CREATE FUNCTION catch_it(q text) RETURNS TABLE (state text, message text, detail text, hint text, context text)
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM * FROM dblink('orders_db', q) AS t(x text);
  state := 'no error';
  RETURN NEXT;
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT, detail = PG_EXCEPTION_DETAIL,
    hint = PG_EXCEPTION_HINT, context = PG_EXCEPTION_CONTEXT;
  RETURN NEXT;
END $$;
\x on
SELECT * FROM catch_it('SELECT checked_amount(-3)');
SELECT * FROM catch_it('SELECT 1/0');
SELECT * FROM catch_it('SELECT 1, 2');
SELECT * FROM catch_it('SELECT ''fine''');
\x off
-- the connection keeps working after errors caught in subtransactions
SELECT * FROM dblink('orders_db', 'SELECT count(*) FROM orders') AS t(n bigint);

-- local rollback leaves connections and remote work alone
BEGIN;
SELECT dblink_exec('orders_db', 'INSERT INTO audit VALUES (''in a rolled back transaction'')');
INSERT INTO local_orders
SELECT * FROM dblink('orders_db', 'SELECT id + 1000, customer_id, amount FROM orders') AS rt(id int, customer_id int, amount numeric);
SELECT count(*) FROM local_orders;
ROLLBACK;
SELECT count(*) FROM local_orders;
SELECT * FROM dblink('orders_db', 'SELECT count(*) FROM audit WHERE what LIKE ''in a rolled%''') AS t(n bigint);
SELECT dblink_get_connections();
SELECT dblink_disconnect('orders_db');
