/*
 * jdblink.h: what the parts of the C bridge share.
 *
 * jvm.c      JVM settings, loading libjvm, creating the JVM, class and method IDs
 * settings.c defining the settings so that values non-superusers gave do not survive
 * calls.c    the one choke point for calls into Java; text <-> byte[]; reports
 * natives.c  native methods of org.jdblink.bridge.BackendHost
 * results.c  dblink(): batches from the Java sink into a tuplestore
 * functions.c the SQL-callable functions
 * buildsql.c dblink_get_pkey, dblink_build_sql_*, dblink_current_query
 * cursors_async.c  dblink_open … dblink_get_notify
 */
#ifndef JDBLINK_H
#define JDBLINK_H

#include "postgres.h"
#include "fmgr.h"

#include <jni.h>

/* Classes and methods of org.jdblink.bridge that C calls; resolved once. */
typedef struct JdblinkJava
{
	jclass		entry;
	jmethodID	start;
	jmethodID	connect;
	jmethodID	disconnect;
	jmethodID	connection_names;
	jmethodID	error_message;
	jmethodID	exec;
	jmethodID	query;
	jmethodID	take_notices;
	jmethodID	describe;
	jmethodID	validate_fdw_options;

	jclass		query_pump;
	jmethodID	pump;
	jmethodID	close;

	/* dblink_build_sql_*: Entry.buildSql and the BuildSqlCall it returns */
	jmethodID	build_sql;
	jclass		build_sql_call;
	jmethodID	source_row_query;
	jmethodID	statement;
	jclass		byte_array;

	/* recognized without calling Java, which would overflow again */
	jclass		stack_overflow_error;
} JdblinkJava;

extern JdblinkJava jdblink_java;

/* jvm.c: the JNI environment of this backend, creating the JVM on first use. */
extern JNIEnv *jdblink_env(void);
extern void jdblink_define_jvm_settings(void);

/* settings.c: defining the settings so that no non-superuser's value survives */
extern void jdblink_define_settings(void);
extern void jdblink_settings_check(void);

/*
 * natives.c: the natives of BackendHost, and what every native shares. Natives run
 * inside a Java call: they never raise; failures become pending Java exceptions.
 */
extern bool jdblink_register_natives(JNIEnv *env, char **failure);
extern bool jdblink_register_class_natives(JNIEnv *env, const char *class_name,
										   const JNINativeMethod *methods, int count,
										   char **failure);
extern bool jdblink_on_main_thread(void);
extern jbyteArray jdblink_native_bytes(JNIEnv *env, const char *value);
extern void jdblink_throw_illegal_state(JNIEnv *env, const char *message);

/* catalog.c: foreign servers (natives of CatalogServers) */
extern bool jdblink_register_catalog_natives(JNIEnv *env, char **failure);

/* security.c: jdblink.allowed_hosts */
extern void jdblink_define_security_settings(void);
extern bool jdblink_register_security_natives(JNIEnv *env, char **failure);

/*
 * calls.c: every call into Java goes through these. After the call a pending Java
 * exception is cleared and raised as a PostgreSQL error; otherwise queued notices are
 * raised. They must be called inside jdblink_with_frame, which owns the local refs.
 * The quiet variant is for cleanup in PG_CATCH: it raises nothing.
 */
extern jobject jdblink_call_static_object(jmethodID method,...);
extern jobject jdblink_call_object(jobject target, jmethodID method,...);
extern void jdblink_call_void_quietly(jobject target, jmethodID method,...);

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
extern Datum jdblink_name_to_text(jmethodID method, text *name);

/* results.c */
extern void jdblink_materialize(FunctionCallInfo fcinfo, jobject pump);
extern bool jdblink_register_results_natives(JNIEnv *env, char **failure);

/* calls.c: a C string in the database encoding as a UTF-8 byte[]; NULL <-> null */
extern jbyteArray jdblink_bytes_from_cstring(JNIEnv *env, const char *value);

/* calls.c: a SQL text argument for Java, as a direct buffer over C memory (no copy in Java) */
extern jobject jdblink_sql_from_text(JNIEnv *env, text *value);
extern bool jdblink_register_held_text_natives(JNIEnv *env, char **failure);

#endif							/* JDBLINK_H */
