-- The remote side of every example in docs/: test/run-doc-examples.sh runs this once in
-- docs_remote_template and gives each page a fresh copy of it named docs_remote.
-- Roles are cluster-wide; docs/examples/teardown.sql drops them again.

CREATE TABLE customers (
  id   int PRIMARY KEY,
  name text NOT NULL,
  city text
);
INSERT INTO customers VALUES
  (1, 'Ada', 'London'),
  (2, 'Grace', 'New York'),
  (3, 'Linus', 'Helsinki');

CREATE TABLE orders (
  id          int PRIMARY KEY,
  customer_id int NOT NULL REFERENCES customers,
  amount      numeric(10,2) NOT NULL,
  placed      date NOT NULL
);
INSERT INTO orders VALUES
  (101, 1, 120.00, '2024-03-01'),
  (102, 1,  35.50, '2024-03-04'),
  (103, 2, 980.00, '2024-03-04'),
  (104, 3,  15.25, '2024-03-09');

-- written to by the dblink_exec and cursor examples
CREATE TABLE audit_log (
  id   serial PRIMARY KEY,
  note text NOT NULL
);

-- a role without superuser rights, for the pages about the password rules
CREATE ROLE docs_user LOGIN;
-- the sample data is readable by everyone, e.g. by the password-authenticated test role
-- auth_scram that the foreign-server examples log in as
GRANT SELECT ON ALL TABLES IN SCHEMA public TO PUBLIC;
