/*
 * cursors_async.c: dblink_open, dblink_fetch, dblink_close, dblink_send_query,
 * dblink_is_busy, dblink_get_result, dblink_cancel_query and dblink_get_notify.
 *
 * Each resolves its arguments as dblink.c does (by count, and by the type of the argument
 * that is fail_on_error in one overload and text in another), then calls its static method
 * of org.jdblink.bridge.CallsFromC. Set-returning functions get a QueryPump and share
 * dblink()'s path into a tuplestore.
 */
#include "jdblink.h"

/* One call's arguments; NULL text = not given (no connection name: the unnamed one). */
typedef struct CursorCall
{
	FunctionCallInfo fcinfo;
	text	   *conname;
	text	   *curname;
	text	   *sql;
	int32		count;
	bool		fail_on_error;
	Datum		result;
} CursorCall;

static void
open_body(JNIEnv *env, void *arg)
{
	CursorCall *call = arg;

	call->result = jdblink_text_datum(env,
									  jdblink_call_object(JAVA_OPEN, NULL,
														  jdblink_bytes_from_text(env, call->conname),
														  jdblink_bytes_from_text(env, call->curname),
														  jdblink_sql_from_text(env, call->sql),
														  (jboolean) call->fail_on_error));
}

/* dblink_open([conname,] curname, sql [, fail_on_error]) */
PG_FUNCTION_INFO_V1(jdblink_open);
Datum
jdblink_open(PG_FUNCTION_ARGS)
{
	CursorCall	call = {fcinfo, NULL, NULL, NULL, 0, true, (Datum) 0};
	int			first = jdblink_connection_args(fcinfo, 2, &call.conname, &call.fail_on_error);

	call.curname = PG_GETARG_TEXT_PP(first);
	call.sql = PG_GETARG_TEXT_PP(first + 1);
	jdblink_with_frame(open_body, &call);
	PG_RETURN_DATUM(call.result);
}

static void
fetch_body(JNIEnv *env, void *arg)
{
	CursorCall *call = arg;

	jdblink_materialize(call->fcinfo,
						jdblink_call_object(JAVA_FETCH, NULL,
											jdblink_bytes_from_text(env, call->conname),
											jdblink_bytes_from_text(env, call->curname),
											(jint) call->count,
											(jboolean) call->fail_on_error,
											jdblink_binary_offer(env, call->fcinfo)));
}

/* dblink_fetch([conname,] curname, howmany [, fail_on_error]) returns setof record */
PG_FUNCTION_INFO_V1(jdblink_fetch);
Datum
jdblink_fetch(PG_FUNCTION_ARGS)
{
	CursorCall	call = {fcinfo, NULL, NULL, NULL, 0, true, (Datum) 0};
	int			first;

	jdblink_prepare_materialize(fcinfo);
	first = jdblink_connection_args(fcinfo, 2, &call.conname, &call.fail_on_error);
	call.curname = PG_GETARG_TEXT_PP(first);
	call.count = PG_GETARG_INT32(first + 1);
	jdblink_with_frame(fetch_body, &call);
	return (Datum) 0;
}

static void
close_body(JNIEnv *env, void *arg)
{
	CursorCall *call = arg;

	call->result = jdblink_text_datum(env,
									  jdblink_call_object(JAVA_CLOSE, NULL,
														  jdblink_bytes_from_text(env, call->conname),
														  jdblink_bytes_from_text(env, call->curname),
														  (jboolean) call->fail_on_error));
}

/* dblink_close([conname,] curname [, fail_on_error]) */
PG_FUNCTION_INFO_V1(jdblink_close);
Datum
jdblink_close(PG_FUNCTION_ARGS)
{
	CursorCall	call = {fcinfo, NULL, NULL, NULL, 0, true, (Datum) 0};
	int			first = jdblink_connection_args(fcinfo, 1, &call.conname, &call.fail_on_error);

	call.curname = PG_GETARG_TEXT_PP(first);
	jdblink_with_frame(close_body, &call);
	PG_RETURN_DATUM(call.result);
}

static void
send_query_body(JNIEnv *env, void *arg)
{
	CursorCall *call = arg;

	call->result = Int32GetDatum(jdblink_call_int(JAVA_SEND_QUERY, NULL,
												  jdblink_bytes_from_text(env, call->conname),
												  jdblink_sql_from_text(env, call->sql)));
}

/* dblink_send_query(conname, sql): 1, or 0 after a NOTICE */
PG_FUNCTION_INFO_V1(jdblink_send_query);
Datum
jdblink_send_query(PG_FUNCTION_ARGS)
{
	CursorCall	call = {fcinfo, PG_GETARG_TEXT_PP(0), NULL, PG_GETARG_TEXT_PP(1), 0, true, (Datum) 0};

	jdblink_with_frame(send_query_body, &call);
	PG_RETURN_DATUM(call.result);
}

static void
is_busy_body(JNIEnv *env, void *arg)
{
	CursorCall *call = arg;

	call->result = Int32GetDatum(jdblink_call_int(JAVA_IS_BUSY, NULL,
												  jdblink_bytes_from_text(env, call->conname)));
}

/* dblink_is_busy(conname): 1 or 0, without waiting */
PG_FUNCTION_INFO_V1(jdblink_is_busy);
Datum
jdblink_is_busy(PG_FUNCTION_ARGS)
{
	CursorCall	call = {fcinfo, PG_GETARG_TEXT_PP(0), NULL, NULL, 0, true, (Datum) 0};

	jdblink_with_frame(is_busy_body, &call);
	PG_RETURN_DATUM(call.result);
}

static void
get_result_body(JNIEnv *env, void *arg)
{
	CursorCall *call = arg;

	jdblink_materialize(call->fcinfo,
						jdblink_call_object(JAVA_GET_RESULT, NULL,
											jdblink_bytes_from_text(env, call->conname),
											(jboolean) call->fail_on_error));
}

/* dblink_get_result(conname [, fail_on_error]) returns setof record: the next result */
PG_FUNCTION_INFO_V1(jdblink_get_result);
Datum
jdblink_get_result(PG_FUNCTION_ARGS)
{
	CursorCall	call = {fcinfo, NULL, NULL, NULL, 0, true, (Datum) 0};

	jdblink_prepare_materialize(fcinfo);
	call.conname = PG_GETARG_TEXT_PP(0);
	if (PG_NARGS() == 2)
		call.fail_on_error = PG_GETARG_BOOL(1);
	jdblink_with_frame(get_result_body, &call);
	return (Datum) 0;
}

/* dblink_cancel_query(conname): 'OK' or the cancel request's error text */
PG_FUNCTION_INFO_V1(jdblink_cancel_query);
Datum
jdblink_cancel_query(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATUM(jdblink_name_to_text(JAVA_CANCEL_QUERY, PG_GETARG_TEXT_PP(0)));
}

static void
get_notify_body(JNIEnv *env, void *arg)
{
	CursorCall *call = arg;

	jdblink_materialize(call->fcinfo,
						jdblink_call_object(JAVA_NOTIFICATIONS, NULL,
											jdblink_bytes_from_text(env, call->conname)));
}

/* dblink_get_notify([conname]) returns setof (notify_name text, be_pid int4, extra text) */
PG_FUNCTION_INFO_V1(jdblink_get_notify);
Datum
jdblink_get_notify(PG_FUNCTION_ARGS)
{
	CursorCall	call = {fcinfo, NULL, NULL, NULL, 0, true, (Datum) 0};

	if (PG_NARGS() == 1)
		call.conname = PG_GETARG_TEXT_PP(0);
	jdblink_prepare_materialize(fcinfo);
	jdblink_with_frame(get_notify_body, &call);
	return (Datum) 0;
}
