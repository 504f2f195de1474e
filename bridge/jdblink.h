/*
 * jdblink.h: what the parts of the C bridge share.
 *
 * jvm.c      JVM settings, loading libjvm, creating the JVM, the classes and methods below
 * settings.c defining the settings so that values non-superusers gave do not survive;
 *            jdblink.remote_notices (JniLocalBackend's native remoteNotices0)
 * calls.c    the one choke point for calls into Java; text <-> byte[]; reports
 * natives.c  registering the natives, their guard, and those of JniLocalBackend
 * results.c  dblink(): batches from the Java sink into a tuplestore
 * binary_values.c  the columns that may travel in binary, and reading them
 * functions.c the SQL-callable functions
 * buildsql.c dblink_get_pkey, dblink_build_sql_*, dblink_current_query
 * cursors_async.c  dblink_open … dblink_get_notify
 * fanout.c   jdblink_query_all: one query on many connections at once
 * catalog.c  dblink_fdw_validator and foreign servers (CatalogServers' native)
 * security.c jdblink.allowed_hosts (JniLocalBackend's native allowedHosts0)
 * wait_events.c  the wait events of pg_stat_activity (JniLocalBackend's natives of waits)
 * compat.h   what differs between PostgreSQL major versions
 */
#ifndef JDBLINK_H
#define JDBLINK_H

#include "postgres.h"
#include "fmgr.h"

#include "compat.h"

#include <jni.h>

/*
 * The Java classes C uses and the Java methods it calls, resolved once when the JVM
 * starts (a mismatch with the jar is a start failure, not a crash). A method's return
 * kind is the last part of its signature: calls.c checks that each call uses the
 * jdblink_call_* variant of that kind.
 */
#define JDBLINK_JAVA_CLASSES(X) \
	X(CALLS_FROM_C, "org/jdblink/bridge/CallsFromC") \
	X(QUERY_PUMP, "org/jdblink/bridge/QueryPump") \
	X(BUILD_SQL_CALL, "org/jdblink/bridge/BuildSqlCall") \
	X(BACKEND_ERROR, "org/jdblink/bridge/BackendError") \
	X(BYTE_ARRAY, "[B") \
	X(STACK_OVERFLOW_ERROR, "java/lang/StackOverflowError")

/* X(id, class id, STATIC or INSTANCE, Java name, JNI signature) */
#define JDBLINK_JAVA_METHODS(X) \
	X(START, CALLS_FROM_C, STATIC, "start", "()V") \
	X(TAKE_NOTICES, CALLS_FROM_C, STATIC, "takeNotices", "()[B") \
	X(LOG_NOTICES, CALLS_FROM_C, STATIC, "logNotices", "()V") \
	X(DESCRIBE, CALLS_FROM_C, STATIC, "describe", "(Ljava/lang/Throwable;)[B") \
	X(CONNECT, CALLS_FROM_C, STATIC, "connect", "([B[B)[B") \
	X(DISCONNECT, CALLS_FROM_C, STATIC, "disconnect", "([B)[B") \
	X(CONNECTION_NAMES, CALLS_FROM_C, STATIC, "connectionNames", "()[[B") \
	X(CONNECTIONS, CALLS_FROM_C, STATIC, "connections", "()Lorg/jdblink/bridge/QueryPump;") \
	X(ERROR_MESSAGE, CALLS_FROM_C, STATIC, "errorMessage", "([B)[B") \
	X(EXEC, CALLS_FROM_C, STATIC, "exec", "([BLjava/nio/ByteBuffer;Z)[B") \
	X(QUERY, CALLS_FROM_C, STATIC, "query", "([BLjava/nio/ByteBuffer;Z[I)Lorg/jdblink/bridge/QueryPump;") \
	X(BUILD_SQL, CALLS_FROM_C, STATIC, "buildSql", "(B[B[[B[SI[[B[[B)Lorg/jdblink/bridge/BuildSqlCall;") \
	X(VALIDATE_FDW_OPTIONS, CALLS_FROM_C, STATIC, "validateFdwOptions", "([[BC)V") \
	X(OPEN, CALLS_FROM_C, STATIC, "open", "([B[BLjava/nio/ByteBuffer;Z)[B") \
	X(FETCH, CALLS_FROM_C, STATIC, "fetch", "([B[BIZ[I)Lorg/jdblink/bridge/QueryPump;") \
	X(CLOSE, CALLS_FROM_C, STATIC, "close", "([B[BZ)[B") \
	X(SEND_QUERY, CALLS_FROM_C, STATIC, "sendQuery", "([BLjava/nio/ByteBuffer;)I") \
	X(IS_BUSY, CALLS_FROM_C, STATIC, "isBusy", "([B)I") \
	X(GET_RESULT, CALLS_FROM_C, STATIC, "getResult", "([BZ)Lorg/jdblink/bridge/QueryPump;") \
	X(CANCEL_QUERY, CALLS_FROM_C, STATIC, "cancelQuery", "([B)[B") \
	X(NOTIFICATIONS, CALLS_FROM_C, STATIC, "notifications", "([B)Lorg/jdblink/bridge/QueryPump;") \
	X(DESCRIBE_QUERY, CALLS_FROM_C, STATIC, "describeQuery", "([BLjava/nio/ByteBuffer;)[[B") \
	X(REFUSE_PASSWORD_IN_DEFINITION, CALLS_FROM_C, STATIC, "refusePasswordInDefinition", "([B)V") \
	X(QUERY_ALL, CALLS_FROM_C, STATIC, "queryAll", "([[BLjava/nio/ByteBuffer;I)Lorg/jdblink/bridge/QueryPump;") \
	X(PUMP, QUERY_PUMP, INSTANCE, "pump", "()Ljava/nio/ByteBuffer;") \
	X(PUMP_CLOSE, QUERY_PUMP, INSTANCE, "close", "(Z)V") \
	X(SOURCE_ROW_QUERY, BUILD_SQL_CALL, INSTANCE, "sourceRowQuery", "()[B") \
	X(STATEMENT, BUILD_SQL_CALL, INSTANCE, "statement", "(J[[B)[B") \
	X(NEW_BACKEND_ERROR, BACKEND_ERROR, INSTANCE, "<init>", "([B[B[B[B)V")

typedef enum JavaClassId
{
#define JDBLINK_CLASS_ID(id, name) JAVA_CLASS_##id,
	JDBLINK_JAVA_CLASSES(JDBLINK_CLASS_ID)
#undef JDBLINK_CLASS_ID
	JAVA_CLASS_COUNT
} JavaClassId;

typedef enum JavaMethodId
{
#define JDBLINK_METHOD_ID(id, owner, binding, name, signature) JAVA_##id,
	JDBLINK_JAVA_METHODS(JDBLINK_METHOD_ID)
#undef JDBLINK_METHOD_ID
	JAVA_METHOD_COUNT
} JavaMethodId;

/* A resolved method of JDBLINK_JAVA_METHODS. */
typedef struct JavaMethod
{
	JavaClassId owner;
	bool		is_static;
	const char *name;
	const char *signature;
	jmethodID	id;
} JavaMethod;

/* jvm.c: the JNI environment of this backend, creating the JVM on first use. */
extern JNIEnv *jdblink_env(void);
extern void jdblink_define_jvm_settings(void);
extern jclass jdblink_class(JavaClassId id);
extern const JavaMethod *jdblink_method(JavaMethodId id);

/* settings.c: defining the settings so that no non-superuser's value survives */
extern void jdblink_define_settings(void);
extern void jdblink_settings_check(void);

/*
 * natives.c: what every native method shares. The natives are the functions javac -h
 * declares (target/jni, all included through the generated jdblink_natives.h): each is
 * defined under its header's name, so the compiler checks it against its Java
 * declaration, and all are registered from the generated table when the JVM starts.
 *
 * A native runs inside a call from C into Java, so it must not raise a PostgreSQL error
 * over Java frames: its body goes between JDBLINK_NATIVE_BEGIN and JDBLINK_NATIVE_END.
 * Off the backend's main thread (the only one that may touch PostgreSQL) the body is
 * skipped and IllegalStateException thrown; an error raised in the body is caught and
 * thrown to Java as BackendError (SQLSTATE, message, DETAIL, HINT), which the choke
 * point raises again unchanged. As in any PG_TRY, the body must not return or break
 * out, and what it sets and the native reads afterwards must be volatile.
 */
#include "jdblink_natives.h"

#define JDBLINK_NATIVE_BEGIN(env) \
	do { \
		JNIEnv	   *jdblink_native_env = (env); \
		MemoryContext jdblink_native_context = CurrentMemoryContext; \
		if (!jdblink_on_main_thread()) \
		{ \
			jdblink_throw_off_main_thread(jdblink_native_env, __func__); \
			break; \
		} \
		PG_TRY(); \
		{

#define JDBLINK_NATIVE_END() \
		} \
		PG_CATCH(); \
		{ \
			jdblink_throw_caught_error(jdblink_native_env, jdblink_native_context); \
		} \
		PG_END_TRY(); \
	} while (0)

/* A native that returns one expression's value, or fallback when that fails. */
#define JDBLINK_NATIVE_VALUE(env, type, fallback, expression) \
	do { \
		volatile type jdblink_native_value = (fallback); \
		JDBLINK_NATIVE_BEGIN(env); \
		jdblink_native_value = (expression); \
		JDBLINK_NATIVE_END(); \
		return jdblink_native_value; \
	} while (0)

extern bool jdblink_register_natives(JNIEnv *env, char **failure);
extern void jdblink_mark_main_thread(void);
extern bool jdblink_on_main_thread(void);
extern void jdblink_throw_off_main_thread(JNIEnv *env, const char *function);
extern void jdblink_throw_caught_error(JNIEnv *env, MemoryContext context);
extern void jdblink_throw_illegal_state(JNIEnv *env, const char *message);
extern jbyteArray jdblink_native_bytes(JNIEnv *env, const char *value);

/* security.c: jdblink.allowed_hosts */
extern void jdblink_define_security_settings(void);

/*
 * calls.c: every call into Java goes through these, one per return kind (kind 'L' for
 * any reference); target is the object of an INSTANCE method, NULL for a STATIC one. After the call a pending Java
 * exception is cleared and raised as a PostgreSQL error; otherwise queued notices are
 * raised. They must be called inside jdblink_with_frame, which owns the local refs.
 * The quiet variant is for cleanup in PG_CATCH: it raises nothing.
 */
extern jvalue jdblink_call(JavaMethodId method, char kind, jobject target,...);
extern void jdblink_call_void_quietly(JavaMethodId method, jobject target,...);

#define jdblink_call_object(method, ...) (jdblink_call((method), 'L', __VA_ARGS__).l)
#define jdblink_call_int(method, ...) (jdblink_call((method), 'I', __VA_ARGS__).i)
#define jdblink_call_void(method, ...) ((void) jdblink_call((method), 'V', __VA_ARGS__))

/* Runs body(arg) with a JNI local frame that is popped however body ends. */
extern void jdblink_with_frame(void (*body) (JNIEnv *env, void *arg), void *arg);

/* text in the database encoding <-> UTF-8 byte[]; NULL <-> null */
extern jbyteArray jdblink_bytes_from_text(JNIEnv *env, text *value);
extern char *jdblink_text_to_java(const char *data, int length);
extern char *jdblink_text_from_java(char *data, int length);
extern char *jdblink_cstring_from_bytes(JNIEnv *env, jbyteArray bytes);
extern Datum jdblink_text_datum(JNIEnv *env, jbyteArray bytes);

/* functions.c: argument conventions shared with cursors_async.c */
extern bool jdblink_arg_is_boolean(FunctionCallInfo fcinfo, int argno);
extern int	jdblink_connection_args(FunctionCallInfo fcinfo, int core,
									text **conname, bool *fail_on_error);
extern void jdblink_prepare_materialize(FunctionCallInfo fcinfo);
extern Datum jdblink_name_to_text(JavaMethodId method, text *name);

/* results.c: a QueryPump's results into the function's tuplestore, shaped by the FROM
 * clause's column definition list, or (jdblink_materialize_as) by the type rowtype;
 * jdblink_materialize_from: the rows of many remotes, each's first column its source */
extern void jdblink_materialize(FunctionCallInfo fcinfo, jobject pump);
extern void jdblink_materialize_as(FunctionCallInfo fcinfo, jobject pump, Oid rowtype);
extern TupleDesc jdblink_result_tupdesc(FunctionCallInfo fcinfo);
extern void jdblink_materialize_from(FunctionCallInfo fcinfo, jobject pump, TupleDesc tupdesc,
									 char **sources, int count);

/* typed_results.c: the remote result's columns against rowtype's attributes */
extern int *jdblink_match_rowtype(TupleDesc tupdesc, Oid rowtype, int columns, const Oid *remote_types);

/* binary_values.c: dblink()'s offer of binary columns, and reading their values */
typedef struct BinaryReader BinaryReader;
extern bool jdblink_binary_offered(Oid type);
extern jintArray jdblink_binary_offer(JNIEnv *env, FunctionCallInfo fcinfo);
extern BinaryReader *jdblink_binary_reader(Oid type, int32 typmod);
extern Datum jdblink_binary_read(BinaryReader *reader, char *data, int length);

/* settings.c: jdblink.binary_transfer */
extern bool jdblink_binary_transfer;

/* calls.c: a C string in the database encoding as a UTF-8 byte[]; NULL <-> null */
extern jbyteArray jdblink_bytes_from_cstring(JNIEnv *env, const char *value);
extern jobjectArray jdblink_new_bytes_array(JNIEnv *env, int length);
extern void jdblink_set_bytes_element(JNIEnv *env, jobjectArray array, int i, const char *value);

/* calls.c: a SQL text argument for Java, as a direct buffer over C memory (no copy in Java) */
extern jobject jdblink_sql_from_text(JNIEnv *env, text *value);

#endif							/* JDBLINK_H */
