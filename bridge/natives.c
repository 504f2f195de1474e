/*
 * natives.c: the native methods of org.jdblink.bridge.BackendHost.
 *
 * They run on the backend's main thread inside a call from C into Java, so they must
 * not raise PostgreSQL errors (no longjmp over Java frames): anything that could is
 * wrapped, and failures become Java exceptions.
 */
#include "jdblink.h"

#include <pwd.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/syscall.h>

#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/elog.h"

static jbyteArray
raw_bytes(JNIEnv *env, const char *value)
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

/* Environment variables as libpq reads them: now, not at JVM start. */
static jbyteArray JNICALL
native_getenv(JNIEnv *env, jclass klass, jbyteArray name)
{
	jsize		length = (*env)->GetArrayLength(env, name);
	char		buffer[256];

	if (length >= (jsize) sizeof(buffer))
		return NULL;
	(*env)->GetByteArrayRegion(env, name, 0, length, (jbyte *) buffer);
	buffer[length] = '\0';
	return raw_bytes(env, getenv(buffer));
}

/* libpq takes the home directory from the passwd entry of the effective user. */
static jbyteArray JNICALL
native_home_directory(JNIEnv *env, jclass klass)
{
	struct passwd *entry = getpwuid(geteuid());

	return raw_bytes(env, entry ? entry->pw_dir : NULL);
}

/*
 * True when CHECK_FOR_INTERRUPTS() would act on a cancel or termination: Java then
 * stops waiting, cancels the remote query and returns so C can process it.
 */
static jboolean JNICALL
native_interrupt_pending(JNIEnv *env, jclass klass)
{
	return InterruptPending && (QueryCancelPending || ProcDiePending) &&
		INTERRUPTS_CAN_BE_PROCESSED();
}

static void
throw_illegal_state(JNIEnv *env, const char *message)
{
	jclass		exception = (*env)->FindClass(env, "java/lang/IllegalStateException");

	if (exception != NULL)
		(*env)->ThrowNew(env, exception, message);
}

/* The catalog may be read on the backend's main thread only. */
static jboolean JNICALL
native_is_superuser(JNIEnv *env, jclass klass)
{
	MemoryContext context = CurrentMemoryContext;
	volatile bool result = false;
	char	   *volatile failure = NULL;

	if (syscall(SYS_gettid) != getpid())
	{
		throw_illegal_state(env, "superuser() called off the backend's main thread");
		return JNI_FALSE;
	}
	PG_TRY();
	{
		result = superuser();
	}
	PG_CATCH();
	{
		ErrorData  *error;

		MemoryContextSwitchTo(context);
		error = CopyErrorData();
		FlushErrorState();
		failure = error->message;
	}
	PG_END_TRY();
	if (failure != NULL)
	{
		throw_illegal_state(env, failure);
		return JNI_FALSE;
	}
	return result;
}

static jstring JNICALL
native_database_encoding(JNIEnv *env, jclass klass)
{
	/* encoding names are ASCII */
	return (*env)->NewStringUTF(env, GetDatabaseEncodingName());
}

bool
jdblink_register_natives(JNIEnv *env, char **failure)
{
	static JNINativeMethod methods[] = {
		{"getenv0", "([B)[B", (void *) native_getenv},
		{"homeDirectory0", "()[B", (void *) native_home_directory},
		{"interruptPending0", "()Z", (void *) native_interrupt_pending},
		{"isSuperuser0", "()Z", (void *) native_is_superuser},
		{"databaseEncoding0", "()Ljava/lang/String;", (void *) native_database_encoding},
	};
	jclass		host = (*env)->FindClass(env, "org/jdblink/bridge/BackendHost");

	if (host == NULL ||
		(*env)->RegisterNatives(env, host, methods, lengthof(methods)) != JNI_OK)
	{
		(*env)->ExceptionClear(env);
		*failure = pstrdup("org.jdblink.bridge.BackendHost does not match the C bridge.");
		return false;
	}
	(*env)->DeleteLocalRef(env, host);
	return true;
}
