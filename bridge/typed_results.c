/*
 * typed_results.c: jdblink's functions that spare the column definition list:
 * jdblink_describe, jdblink_column_list and jdblink_create_view (the columns of a remote
 * query, asked of the remote without running it: CallsFromC.describeQuery), and
 * jdblink_query, whose result takes the shape of a local type; and the check of a remote
 * result against that type, which results.c makes when the result begins.
 *
 * What the remote calls its types is only shown: the local type of a column is the local
 * type of the same schema and name (a catalog lookup, nothing parsed), else text.
 */
#include "jdblink.h"

#include "access/htup_details.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"
#include "utils/varlena.h"

/* Texts per column in CallsFromC.describeQuery's answer. */
#define DESCRIBED_FIELDS 6

typedef struct Column
{
	char	   *name;
	Oid			remote_oid;
	int32		typmod;
	char	   *remote_type;	/* the remote's format_type */
	char	   *type_schema;	/* NULL when the remote has no such type */
	char	   *type_name;
} Column;

typedef struct Description
{
	text	   *conn;			/* NULL: the unnamed connection */
	text	   *sql;
	bool		for_view;		/* refuse a connection string with a password first */
	int			count;
	Column	   *columns;
} Description;

static char *
field(JNIEnv *env, jobjectArray fields, int index)
{
	jbyteArray	bytes = (*env)->GetObjectArrayElement(env, fields, index);
	char	   *value = jdblink_cstring_from_bytes(env, bytes);

	(*env)->DeleteLocalRef(env, bytes);
	return value;
}

static void
describe_body(JNIEnv *env, void *arg)
{
	Description *d = arg;
	jobjectArray fields;
	jsize		length;

	if (d->for_view)
		jdblink_call_void(JAVA_REFUSE_PASSWORD_IN_DEFINITION, NULL, jdblink_bytes_from_text(env, d->conn));
	fields = jdblink_call_object(JAVA_DESCRIBE_QUERY, NULL, jdblink_bytes_from_text(env, d->conn),
								 jdblink_sql_from_text(env, d->sql));
	length = fields == NULL ? -1 : (*env)->GetArrayLength(env, fields);
	if (length < 0 || length % DESCRIBED_FIELDS != 0)
		elog(ERROR, "jdblink: malformed query description from Java");
	d->count = length / DESCRIBED_FIELDS;
	d->columns = palloc0(sizeof(Column) * Max(d->count, 1));
	for (int i = 0; i < d->count; i++)
	{
		Column	   *c = &d->columns[i];
		int			at = i * DESCRIBED_FIELDS;

		c->name = field(env, fields, at);
		c->remote_oid = DatumGetObjectId(DirectFunctionCall1(oidin, CStringGetDatum(field(env, fields, at + 1))));
		c->typmod = pg_strtoint32(field(env, fields, at + 2));
		c->remote_type = field(env, fields, at + 3);
		c->type_schema = field(env, fields, at + 4);
		c->type_name = field(env, fields, at + 5);
	}
}

/* The columns of sql on conn (NULL: the unnamed connection), as the remote describes them. */
static Description
describe(text *conn, text *sql, bool for_view)
{
	Description d = {conn, sql, for_view, 0, NULL};

	jdblink_with_frame(describe_body, &d);
	return d;
}

/*
 * The local type a column gets: the type of the same schema and name here, with the
 * column's modifier (pg_catalog's types are the same everywhere), else text. A pseudo-type
 * such as record cannot be a column's type, nor can a shell type.
 */
static char *
local_type(const Column *c)
{
	Oid			namespace = InvalidOid;
	Oid			local = InvalidOid;

	if (c->type_schema != NULL && c->type_name != NULL)
		namespace = get_namespace_oid(c->type_schema, true);
	if (OidIsValid(namespace) && strlen(c->type_name) < NAMEDATALEN)
		local = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid, PointerGetDatum(c->type_name),
								ObjectIdGetDatum(namespace));
	if (!OidIsValid(local) || !get_typisdefined(local) || get_typtype(local) == TYPTYPE_PSEUDO)
		return pstrdup("text");
	return format_type_with_typemod(local, c->typmod);
}

/* jdblink_describe's and jdblink_column_list's arguments: [conn,] sql. */
static Description
describe_args(FunctionCallInfo fcinfo)
{
	bool		named = PG_NARGS() == 2;

	return describe(named ? PG_GETARG_TEXT_PP(0) : NULL, PG_GETARG_TEXT_PP(named ? 1 : 0), false);
}

/* jdblink_describe([conn,] sql): one row per column. */
PG_FUNCTION_INFO_V1(jdblink_describe);
Datum
jdblink_describe(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Description d;

	InitMaterializedSRF(fcinfo, 0);
	d = describe_args(fcinfo);
	for (int i = 0; i < d.count; i++)
	{
		const Column *c = &d.columns[i];
		Datum		values[5];
		bool		nulls[5] = {false};

		values[0] = Int32GetDatum(i + 1);
		values[1] = CStringGetTextDatum(c->name);
		values[2] = CStringGetTextDatum(c->remote_type);
		values[3] = ObjectIdGetDatum(c->remote_oid);
		values[4] = CStringGetTextDatum(local_type(c));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/*
 * "name type, ..." for a column definition list or a view: names quoted as needed, and
 * made unique where the remote repeats one (?column?, ?column?_2), since a definition
 * list may not.
 */
static char *
column_list(const Description *d)
{
	StringInfoData list;
	char	  **names = palloc(sizeof(char *) * Max(d->count, 1));

	initStringInfo(&list);
	for (int i = 0; i < d->count; i++)
	{
		char	   *name = d->columns[i].name;

		for (int suffix = 2, j = 0; j < i; j++)
			if (strcmp(names[j], name) == 0)
			{
				name = psprintf("%s_%d", d->columns[i].name, suffix++);
				j = -1;			/* the new name must be unique too */
			}
		names[i] = name;
		appendStringInfo(&list, "%s%s %s", i > 0 ? ", " : "", quote_identifier(name),
						 local_type(&d->columns[i]));
	}
	return list.data;
}

/* jdblink_column_list([conn,] sql): the column definition list dblink() needs for sql. */
PG_FUNCTION_INFO_V1(jdblink_column_list);
Datum
jdblink_column_list(PG_FUNCTION_ARGS)
{
	Description d = describe_args(fcinfo);

	PG_RETURN_TEXT_P(cstring_to_text(column_list(&d)));
}

/*
 * jdblink_create_view(view_name, conn, sql): CREATE VIEW view_name AS SELECT * FROM
 * dblink(conn, sql) AS t(<the column list>), as the current user, in the current
 * transaction. The view's definition is plain dblink SQL; conn is written into it, so a
 * connection string with a password is refused (Java says why).
 */
PG_FUNCTION_INFO_V1(jdblink_create_view);
Datum
jdblink_create_view(PG_FUNCTION_ARGS)
{
	List	   *view = textToQualifiedNameList(PG_GETARG_TEXT_PP(0));
	text	   *conn = PG_GETARG_TEXT_PP(1);
	text	   *sql = PG_GETARG_TEXT_PP(2);
	Description d = describe(conn, sql, true);
	char	   *schema = get_namespace_name(get_func_namespace(fcinfo->flinfo->fn_oid));
	char	   *ddl;
	int			status;

	if (d.count == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("remote query returns no columns"),
				 errdetail("A view needs at least one column.")));
	ddl = psprintf("CREATE VIEW %s AS SELECT * FROM %s.dblink(%s, %s) AS t(%s)",
				   NameListToQuotedString(view), quote_identifier(schema),
				   quote_literal_cstr(text_to_cstring(conn)), quote_literal_cstr(text_to_cstring(sql)),
				   column_list(&d));
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "jdblink: SPI_connect failed");
	status = SPI_execute(ddl, false, 0);
	if (status != SPI_OK_UTILITY)
		elog(ERROR, "jdblink: CREATE VIEW gave SPI status %d", status);
	SPI_finish();
	PG_RETURN_VOID();
}

/*
 * Whether a remote column of type remote may fill a local one of type local. Checked only
 * where both are built-in types (their OIDs are the same on every server): the same type,
 * or the same category (integer into bigint, timestamp into date), or a local string type,
 * which takes any value's text. Where either side is a type of a user's own, its input
 * function decides, value by value.
 */
static bool
compatible(Oid remote, Oid local)
{
	Oid			local_base = getBaseType(local);
	char		local_category;
	char		remote_category;
	bool		preferred;

	if (remote == local || remote == local_base)
		return true;
	if (remote >= FirstNormalObjectId || local_base >= FirstNormalObjectId || !get_typisdefined(remote))
		return true;
	get_type_category_preferred(local_base, &local_category, &preferred);
	if (local_category == TYPCATEGORY_STRING)
		return true;
	get_type_category_preferred(remote, &remote_category, &preferred);
	return remote_category == local_category;
}

/*
 * jdblink_query's check when a result begins: the remote result's columns (their remote
 * type OIDs) against the local type's attributes. Returns, per remote column, the
 * attribute it fills (0-based, skipping dropped ones), or raises the mismatch naming the
 * column, as PL/pgSQL names one in a RETURN QUERY that does not fit.
 */
int *
jdblink_match_rowtype(TupleDesc tupdesc, Oid type, int columns, const Oid *remote_types)
{
	int		   *attributes = palloc(sizeof(int) * Max(tupdesc->natts, 1));
	int			expected = 0;

	for (int i = 0; i < tupdesc->natts; i++)
		if (!TupleDescAttr(tupdesc, i)->attisdropped)
			attributes[expected++] = i;
	if (expected != columns)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("remote query result does not match type %s", format_type_be(type)),
				 errdetail("Number of returned columns (%d) does not match expected column count (%d).",
						   columns, expected),
				 errhint("jdblink_describe shows the columns of the remote query.")));
	for (int i = 0; i < columns; i++)
	{
		Form_pg_attribute attribute = TupleDescAttr(tupdesc, attributes[i]);

		if (!compatible(remote_types[i], attribute->atttypid))
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("remote query result does not match type %s", format_type_be(type)),
					 errdetail("Returned type %s does not match expected type %s in column \"%s\" (%d).",
							   format_type_be(remote_types[i]), format_type_be(attribute->atttypid),
							   NameStr(attribute->attname), i + 1)));
	}
	return attributes;
}

typedef struct TypedQuery
{
	FunctionCallInfo fcinfo;
	text	   *conn;
	text	   *sql;
	Oid			rowtype;
} TypedQuery;

static void
query_body(JNIEnv *env, void *arg)
{
	TypedQuery *q = arg;
	jobject		pump = jdblink_call_object(JAVA_QUERY, NULL, jdblink_bytes_from_text(env, q->conn),
										   jdblink_sql_from_text(env, q->sql), JNI_TRUE,
										   jdblink_binary_offer(env, q->fcinfo));

	jdblink_materialize_as(q->fcinfo, pump, q->rowtype);
}

/*
 * jdblink_query([conn,] sql, rowtype anyelement) returns setof anyelement: dblink() with
 * the shape of rowtype's type (a composite type, or one column of a scalar type) instead
 * of a column definition list. Only rowtype's type is used, so NULL::t is the usual
 * argument; NULL conn or sql give no rows, as dblink's STRICT functions give none.
 */
PG_FUNCTION_INFO_V1(jdblink_query);
Datum
jdblink_query(PG_FUNCTION_ARGS)
{
	bool		named = PG_NARGS() == 3;
	TypedQuery	q = {fcinfo, NULL, NULL, get_fn_expr_argtype(fcinfo->flinfo, PG_NARGS() - 1)};

	jdblink_prepare_materialize(fcinfo);
	if ((named && PG_ARGISNULL(0)) || PG_ARGISNULL(named ? 1 : 0))
		return (Datum) 0;
	if (!OidIsValid(q.rowtype))
		elog(ERROR, "could not determine the type of rowtype");
	q.conn = named ? PG_GETARG_TEXT_PP(0) : NULL;
	q.sql = PG_GETARG_TEXT_PP(named ? 1 : 0);
	jdblink_with_frame(query_body, &q);
	return (Datum) 0;
}
