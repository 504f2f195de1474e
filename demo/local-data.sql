-- Sample data for the demo's local database (demo_local).
CREATE TABLE customers (customer_id int PRIMARY KEY, customer_name text);
INSERT INTO customers VALUES (1, 'Acme Corp'), (2, 'Globex'), (3, 'Initech'), (4, 'Umbrella');
CREATE TABLE local_staging_table (col1 int PRIMARY KEY, col2 text);
