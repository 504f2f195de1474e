/*
 * natives.c: what every native method shares (registration from the generated table,
 * the guard of jdblink.h, exceptions), and the natives of org.jdblink.bridge.JniLocalBackend
 * but allowedHosts0 (security.c).
 *
 * Natives run on the backend's main thread inside a call from C into Java, so they must
 * not raise PostgreSQL errors (no longjmp over Java frames): failures become Java
 * exceptions, which the choke point (calls.c) raises once Java has returned.
 */
#include "jdblink.h"

#include <pwd.h>
#include <stdlib.h>
#include <unistd.h>

#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "storage/fd.h"
#include "storage/procsignal.h"
#include "utils/elog.h"
#include "utils/guc.h"

/* The natives javac -h declared, as jdblink_natives.h lists them. */
typedef struct Native
{
	const char *class_name;		/* JNI form: org/jdblink/... */
	JNINativeMethod method;
} Native;

static const Native natives[] = {
#define NATIVE(class_name, name, signature, function) \
	{class_name, {name, signature, (void *) function}},
	JDBLINK_NATIVE_METHODS(NATIVE)
#undef NATIVE
};

/*
 * Registers every native; false with a failure text when a class is missing or differs
 * from the headers the bridge was compiled with (a jar from another build).
 */
bool
jdblink_register_natives(JNIEnv *env, char **failure)
{
	for (int i = 0; i < lengthof(natives); i++)
	{
		jclass		klass = (*env)->FindClass(env, natives[i].class_name);

		if (klass == NULL || (*env)->RegisterNatives(env, klass, &natives[i].method, 1) != JNI_OK)
		{
			char	   *java_name = pstrdup(natives[i].class_name);

			(*env)->ExceptionClear(env);
			for (char *c = java_name; *c; c++)
				if (*c == '/')
					*c = '.';
			*failure = psprintf("%s.%s%s does not match the C bridge.", java_name,
								natives[i].method.name, natives[i].method.signature);
			return false;
		}
		(*env)->DeleteLocalRef(env, klass);
	}
	return true;
}

/*
 * Only the backend's main thread may touch PostgreSQL (catalog, memory contexts). The
 * mark is set on that thread when the library loads (a backend forked from a postmaster
 * that preloaded the library inherits it); the JVM's threads start without it. A
 * thread-local flag rather than comparing gettid() with getpid(): natives ask on every
 * call, and those are two system calls each time.
 */
static __thread bool is_main_thread;

void
jdblink_mark_main_thread(void)
{
	is_main_thread = true;
}

bool
jdblink_on_main_thread(void)
{
	return is_main_thread;
}

void
jdblink_throw_illegal_state(JNIEnv *env, const char *message)
{
	jclass		exception = (*env)->FindClass(env, "java/lang/IllegalStateException");

	if (exception != NULL)
		(*env)->ThrowNew(env, exception, message);
}

/* JDBLINK_NATIVE_BEGIN's refusal; no PostgreSQL function may run here. */
void
jdblink_throw_off_main_thread(JNIEnv *env, const char *function)
{
	char		message[256];

	snprintf(message, sizeof(message), "%s called off the backend's main thread", function);
	jdblink_throw_illegal_state(env, message);
}

/* The bytes of a C string as they are (no conversion); NULL <-> null. */
jbyteArray
jdblink_native_bytes(JNIEnv *env, const char *value)
{
	jbyteArray	bytes;
	jsize		length;

	if (value == NULL)
		return NULL;
	length = strlen(value);
	bytes = (*env)->NewByteArray(env, length);
	if (bytes != NULL)
		(*env)->SetByteArrayRegion(env, bytes, 0, length, (const jbyte *) value);
	return bytes;
}

/* An ErrorData field converted to UTF-8; a field that does not convert stays as it is. */
static char *
to_utf8_quietly(const char *server_text)
{
	MemoryContext context = CurrentMemoryContext;
	char	   *volatile result = (char *) server_text;

	if (server_text == NULL)
		return NULL;
	PG_TRY();
	{
		result = jdblink_text_to_java(server_text, strlen(server_text));
	}
	PG_CATCH();
	{
		MemoryContextSwitchTo(context);
		FlushErrorState();
	}
	PG_END_TRY();
	return result;
}

/*
 * JDBLINK_NATIVE_END's catch: the error being raised is taken (in the native's memory
 * context) and thrown to Java as a BackendError instead.
 */
void
jdblink_throw_caught_error(JNIEnv *env, MemoryContext context)
{
	ErrorData  *error;
	jobject		thrown;

	MemoryContextSwitchTo(context);
	error = CopyErrorData();
	FlushErrorState();
	thrown = (*env)->NewObject(env, jdblink_class(JAVA_CLASS_BACKEND_ERROR),
							   jdblink_method(JAVA_NEW_BACKEND_ERROR)->id,
							   jdblink_native_bytes(env, unpack_sql_state(error->sqlerrcode)),
							   jdblink_native_bytes(env, to_utf8_quietly(error->message)),
							   jdblink_native_bytes(env, to_utf8_quietly(error->detail)),
							   jdblink_native_bytes(env, to_utf8_quietly(error->hint)));
	if (thrown != NULL)
		(*env)->Throw(env, thrown);
}

/* Environment variables as libpq reads them: now, not at JVM start. */
JNIEXPORT jbyteArray JNICALL
Java_org_jdblink_bridge_JniLocalBackend_getenv0(JNIEnv *env, jclass klass, jbyteArray name)
{
	jbyteArray volatile value = NULL;

	JDBLINK_NATIVE_BEGIN(env);
	{
		jsize		length = (*env)->GetArrayLength(env, name);
		char		buffer[256];

		if (length < (jsize) sizeof(buffer))
		{
			(*env)->GetByteArrayRegion(env, name, 0, length, (jbyte *) buffer);
			buffer[length] = '\0';
			value = jdblink_native_bytes(env, getenv(buffer));
		}
	}
	JDBLINK_NATIVE_END();
	return value;
}

/* libpq takes the home directory from the passwd entry of the effective user. */
JNIEXPORT jbyteArray JNICALL
Java_org_jdblink_bridge_JniLocalBackend_homeDirectory0(JNIEnv *env, jclass klass)
{
	jbyteArray volatile home = NULL;

	JDBLINK_NATIVE_BEGIN(env);
	{
		struct passwd *entry = getpwuid(geteuid());

		home = jdblink_native_bytes(env, entry ? entry->pw_dir : NULL);
	}
	JDBLINK_NATIVE_END();
	return home;
}

/*
 * A ProcSignalBarrier (DROP DATABASE emits one, for every backend to close its files)
 * waits until every backend has absorbed it, which CHECK_FOR_INTERRUPTS() does. A backend
 * waiting in Java for a remote server runs no such check: a DROP DATABASE on the same
 * cluster, sent by this very backend, would wait for it for ever. So each poll for
 * interrupts absorbs a pending barrier, where CHECK_FOR_INTERRUPTS() would.
 */
static bool
absorb_barrier(void)
{
	if (ProcSignalBarrierPending && InterruptHoldoffCount == 0 && CritSectionCount == 0)
		ProcessProcSignalBarrier();
	return true;
}

/*
 * True when CHECK_FOR_INTERRUPTS() would act on a cancel or termination: Java then
 * stops waiting, cancels the remote query and returns so C can process it. Absorbs a
 * pending ProcSignalBarrier first (absorb_barrier).
 */
JNIEXPORT jboolean JNICALL
Java_org_jdblink_bridge_JniLocalBackend_interruptPending0(JNIEnv *env, jclass klass)
{
	JDBLINK_NATIVE_VALUE(env, jboolean, JNI_FALSE,
						 absorb_barrier() &&
						 InterruptPending && (QueryCancelPending || ProcDiePending) &&
						 INTERRUPTS_CAN_BE_PROCESSED());
}

/*
 * True when the pending interrupt is a termination (pg_terminate_backend, shutdown):
 * the backend is about to exit, so Java only sends the remote query a CancelRequest
 * and does not wait for it to be acknowledged.
 */
JNIEXPORT jboolean JNICALL
Java_org_jdblink_bridge_JniLocalBackend_terminationPending0(JNIEnv *env, jclass klass)
{
	JDBLINK_NATIVE_VALUE(env, jboolean, JNI_FALSE,
						 InterruptPending && ProcDiePending && INTERRUPTS_CAN_BE_PROCESSED());
}

/*
 * The running server's version number, not the headers' PG_VERSION_NUM: the magic block
 * only guarantees the same major version, and minor releases change dblink too.
 */
JNIEXPORT jint JNICALL
Java_org_jdblink_bridge_JniLocalBackend_hostVersionNum0(JNIEnv *env, jclass klass)
{
	JDBLINK_NATIVE_VALUE(env, jint, 0,
						 strtol(GetConfigOption("server_version_num", false, false), NULL, 10));
}

/*
 * A remote connection's socket counts against the backend's share of
 * max_files_per_process, as dblink's do (libpqsrv_connect_prepare): Java asks before each
 * connection and gives it back when the connection is closed.
 */
JNIEXPORT jboolean JNICALL
Java_org_jdblink_bridge_JniLocalBackend_acquireExternalFd0(JNIEnv *env, jclass klass)
{
	JDBLINK_NATIVE_VALUE(env, jboolean, JNI_FALSE, AcquireExternalFD());
}

JNIEXPORT void JNICALL
Java_org_jdblink_bridge_JniLocalBackend_releaseExternalFd0(JNIEnv *env, jclass klass)
{
	JDBLINK_NATIVE_BEGIN(env);
	ReleaseExternalFD();
	JDBLINK_NATIVE_END();
}

JNIEXPORT jboolean JNICALL
Java_org_jdblink_bridge_JniLocalBackend_isSuperuser0(JNIEnv *env, jclass klass)
{
	JDBLINK_NATIVE_VALUE(env, jboolean, JNI_FALSE, superuser());
}

/*
 * The SCRAM keys of the session's own login (18), for use_scram_passthrough: ClientKey
 * then ServerKey in one array, or null when the session has none.
 */
JNIEXPORT jbyteArray JNICALL
Java_org_jdblink_bridge_JniLocalBackend_scramKeys0(JNIEnv *env, jclass klass)
{
	jbyteArray volatile keys = NULL;

	JDBLINK_NATIVE_BEGIN(env);
	{
		const uint8 *client_key;
		const uint8 *server_key;
		int			length = jdblink_session_scram_keys(&client_key, &server_key);

		if (length > 0)
			keys = (*env)->NewByteArray(env, 2 * length);
		if (keys != NULL)
		{
			(*env)->SetByteArrayRegion(env, keys, 0, length, (const jbyte *) client_key);
			(*env)->SetByteArrayRegion(env, keys, length, length, (const jbyte *) server_key);
		}
	}
	JDBLINK_NATIVE_END();
	return keys;
}

JNIEXPORT jstring JNICALL
Java_org_jdblink_bridge_JniLocalBackend_databaseEncoding0(JNIEnv *env, jclass klass)
{
	/* encoding names are ASCII */
	JDBLINK_NATIVE_VALUE(env, jstring, NULL, (*env)->NewStringUTF(env, GetDatabaseEncodingName()));
}
