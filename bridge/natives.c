/*
 * natives.c: the native methods of org.jdblink.bridge.JniLocalBackend.
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

/*
 * Helpers for every native (here, catalog.c, security.c): none of them raises a
 * PostgreSQL error; a failure leaves a Java exception pending.
 */

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
	return jdblink_native_bytes(env, getenv(buffer));
}

/* libpq takes the home directory from the passwd entry of the effective user. */
static jbyteArray JNICALL
native_home_directory(JNIEnv *env, jclass klass)
{
	struct passwd *entry = getpwuid(geteuid());

	return jdblink_native_bytes(env, entry ? entry->pw_dir : NULL);
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

/*
 * True when the pending interrupt is a termination (pg_terminate_backend, shutdown):
 * the backend is about to exit, so Java only sends the remote query a CancelRequest
 * and does not wait for it to be acknowledged.
 */
static jboolean JNICALL
native_termination_pending(JNIEnv *env, jclass klass)
{
	return InterruptPending && ProcDiePending && INTERRUPTS_CAN_BE_PROCESSED();
}

void
jdblink_throw_illegal_state(JNIEnv *env, const char *message)
{
	jclass		exception = (*env)->FindClass(env, "java/lang/IllegalStateException");

	if (exception != NULL)
		(*env)->ThrowNew(env, exception, message);
}

/* Only the backend's main thread may touch PostgreSQL (catalog, memory contexts). */
bool
jdblink_on_main_thread(void)
{
	return syscall(SYS_gettid) == getpid();
}

/*
 * Registers natives of the class named in JNI form (org/jdblink/...); false with a
 * failure text when the class is missing or its native declarations differ.
 */
bool
jdblink_register_class_natives(JNIEnv *env, const char *class_name,
							   const JNINativeMethod *methods, int count, char **failure)
{
	jclass		klass = (*env)->FindClass(env, class_name);

	if (klass == NULL || (*env)->RegisterNatives(env, klass, methods, count) != JNI_OK)
	{
		char	   *java_name = pstrdup(class_name);

		(*env)->ExceptionClear(env);
		for (char *c = java_name; *c; c++)
			if (*c == '/')
				*c = '.';
		*failure = psprintf("%s does not match the C bridge.", java_name);
		return false;
	}
	(*env)->DeleteLocalRef(env, klass);
	return true;
}

/* The catalog may be read on the backend's main thread only. */
static jboolean JNICALL
native_is_superuser(JNIEnv *env, jclass klass)
{
	MemoryContext context = CurrentMemoryContext;
	volatile bool result = false;
	char	   *volatile failure = NULL;

	if (!jdblink_on_main_thread())
	{
		jdblink_throw_illegal_state(env, "superuser() called off the backend's main thread");
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
		jdblink_throw_illegal_state(env, failure);
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
		{"terminationPending0", "()Z", (void *) native_termination_pending},
		{"isSuperuser0", "()Z", (void *) native_is_superuser},
		{"databaseEncoding0", "()Ljava/lang/String;", (void *) native_database_encoding},
	};

	return jdblink_register_class_natives(env, "org/jdblink/bridge/JniLocalBackend",
										  methods, lengthof(methods), failure);
}
