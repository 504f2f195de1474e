/*
 * fanout.c: jdblink_query_all(conns text[], sql text) returns setof record: one query on
 * many remote servers at once, each row's first column naming the connection it came
 * from (the element of the array as given). C checks the arguments and the column
 * definition list before any connection is made; Java connects and runs the queries
 * (org.jdblink.dblink.FanOutStream), and results.c stores the rows of all remotes in one
 * tuplestore, putting the element in the first column.
 */
#include "jdblink.h"

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "parser/parse_coerce.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

typedef struct FanOutCall
{
	FunctionCallInfo fcinfo;
	TupleDesc	tupdesc;		/* the FROM clause's row type */
	char	  **conns;			/* the array's elements, in the database encoding */
	int			count;
	text	   *sql;
} FanOutCall;

/*
 * The first column holds the connection's name: a string type (text, varchar, name...,
 * or a domain over one) takes it as it is.
 */
static void
check_connection_column(TupleDesc tupdesc)
{
	Form_pg_attribute first = TupleDescAttr(tupdesc, 0);

	if (TypeCategory(getBaseType(first->atttypid)) != TYPCATEGORY_STRING)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("first column of the column definition list must be of a string type"),
				 errdetail("Column \"%s\" is of type %s.",
						   NameStr(first->attname), format_type_be(first->atttypid)),
				 errhint("The first column holds the name of the connection each row came from; "
						 "declare it as text.")));
}

/* The elements of the connection array: one dimension, no NULLs. */
static void
read_connections(FanOutCall *call, ArrayType *array)
{
	Datum	   *elements;
	bool	   *nulls;

	if (ARR_NDIM(array) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("connection array must be one-dimensional")));
	if (array_contains_nulls(array))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("connection array must not contain nulls")));
	deconstruct_array(array, TEXTOID, -1, false, TYPALIGN_INT, &elements, &nulls, &call->count);
	call->conns = palloc(Max(call->count, 1) * sizeof(char *));
	for (int i = 0; i < call->count; i++)
		call->conns[i] = TextDatumGetCString(elements[i]);
}

static void
query_all_body(JNIEnv *env, void *arg)
{
	FanOutCall *call = arg;
	jobjectArray conns = jdblink_new_bytes_array(env, call->count);
	jobject		pump;

	for (int i = 0; i < call->count; i++)
		jdblink_set_bytes_element(env, conns, i, call->conns[i]);
	pump = jdblink_call_object(JAVA_QUERY_ALL, NULL, conns,
							   jdblink_sql_from_text(env, call->sql),
							   (jint) (call->tupdesc->natts - 1));
	jdblink_materialize_from(call->fcinfo, pump, call->tupdesc, call->conns, call->count);
}

/* jdblink_query_all(conns text[], sql text) returns setof record; STRICT */
PG_FUNCTION_INFO_V1(jdblink_query_all);
Datum
jdblink_query_all(PG_FUNCTION_ARGS)
{
	FanOutCall	call = {fcinfo};

	jdblink_prepare_materialize(fcinfo);
	call.tupdesc = CreateTupleDescCopy(jdblink_result_tupdesc(fcinfo));
	check_connection_column(call.tupdesc);
	read_connections(&call, PG_GETARG_ARRAYTYPE_P(0));
	call.sql = PG_GETARG_TEXT_PP(1);
	jdblink_with_frame(query_all_body, &call);
	return (Datum) 0;
}
