-- Undoes the cluster-wide part of docs/examples/setup.sql (after its databases are gone).
DROP ROLE IF EXISTS docs_user;
