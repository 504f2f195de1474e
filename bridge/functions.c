/*
 * functions.c: the SQL-callable functions of jdblink, with dblink 1.2's names and
 * argument conventions. Each resolves which argument is what (like dblink.c: by count,
 * and by the type of the second argument where text and boolean overloads share a C
 * function), then makes its Java call inside a JNI local frame.
 */
#include "jdblink.h"

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

JDBLINK_MODULE_MAGIC;

void		_PG_init(void);

void
_PG_init(void)
{
	jdblink_mark_main_thread();
	jdblink_define_settings();
}

/* What a function passes to Java and gets back; NULL text means "not given". */
typedef struct Call
{
	FunctionCallInfo fcinfo;
	text	   *name;			/* connection name, or name or connection string */
	text	   *other;			/* connection string or SQL */
	bool		fail_on_error;
	Datum		result;
	bool		result_is_null;
	JavaMethodId method;		/* for jdblink_name_to_text */
} Call;

/* Whether argument argno (from 0) is boolean; overloads that share a C function differ so. */
bool
jdblink_arg_is_boolean(FunctionCallInfo fcinfo, int argno)
{
	Oid			type = get_fn_expr_argtype(fcinfo->flinfo, argno);

	if (!OidIsValid(type))
	{
		Oid		   *declared;
		int			nargs;

		(void) get_func_signature(fcinfo->flinfo->fn_oid, &declared, &nargs);
		type = declared[argno];
	}
	return type == BOOLOID;
}

/*
 * dblink's overloads "[conname,] core arguments [, fail_on_error]", which share a C
 * function for core, core + 1 and core + 2 arguments. With core + 1 the type of the last
 * argument decides, as in dblink.c: boolean is fail_on_error, else the first argument is
 * the connection name. Sets *conname (NULL: the unnamed connection) and *fail_on_error
 * (true when not given); returns the position of the first core argument.
 */
int
jdblink_connection_args(FunctionCallInfo fcinfo, int core, text **conname, bool *fail_on_error)
{
	int			nargs = PG_NARGS();
	bool		has_conname;
	bool		has_fail_on_error;

	if (nargs == core)
		has_conname = has_fail_on_error = false;
	else if (nargs == core + 1)
	{
		has_fail_on_error = jdblink_arg_is_boolean(fcinfo, core);
		has_conname = !has_fail_on_error;
	}
	else if (nargs == core + 2)
		has_conname = has_fail_on_error = true;
	else
		elog(ERROR, "wrong number of arguments");
	*conname = has_conname ? PG_GETARG_TEXT_PP(0) : NULL;
	*fail_on_error = has_fail_on_error ? PG_GETARG_BOOL(nargs - 1) : true;
	return has_conname ? 1 : 0;
}

/* dblink(...) and dblink_exec(...): [target,] sql [, fail_on_error] */
static Call
query_call(FunctionCallInfo fcinfo)
{
	Call		call = {fcinfo, NULL, NULL, true, (Datum) 0, false};
	int			sql = jdblink_connection_args(fcinfo, 1, &call.name, &call.fail_on_error);

	call.other = PG_GETARG_TEXT_PP(sql);
	return call;
}

static void
connect_body(JNIEnv *env, void *arg)
{
	Call	   *call = arg;

	call->result = jdblink_text_datum(env,
									  jdblink_call_object(JAVA_CONNECT, NULL,
														  jdblink_bytes_from_text(env, call->name),
														  jdblink_bytes_from_text(env, call->other)));
}

/* dblink_connect([name,] connstr) and dblink_connect_u, which differs only in SQL. */
PG_FUNCTION_INFO_V1(jdblink_connect);
Datum
jdblink_connect(PG_FUNCTION_ARGS)
{
	Call		call = {fcinfo, NULL, NULL, true, (Datum) 0, false};

	if (PG_NARGS() == 2)
	{
		call.name = PG_GETARG_TEXT_PP(0);
		call.other = PG_GETARG_TEXT_PP(1);
	}
	else
		call.other = PG_GETARG_TEXT_PP(0);
	jdblink_with_frame(connect_body, &call);
	PG_RETURN_DATUM(call.result);
}

static void
name_to_text_body(JNIEnv *env, void *arg)
{
	Call	   *call = arg;

	call->result = jdblink_text_datum(env,
									  jdblink_call_object(call->method, NULL,
														  jdblink_bytes_from_text(env, call->name)));
}

/* The text a CallsFromC method ([B name) -> [B returns; a NULL name is the unnamed connection. */
Datum
jdblink_name_to_text(JavaMethodId method, text *name)
{
	Call		call = {NULL, name, NULL, true, (Datum) 0, false, method};

	jdblink_with_frame(name_to_text_body, &call);
	return call.result;
}

/* dblink_disconnect([name]) */
PG_FUNCTION_INFO_V1(jdblink_disconnect);
Datum
jdblink_disconnect(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATUM(jdblink_name_to_text(JAVA_DISCONNECT,
										 PG_NARGS() == 1 ? PG_GETARG_TEXT_PP(0) : NULL));
}

static void
get_connections_body(JNIEnv *env, void *arg)
{
	Call	   *call = arg;
	jobjectArray names = jdblink_call_object(JAVA_CONNECTION_NAMES, NULL);
	ArrayBuildState *array = NULL;
	jsize		count;

	if (names == NULL)
	{
		call->result_is_null = true;
		return;
	}
	count = (*env)->GetArrayLength(env, names);
	for (jsize i = 0; i < count; i++)
	{
		jbyteArray	name = (*env)->GetObjectArrayElement(env, names, i);

		array = accumArrayResult(array, jdblink_text_datum(env, name), false, TEXTOID,
								 CurrentMemoryContext);
		(*env)->DeleteLocalRef(env, name);
	}
	if (array == NULL)
		call->result_is_null = true;
	else
		call->result = makeArrayResult(array, CurrentMemoryContext);
}

/* dblink_get_connections(): names of the open named connections, or NULL. */
PG_FUNCTION_INFO_V1(jdblink_get_connections);
Datum
jdblink_get_connections(PG_FUNCTION_ARGS)
{
	Call		call = {fcinfo, NULL, NULL, true, (Datum) 0, false};

	jdblink_with_frame(get_connections_body, &call);
	if (call.result_is_null)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(call.result);
}

static void
connections_body(JNIEnv *env, void *arg)
{
	Call	   *call = arg;

	jdblink_materialize(call->fcinfo, jdblink_call_object(JAVA_CONNECTIONS, NULL));
}

/* jdblink_connections() returns table (...): a row for each open connection */
PG_FUNCTION_INFO_V1(jdblink_connections);
Datum
jdblink_connections(PG_FUNCTION_ARGS)
{
	Call		call = {fcinfo, NULL, NULL, true, (Datum) 0, false};

	jdblink_prepare_materialize(fcinfo);
	jdblink_with_frame(connections_body, &call);
	return (Datum) 0;
}

/* dblink_error_message(name) */
PG_FUNCTION_INFO_V1(jdblink_error_message);
Datum
jdblink_error_message(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATUM(jdblink_name_to_text(JAVA_ERROR_MESSAGE, PG_GETARG_TEXT_PP(0)));
}

static void
exec_body(JNIEnv *env, void *arg)
{
	Call	   *call = arg;

	call->result = jdblink_text_datum(env,
									  jdblink_call_object(JAVA_EXEC, NULL,
														  jdblink_bytes_from_text(env, call->name),
														  jdblink_sql_from_text(env, call->other),
														  (jboolean) call->fail_on_error));
}

/* dblink_exec([target,] sql [, fail_on_error]) */
PG_FUNCTION_INFO_V1(jdblink_exec);
Datum
jdblink_exec(PG_FUNCTION_ARGS)
{
	Call		call = query_call(fcinfo);

	jdblink_with_frame(exec_body, &call);
	PG_RETURN_DATUM(call.result);
}

/* dblink requires materialize mode before doing anything else. */
void
jdblink_prepare_materialize(FunctionCallInfo fcinfo)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	if (rsinfo == NULL || !IsA(rsinfo, ReturnSetInfo))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("set-valued function called in context that cannot accept a set")));
	if (!(rsinfo->allowedModes & SFRM_Materialize))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("materialize mode required, but it is not allowed in this context")));
	rsinfo->returnMode = SFRM_Materialize;
	rsinfo->setResult = NULL;
	rsinfo->setDesc = NULL;
}

static void
record_body(JNIEnv *env, void *arg)
{
	Call	   *call = arg;
	jobject		pump = jdblink_call_object(JAVA_QUERY, NULL,
										   jdblink_bytes_from_text(env, call->name),
										   jdblink_sql_from_text(env, call->other),
										   (jboolean) call->fail_on_error,
										   jdblink_binary_offer(env, call->fcinfo));

	jdblink_materialize(call->fcinfo, pump);
}

/* dblink([target,] sql [, fail_on_error]) returns setof record */
PG_FUNCTION_INFO_V1(jdblink_record);
Datum
jdblink_record(PG_FUNCTION_ARGS)
{
	Call		call;

	jdblink_prepare_materialize(fcinfo);
	call = query_call(fcinfo);
	jdblink_with_frame(record_body, &call);
	return (Datum) 0;
}
