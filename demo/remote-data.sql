-- Sample data for the demo's "remote" database (demo_remote).
CREATE TABLE orders (id serial PRIMARY KEY, customer_id int NOT NULL, amount numeric(10,2) NOT NULL, placed date NOT NULL);
INSERT INTO orders (customer_id, amount, placed) VALUES
  (1, 120.00, '2026-01-05'), (1, 35.50, '2026-02-11'), (2, 990.00, '2026-01-20'),
  (3, 15.25, '2026-03-02'), (3, 250.00, '2026-03-09'), (3, 42.00, '2026-03-30');
CREATE TABLE todos (id serial PRIMARY KEY, user_id text, task text, is_complete boolean, inserted_at timestamptz DEFAULT now());
INSERT INTO todos (user_id, task, is_complete) VALUES
  ('ann', 'write the report', false), ('bob', 'review the numbers', true);
CREATE TABLE remote_table (col1 int, col2 text);
INSERT INTO remote_table VALUES (1, 'one'), (2, 'two'), (3, 'three');
