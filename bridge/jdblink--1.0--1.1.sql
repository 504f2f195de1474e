/* jdblink--1.0--1.1.sql: what jdblink has beyond dblink 1.2 (docs/functions/jdblink_*.md) */

\echo Use "ALTER EXTENSION jdblink UPDATE TO '1.1'" to load this file. \quit

-- A new installation runs jdblink--1.0.sql, then this file: there is no jdblink--1.1.sql,
-- so both paths give the same objects (test/jdblink-only/upgrade.sql checks it). Every
-- function here is named jdblink_*, never dblink_*, so that none can collide with a
-- later dblink's.
