/*
 * calls.c: the one choke point for calls into Java.
 *
 * After every call a pending Java exception is cleared and turned into a PostgreSQL
 * error (see raise_exception); when there is none, the notices Java queued are raised.
 * Nothing here raises an error while Java frames are on the stack: errors are raised
 * only after the JNI call has returned to C.
 */
#include "jdblink.h"

#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"

/* Report kinds written by org.jdblink.bridge.Reports. */
#define REPORT_ERROR		'D'
#define REPORT_INTERRUPTED	'I'
#define REPORT_INTERNAL		'X'
/* queued notices, by the level they are raised at */
#define REPORT_NOTICE		'N'
#define REPORT_WARNING		'W'
#define REPORT_INFO			'F'
#define REPORT_LOG			'L'
#define REPORT_DEBUG		'G'

/* A report decoded from its byte[] form; fields in the database encoding, or NULL. */
typedef struct Report
{
	char		kind;
	char	   *sqlstate;
	char	   *message;
	char	   *detail;
	char	   *hint;
	char	   *context;
	char	   *log_only;
} Report;

/* Reads reports one by one out of a byte[] copied into C memory. */
typedef struct ReportReader
{
	const char *data;
	int			length;
	int			offset;
} ReportReader;

static void raise_exception(JNIEnv *env, jthrowable thrown);

static char *
utf8_to_server(const char *utf8, int length)
{
	char	   *copy = palloc(length + 1);

	memcpy(copy, utf8, length);
	copy[length] = '\0';
	return jdblink_text_from_java(copy, length);
}

/*
 * Text crosses JNI as UTF-8, converted by the server's own routines. A SQL_ASCII
 * database has no encoding to convert from: its bytes cross unchanged (Java reads them as
 * ISO-8859-1, see BackendText), so they reach the remote byte for byte, as with C dblink.
 */
char *
jdblink_text_to_java(const char *data, int length)
{
	if (GetDatabaseEncoding() == PG_SQL_ASCII)
		return unconstify(char *, data);
	return pg_server_to_any(data, length, PG_UTF8);
}

/* The reverse of jdblink_text_to_java; data is NUL-terminated. */
char *
jdblink_text_from_java(char *data, int length)
{
	if (GetDatabaseEncoding() == PG_SQL_ASCII)
		return data;
	return pg_any_to_server(data, length, PG_UTF8);
}

static char *
read_field(ReportReader *reader)
{
	int32		length;
	char	   *value;

	if (reader->offset + (int) sizeof(int32) > reader->length)
		elog(ERROR, "jdblink: truncated report from Java");
	memcpy(&length, reader->data + reader->offset, sizeof(int32));
	reader->offset += sizeof(int32);
	if (length < 0)
		return NULL;
	if (length > reader->length - reader->offset)
		elog(ERROR, "jdblink: truncated report from Java");
	value = utf8_to_server(reader->data + reader->offset, length);
	reader->offset += length;
	return value;
}

static bool
read_report(ReportReader *reader, Report *report)
{
	if (reader->offset >= reader->length)
		return false;
	report->kind = reader->data[reader->offset++];
	report->sqlstate = read_field(reader);
	report->message = read_field(reader);
	report->detail = read_field(reader);
	report->hint = read_field(reader);
	report->context = read_field(reader);
	report->log_only = read_field(reader);
	return true;
}

static ReportReader
reader_for(JNIEnv *env, jbyteArray bytes)
{
	ReportReader reader = {NULL, 0, 0};

	if (bytes != NULL)
	{
		char	   *data;

		reader.length = (*env)->GetArrayLength(env, bytes);
		data = palloc(reader.length);
		(*env)->GetByteArrayRegion(env, bytes, 0, reader.length, (jbyte *) data);
		reader.data = data;
	}
	return reader;
}

/* The SQLSTATE code of five characters [0-9A-Z]; internal_error for anything else. */
static int
sqlstate_code(const char *sqlstate)
{
	if (sqlstate == NULL || strlen(sqlstate) != 5 ||
		strspn(sqlstate, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 5)
		return ERRCODE_INTERNAL_ERROR;
	return MAKE_SQLSTATE(sqlstate[0], sqlstate[1], sqlstate[2], sqlstate[3], sqlstate[4]);
}

/* Raises a report at the given level exactly as Java composed it. */
static void
raise_report(int elevel, const Report *report)
{
	ereport(elevel,
			(errcode(sqlstate_code(report->sqlstate)),
			 errmsg_internal("%s", report->message ? report->message : ""),
			 report->detail ? errdetail_internal("%s", report->detail) : 0,
			 report->hint ? errhint("%s", report->hint) : 0,
			 report->context ? errcontext("%s", report->context) : 0,
			 report->log_only ? errdetail_log("%s", report->log_only) : 0));
}

/*
 * The level of a queued notice's kind. Nothing but these levels: a notice (a remote
 * server's among them) must never end the statement.
 */
static int
notice_level(char kind)
{
	switch (kind)
	{
		case REPORT_WARNING:
			return WARNING;
		case REPORT_INFO:
			return INFO;
		case REPORT_LOG:
			return LOG;
		case REPORT_DEBUG:
			return DEBUG1;
		default:
			return NOTICE;
	}
}

/* Raises the notices Java queued; with quietly, a failure to fetch them is dropped. */
static void
raise_notices(JNIEnv *env, bool quietly)
{
	jbyteArray	bytes;
	jthrowable	thrown;
	ReportReader reader;
	Report		report;

	bytes = (*env)->CallStaticObjectMethod(env, jdblink_class(JAVA_CLASS_CALLS_FROM_C),
										   jdblink_method(JAVA_TAKE_NOTICES)->id);
	if ((thrown = (*env)->ExceptionOccurred(env)) != NULL)
	{
		(*env)->ExceptionClear(env);
		if (quietly)
			return;
		raise_exception(env, thrown);
	}
	reader = reader_for(env, bytes);
	(*env)->DeleteLocalRef(env, bytes);
	while (read_report(&reader, &report))
		raise_report(notice_level(report.kind), &report);
}

/*
 * Java on the main thread believes its stack is -Xss long, wherever PostgreSQL's own
 * frames have brought it: called deep enough it overflows, and describing that in Java
 * would overflow again. Checked with JNI alone.
 */
static bool
is_stack_overflow(JNIEnv *env, jthrowable thrown)
{
	return (*env)->IsInstanceOf(env, thrown, jdblink_class(JAVA_CLASS_STACK_OVERFLOW_ERROR));
}

/* Ends with ERROR (or FATAL, for an interrupt that terminates the backend). */
static void
raise_exception(JNIEnv *env, jthrowable thrown)
{
	jbyteArray	bytes;
	ReportReader reader;
	Report		report;

	if (is_stack_overflow(env, thrown))
		ereport(ERROR,
				(errcode(ERRCODE_STATEMENT_TOO_COMPLEX),
				 errmsg("stack depth limit exceeded"),
				 errdetail("jdblink was called too deeply nested for the Java virtual machine's stack limit (-Xss)."),
				 errhint("Call jdblink functions less deeply nested, or raise -Xss in jdblink.jvm_options.")));
	bytes = (*env)->CallStaticObjectMethod(env, jdblink_class(JAVA_CLASS_CALLS_FROM_C),
										   jdblink_method(JAVA_DESCRIBE)->id, thrown);
	if ((*env)->ExceptionCheck(env) || bytes == NULL)
	{
		(*env)->ExceptionClear(env);
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("jdblink internal error: a Java exception could not be described")));
	}
	reader = reader_for(env, bytes);
	if (!read_report(&reader, &report))
		elog(ERROR, "jdblink: empty report from Java");

	switch (report.kind)
	{
		case REPORT_ERROR:
			raise_report(ERROR, &report);
			break;
		case REPORT_INTERRUPTED:
			/* PostgreSQL raises its own error: cancel, statement timeout, termination. */
			CHECK_FOR_INTERRUPTS();
			ereport(ERROR,
					(errcode(ERRCODE_QUERY_CANCELED),
					 errmsg("canceling statement due to user request")));
			break;
		default:
			ereport(ERROR,
					(errcode(ERRCODE_INTERNAL_ERROR),
					 errmsg("jdblink internal error: %s", report.message ? report.message : "unknown"),
					 report.log_only ? errdetail_log("%s", report.log_only) : 0));
	}
}

/* The choke point proper: what follows every call into Java. */
static void
after_call(JNIEnv *env)
{
	jthrowable	thrown = (*env)->ExceptionOccurred(env);

	if (thrown != NULL)
	{
		(*env)->ExceptionClear(env);
		/* notices queued before the failure were raised before it in dblink too */
		raise_notices(env, true);
		raise_exception(env, thrown);
	}
	raise_notices(env, false);
}

/* What a method returns, from its signature: 'L' for any reference, else the primitive. */
static char
return_kind(const JavaMethod *method)
{
	char		kind = strchr(method->signature, ')')[1];

	return kind == '[' ? 'L' : kind;
}

/* Makes the call: the method must return kind, and target be given for an instance method. */
static jvalue
invoke(JNIEnv *env, JavaMethodId id, char kind, jobject target, va_list args)
{
	const JavaMethod *method = jdblink_method(id);
	jclass		owner = jdblink_class(method->owner);
	jvalue		result;

	if (return_kind(method) != kind || method->is_static != (target == NULL))
		elog(ERROR, "jdblink: Java method %s%s called as %s method returning %c",
			 method->name, method->signature, target == NULL ? "a static" : "an instance", kind);
	result.l = NULL;
	switch (kind)
	{
		case 'L':
			result.l = method->is_static
				? (*env)->CallStaticObjectMethodV(env, owner, method->id, args)
				: (*env)->CallObjectMethodV(env, target, method->id, args);
			break;
		case 'I':
			result.i = method->is_static
				? (*env)->CallStaticIntMethodV(env, owner, method->id, args)
				: (*env)->CallIntMethodV(env, target, method->id, args);
			break;
		case 'V':
			if (method->is_static)
				(*env)->CallStaticVoidMethodV(env, owner, method->id, args);
			else
				(*env)->CallVoidMethodV(env, target, method->id, args);
			break;
	}
	return result;
}

/* Through jdblink_call_object, _int, _void: one of those for every call into Java. */
jvalue
jdblink_call(JavaMethodId method, char kind, jobject target,...)
{
	JNIEnv	   *env = jdblink_env();
	va_list		args;
	jvalue		result;

	va_start(args, target);
	result = invoke(env, method, kind, target, args);
	va_end(args);
	after_call(env);
	return result;
}

/*
 * For cleanup while an error propagates: raises nothing, drops any exception. Notices
 * queued meanwhile (remote ones, as the rest of a query is read) go to the server log:
 * raised later, they would seem to belong to another call.
 */
void
jdblink_call_void_quietly(JavaMethodId method, jobject target,...)
{
	JNIEnv	   *env = jdblink_env();
	va_list		args;

	va_start(args, target);
	invoke(env, method, 'V', target, args);
	va_end(args);
	(*env)->ExceptionClear(env);
	(*env)->CallStaticVoidMethod(env, jdblink_class(JAVA_CLASS_CALLS_FROM_C),
								 jdblink_method(JAVA_LOG_NOTICES)->id);
	(*env)->ExceptionClear(env);
}

void
jdblink_with_frame(void (*body) (JNIEnv *env, void *arg), void *arg)
{
	JNIEnv	   *env = jdblink_env();

	if ((*env)->PushLocalFrame(env, 16) != 0)
	{
		(*env)->ExceptionClear(env);
		ereport(ERROR,
				(errcode(ERRCODE_OUT_OF_MEMORY),
				 errmsg("out of memory"),
				 errdetail("The Java virtual machine could not allocate local references.")));
	}
	PG_TRY();
	{
		body(env, arg);
	}
	PG_FINALLY();
	{
		(*env)->PopLocalFrame(env, NULL);
	}
	PG_END_TRY();
}

/* A failed JNI allocation leaves an OutOfMemoryError pending: raise it. */
static void
check_allocation(JNIEnv *env, void *allocated)
{
	jthrowable	thrown;

	if (allocated != NULL)
		return;
	thrown = (*env)->ExceptionOccurred(env);
	(*env)->ExceptionClear(env);
	if (thrown == NULL)
		ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
	raise_exception(env, thrown);
}

static jbyteArray
bytes_from_server(JNIEnv *env, const char *data, int length)
{
	char	   *utf8 = jdblink_text_to_java(data, length);
	int			utf8_length = (utf8 == data) ? length : (int) strlen(utf8);
	jbyteArray	bytes = (*env)->NewByteArray(env, utf8_length);

	check_allocation(env, bytes);
	(*env)->SetByteArrayRegion(env, bytes, 0, utf8_length, (const jbyte *) utf8);
	if (utf8 != data)
		pfree(utf8);
	return bytes;
}

jbyteArray
jdblink_bytes_from_text(JNIEnv *env, text *value)
{
	if (value == NULL)
		return NULL;
	return bytes_from_server(env, VARDATA_ANY(value), VARSIZE_ANY_EXHDR(value));
}

jbyteArray
jdblink_bytes_from_cstring(JNIEnv *env, const char *value)
{
	return value == NULL ? NULL : bytes_from_server(env, value, strlen(value));
}

/* A byte[][] of the given length, filled by the caller. */
jobjectArray
jdblink_new_bytes_array(JNIEnv *env, int length)
{
	jobjectArray array = (*env)->NewObjectArray(env, length,
												 jdblink_class(JAVA_CLASS_BYTE_ARRAY), NULL);

	if (array == NULL)
	{
		(*env)->ExceptionClear(env);
		ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
	}
	return array;
}

/* Element i of a byte[][]: a C string in the database encoding as UTF-8; NULL <-> null */
void
jdblink_set_bytes_element(JNIEnv *env, jobjectArray array, int i, const char *value)
{
	jbyteArray	bytes = jdblink_bytes_from_cstring(env, value);

	(*env)->SetObjectArrayElement(env, array, i, bytes);
	if (bytes != NULL)
		(*env)->DeleteLocalRef(env, bytes);
}

char *
jdblink_cstring_from_bytes(JNIEnv *env, jbyteArray bytes)
{
	int			length;
	char	   *data;

	if (bytes == NULL)
		return NULL;
	length = (*env)->GetArrayLength(env, bytes);
	data = palloc(length + 1);
	(*env)->GetByteArrayRegion(env, bytes, 0, length, (jbyte *) data);
	data[length] = '\0';
	return jdblink_text_from_java(data, length);
}

/*
 * A SQL text argument, converted as jdblink_bytes_from_text converts text, as a direct
 * buffer over C memory that stays valid for the rest of the call: a text of any size reaches
 * the socket without a Java copy of its size (see QueryText). The argument was detoasted
 * for the call; in a UTF-8 or SQL_ASCII database the buffer is over its very bytes.
 */
jobject
jdblink_sql_from_text(JNIEnv *env, text *value)
{
	const char *data = VARDATA_ANY(value);
	int			length = VARSIZE_ANY_EXHDR(value);
	char	   *converted = jdblink_text_to_java(data, length);
	jobject		buffer;

	if (converted != data)
		length = strlen(converted);
	buffer = (*env)->NewDirectByteBuffer(env, converted, length);
	check_allocation(env, buffer);
	return buffer;
}

/*
 * Natives of HeldQueryText: a copy of a large query text that outlives the SQL call
 * (dblink_send_query's), in malloc'd memory that Java frees when the query ends. No
 * memory gives null.
 */
JNIEXPORT jobject JNICALL
Java_org_jdblink_bridge_HeldQueryText_copy0(JNIEnv *env, jclass klass, jobject original)
{
	jobject volatile buffer = NULL;

	JDBLINK_NATIVE_BEGIN(env);
	{
		const char *data = (*env)->GetDirectBufferAddress(env, original);
		jlong		length = (*env)->GetDirectBufferCapacity(env, original);
		char	   *copy;

		if (data != NULL && length >= 0 && (copy = malloc(length > 0 ? length : 1)) != NULL)
		{
			memcpy(copy, data, length);
			buffer = (*env)->NewDirectByteBuffer(env, copy, length);
			if (buffer == NULL)
				free(copy);
		}
	}
	JDBLINK_NATIVE_END();
	return buffer;
}

JNIEXPORT void JNICALL
Java_org_jdblink_bridge_HeldQueryText_free0(JNIEnv *env, jclass klass, jobject copy)
{
	JDBLINK_NATIVE_BEGIN(env);
	free((*env)->GetDirectBufferAddress(env, copy));
	JDBLINK_NATIVE_END();
}

/* A text result that Java must return: null is a bug in the bridge, not SQL NULL. */
Datum
jdblink_text_datum(JNIEnv *env, jbyteArray bytes)
{
	char	   *value = jdblink_cstring_from_bytes(env, bytes);

	if (value == NULL)
		elog(ERROR, "jdblink: Java returned no text");
	return PointerGetDatum(cstring_to_text(value));
}
