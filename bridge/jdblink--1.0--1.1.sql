/* jdblink--1.0--1.1.sql: what jdblink has beyond dblink 1.2 (docs/functions/jdblink_*.md) */

\echo Use "ALTER EXTENSION jdblink UPDATE TO '1.1'" to load this file. \quit

-- A new installation runs jdblink--1.0.sql, then this file: there is no jdblink--1.1.sql,
-- so both paths give the same objects (test/jdblink-only/upgrade.sql checks it). Every
-- function here is named jdblink_*, never dblink_*, so that none can collide with a
-- later dblink's.

-- Typed results without a column definition list (docs/functions/jdblink_describe.md,
-- jdblink_column_list.md, jdblink_query.md, jdblink_create_view.md).

CREATE FUNCTION jdblink_describe (conn text, sql text,
    OUT "position" int4, OUT name text, OUT type text, OUT type_oid oid, OUT local_type text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'jdblink_describe'
LANGUAGE C STRICT PARALLEL RESTRICTED;

CREATE FUNCTION jdblink_describe (sql text,
    OUT "position" int4, OUT name text, OUT type text, OUT type_oid oid, OUT local_type text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'jdblink_describe'
LANGUAGE C STRICT PARALLEL RESTRICTED;

CREATE FUNCTION jdblink_column_list (conn text, sql text)
RETURNS text
AS 'MODULE_PATHNAME', 'jdblink_column_list'
LANGUAGE C STRICT PARALLEL RESTRICTED;

CREATE FUNCTION jdblink_column_list (sql text)
RETURNS text
AS 'MODULE_PATHNAME', 'jdblink_column_list'
LANGUAGE C STRICT PARALLEL RESTRICTED;

-- Not STRICT: rowtype is normally a typed NULL (NULL::my_type); NULL conn or sql give no rows.
CREATE FUNCTION jdblink_query (conn text, sql text, rowtype anyelement)
RETURNS SETOF anyelement
AS 'MODULE_PATHNAME', 'jdblink_query'
LANGUAGE C PARALLEL RESTRICTED;

CREATE FUNCTION jdblink_query (sql text, rowtype anyelement)
RETURNS SETOF anyelement
AS 'MODULE_PATHNAME', 'jdblink_query'
LANGUAGE C PARALLEL RESTRICTED;

CREATE FUNCTION jdblink_create_view (view_name text, conn text, sql text)
RETURNS void
AS 'MODULE_PATHNAME', 'jdblink_create_view'
LANGUAGE C STRICT PARALLEL UNSAFE;

-- jdblink_connections(): every open connection of the session, named and unnamed, with
-- where it goes, its state, its counters and whether its server has closed it
-- (docs/functions/jdblink_connections.md). dblink_get_connections() stays as it is.
CREATE FUNCTION jdblink_connections(
    OUT name text,
    OUT server_name text,
    OUT host text,
    OUT port integer,
    OUT dbname text,
    OUT remote_user text,
    OUT remote_backend_pid integer,
    OUT server_version text,
    OUT ssl boolean,
    OUT ssl_protocol text,
    OUT ssl_cipher text,
    OUT transaction_status text,
    OUT async_query_in_progress boolean,
    OUT open_cursors integer,
    OUT connected_at timestamptz,
    OUT last_used_at timestamptz,
    OUT queries_sent bigint,
    OUT rows_received bigint,
    OUT bytes_sent bigint,
    OUT bytes_received bigint,
    OUT closed boolean)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'jdblink_connections'
LANGUAGE C STRICT VOLATILE PARALLEL RESTRICTED;

-- jdblink_query_all: one query on many servers at once (docs/functions/jdblink_query_all.md).
-- STRICT as dblink() is: a NULL array or query gives no rows. Each element of the array is
-- what dblink()'s first argument may be; the first column of the result names the element
-- each row came from.
CREATE FUNCTION jdblink_query_all (conns text[], sql text)
RETURNS setof record
AS 'MODULE_PATHNAME', 'jdblink_query_all'
LANGUAGE C STRICT VOLATILE PARALLEL RESTRICTED;
