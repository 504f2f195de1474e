/*
 * jvm.c: the backend's Java virtual machine.
 *
 * The JVM is created on the first jdblink call in a regular backend, from the libjvm.so
 * named by jdblink.libjvm_path (dlopen'ed, never linked), with the jar installed under
 * $pkglibdir/jdblink as its class path. A process can create only one JVM: when creation
 * fails the error is remembered and raised again, identically, by every later call,
 * while the rest of the backend keeps working.
 */
#include "jdblink.h"

#include <dlfcn.h>
#include <malloc.h>
#include <signal.h>
#include <unistd.h>
#include <sys/stat.h>

#include "access/parallel.h"
#include "libpq/pqsignal.h"
#include "miscadmin.h"
#include "utils/guc.h"
#include "utils/memutils.h"

/* JDBLINK_JAVA_CLASSES and JDBLINK_JAVA_METHODS, resolved by resolve_java. */
static jclass classes[JAVA_CLASS_COUNT];

static const char *const class_names[JAVA_CLASS_COUNT] = {
#define CLASS_NAME(id, name) name,
	JDBLINK_JAVA_CLASSES(CLASS_NAME)
#undef CLASS_NAME
};

#define BINDING_STATIC true
#define BINDING_INSTANCE false
static JavaMethod methods[JAVA_METHOD_COUNT] = {
#define METHOD(id, owner, binding, name, signature) \
	{JAVA_CLASS_##owner, BINDING_##binding, name, signature, NULL},
	JDBLINK_JAVA_METHODS(METHOD)
#undef METHOD
};

static char *libjvm_path;
static char *jvm_options;

/* The main thread's JNI environment once the JVM runs. */
static JNIEnv *jni;

/* Why the JVM could not be created, raised again by every later call. */
typedef struct StartFailure
{
	int			sqlstate;
	char	   *message;
	char	   *detail;
	char	   *hint;
} StartFailure;

static StartFailure *start_failure;

/*
 * What the JVM printed while being created: the best DETAIL for a failure. A fixed
 * buffer, as the hook must not allocate or raise errors.
 */
static bool creating;
static char creation_output[2048];
static size_t creation_output_len;

#define HINT_LIBJVM "Set jdblink.libjvm_path to the libjvm.so of a Java 17 runtime."
#define HINT_OPTIONS "Check the options in jdblink.jvm_options."
#define HINT_REINSTALL "Reinstall jdblink (make install)."

/* From jdblink_define_settings (settings.c), which guards what was set before. */
void
jdblink_define_jvm_settings(void)
{
	DefineCustomStringVariable("jdblink.libjvm_path",
							   "Path of the libjvm.so that jdblink loads.",
							   "Takes effect when a backend first uses jdblink.",
							   &libjvm_path,
							   JDBLINK_DEFAULT_LIBJVM,
							   PGC_SUSET, 0,
							   NULL, NULL, NULL);
	DefineCustomStringVariable("jdblink.jvm_options",
							   "Extra options for jdblink's Java virtual machine, separated by spaces.",
							   "They come after jdblink's own options, so they can override them (e.g. -Xmx).",
							   &jvm_options,
							   "",
							   PGC_SUSET, 0,
							   NULL, NULL, NULL);
}

/*
 * JVM output goes to the server log (stderr). It may come from any JVM thread, so this
 * uses nothing of PostgreSQL but the capture made on the main thread during creation.
 */
static jint JNICALL
jvm_vfprintf(FILE *stream, const char *format, va_list args)
{
	if (creating && jdblink_on_main_thread())
	{
		va_list		copy;
		int			written;

		va_copy(copy, args);
		written = vsnprintf(creation_output + creation_output_len,
							sizeof(creation_output) - creation_output_len, format, copy);
		va_end(copy);
		if (written > 0)
			creation_output_len = Min(creation_output_len + written, sizeof(creation_output) - 1);
	}
	return vfprintf(stderr, format, args);
}

/*
 * The JVM gives up while being created (e.g. a heap too small): it will exit the process
 * whatever we do, so end the session the PostgreSQL way, which releases this backend's
 * shared state; a bare exit would make the postmaster restart the whole cluster.
 */
static void
end_session_after_failed_creation(void)
{
	while (creation_output_len > 0 && creation_output[creation_output_len - 1] == '\n')
		creation_output_len--;
	creation_output[creation_output_len] = '\0';
	creating = false;
	ereport(FATAL,
			(errcode(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
			 errmsg("could not create the Java virtual machine"),
			 creation_output_len > 0 ? errdetail_internal("%s", creation_output) : 0,
			 errhint("%s", jvm_options && jvm_options[0] ? HINT_OPTIONS : HINT_LIBJVM)));
}

/*
 * The JVM is exiting the process. On the main thread end the session the PostgreSQL way;
 * from another thread nothing can be cleaned up safely, so crash and let the postmaster
 * reinitialize.
 */
static void JNICALL
jvm_exit(jint code)
{
	if (jdblink_on_main_thread())
	{
		if (creating)
			end_session_after_failed_creation();
		ereport(FATAL,
				(errcode(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
				 errmsg("the Java virtual machine of jdblink exited with code %d", (int) code)));
	}
	fprintf(stderr, "jdblink: the Java virtual machine exited with code %d on a non-main thread\n", (int) code);
	abort();
}

/* After a JVM crash (hs_err file written) the process aborts: PostgreSQL will recover. */
static void JNICALL
jvm_abort(void)
{
	if (creating && jdblink_on_main_thread())
		end_session_after_failed_creation();
	fprintf(stderr, "jdblink: the Java virtual machine aborted\n");
}

static void
raise_start_failure(void)
{
	ereport(ERROR,
			(errcode(start_failure->sqlstate),
			 errmsg_internal("%s", start_failure->message),
			 start_failure->detail ? errdetail_internal("%s", start_failure->detail) : 0,
			 start_failure->hint ? errhint("%s", start_failure->hint) : 0));
}

static void
remember_and_raise(int sqlstate, const char *message, const char *detail, const char *hint)
{
	StartFailure *failure = MemoryContextAllocZero(TopMemoryContext, sizeof(StartFailure));

	failure->sqlstate = sqlstate;
	failure->message = MemoryContextStrdup(TopMemoryContext, message);
	failure->detail = detail ? MemoryContextStrdup(TopMemoryContext, detail) : NULL;
	failure->hint = hint ? MemoryContextStrdup(TopMemoryContext, hint) : NULL;
	start_failure = failure;
	raise_start_failure();
}

static void
refuse_outside_regular_backend(void)
{
	if (!IsUnderPostmaster || MyBackendType != B_BACKEND || IsParallelWorker())
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("jdblink functions can only be called in a regular backend process")));
}

static char *
jar_path(void)
{
	return psprintf("%s/jdblink/jdblink.jar", pkglib_path);
}

/*
 * The class-data-sharing archive that `make install` made beside the jar
 * (bridge/archive/make-archive.sh): the classes a session uses, jdblink's and the JDK's,
 * parsed and verified ahead of time and mapped from the file, so that backends share
 * them instead of each building its own. An archive fits one build of the runtime only,
 * so it is named after the libjvm.so it was made for (size and time): after a Java
 * update, or with jdblink.libjvm_path naming another runtime, none is found and the JVM
 * starts without. NULL when there is none.
 */
static char *
archive_path(void)
{
	struct stat libjvm;
	char	   *archive;

	if (stat(libjvm_path, &libjvm) != 0)
		return NULL;
	archive = psprintf("%s/jdblink/jdblink-%lld-%lld.jsa", pkglib_path,
					   (long long) libjvm.st_size, (long long) libjvm.st_mtime);
	return access(archive, R_OK) == 0 ? archive : NULL;
}

static void
add_option(JavaVMOption **options, int *count, int *allocated, char *text, void *extra)
{
	if (*count == *allocated)
	{
		*allocated *= 2;
		*options = repalloc(*options, *allocated * sizeof(JavaVMOption));
	}
	(*options)[*count].optionString = text;
	(*options)[*count].extraInfo = extra;
	(*count)++;
}

/*
 * jdblink's own options first, then jdblink.jvm_options so they can override. The JVM
 * serves one session on one thread and lives as long as the backend: docs/jvm.md gives
 * the reasons for each choice and what it was measured to save.
 */
static JavaVMOption *
build_options(const char *jar, const char *archive, int *count)
{
	int			allocated = 16;
	JavaVMOption *options = palloc(allocated * sizeof(JavaVMOption));
	char	   *user = pstrdup(jvm_options ? jvm_options : "");
	char	   *word;
	char	   *save;

	*count = 0;
	/* the hooks first: they are in effect for the messages about the options below */
	add_option(&options, count, &allocated, "vfprintf", (void *) jvm_vfprintf);
	add_option(&options, count, &allocated, "exit", (void *) jvm_exit);
	add_option(&options, count, &allocated, "abort", (void *) jvm_abort);
	add_option(&options, count, &allocated, psprintf("-Djava.class.path=%s", jar), NULL);
	add_option(&options, count, &allocated, "-Xrs", NULL);
	add_option(&options, count, &allocated, "-Xmx64m", NULL);
	/* a small young generation: what a backend touches of it stays resident (docs/jvm.md) */
	add_option(&options, count, &allocated, "-Xmn4m", NULL);
	add_option(&options, count, &allocated, "-Xss2m", NULL);
	add_option(&options, count, &allocated, "-Xshare:auto", NULL);
	if (archive != NULL)
	{
		add_option(&options, count, &allocated, psprintf("-XX:SharedArchiveFile=%s", archive), NULL);
		/*
		 * At the address make-archive.sh chose at random for this installation: moving
		 * it to another address in every process writes to each of its pages, which then
		 * stop being shared (some 8 MB per backend) and cost a start some 20 ms.
		 */
		add_option(&options, count, &allocated, "-XX:+UnlockDiagnosticVMOptions", NULL);
		add_option(&options, count, &allocated, "-XX:ArchiveRelocationMode=0", NULL);
	}
	add_option(&options, count, &allocated, "-XX:+UseSerialGC", NULL);
	/* the client compiler only, in one thread, and no sweeper thread: see docs/jvm.md */
	add_option(&options, count, &allocated, "-XX:TieredStopAtLevel=1", NULL);
	add_option(&options, count, &allocated, "-XX:CICompilerCount=1", NULL);
	add_option(&options, count, &allocated, "-XX:-MethodFlushing", NULL);
	add_option(&options, count, &allocated, "-XX:-UsePerfData", NULL);
	add_option(&options, count, &allocated, "-XX:+DisableAttachMechanism", NULL);
	/*
	 * The backend's main thread is the process's primordial thread, whose stack HotSpot
	 * believes to be -Xss long: its guard pages would sit inside the depth PostgreSQL
	 * allows (max_stack_depth) and turn deep recursion into a crash. PostgreSQL guards
	 * that stack itself.
	 */
	add_option(&options, count, &allocated, "-XX:+UnlockExperimentalVMOptions", NULL);
	add_option(&options, count, &allocated, "-XX:+DisablePrimordialThreadGuardPages", NULL);
	add_option(&options, count, &allocated,
			   psprintf("-XX:ErrorFile=%s/jdblink_hs_err_pid%%p.log", DataDir), NULL);
	for (word = strtok_r(user, " \t\n", &save); word; word = strtok_r(NULL, " \t\n", &save))
		add_option(&options, count, &allocated, word, NULL);
	return options;
}

/* The text of a pending exception (cleared), for errors raised before our classes work. */
static char *
take_exception_text(JNIEnv *env)
{
	jthrowable	thrown = (*env)->ExceptionOccurred(env);
	jclass		klass;
	jmethodID	to_string;
	jstring		text;
	const char *chars;
	char	   *result;

	if (thrown == NULL)
		return pstrdup("no Java exception");
	(*env)->ExceptionClear(env);
	klass = (*env)->GetObjectClass(env, thrown);
	to_string = (*env)->GetMethodID(env, klass, "toString", "()Ljava/lang/String;");
	text = to_string ? (*env)->CallObjectMethod(env, thrown, to_string) : NULL;
	if ((*env)->ExceptionCheck(env) || text == NULL)
	{
		(*env)->ExceptionClear(env);
		return pstrdup("a Java exception that could not be described");
	}
	chars = (*env)->GetStringUTFChars(env, text, NULL);
	result = pstrdup(chars ? chars : "");
	if (chars)
		(*env)->ReleaseStringUTFChars(env, text, chars);
	return result;
}

/* Resolves every class and method C uses; false (exception pending) if one is missing. */
static bool
resolve_java(JNIEnv *env)
{
	for (int i = 0; i < JAVA_CLASS_COUNT; i++)
	{
		jclass		local = (*env)->FindClass(env, class_names[i]);

		if (local == NULL)
			return false;
		classes[i] = (*env)->NewGlobalRef(env, local);
		(*env)->DeleteLocalRef(env, local);
	}
	for (int i = 0; i < JAVA_METHOD_COUNT; i++)
	{
		JavaMethod *method = &methods[i];
		jclass		owner = classes[method->owner];

		method->id = method->is_static
			? (*env)->GetStaticMethodID(env, owner, method->name, method->signature)
			: (*env)->GetMethodID(env, owner, method->name, method->signature);
		if (method->id == NULL)
			return false;
	}
	return true;
}

jclass
jdblink_class(JavaClassId id)
{
	return classes[id];
}

const JavaMethod *
jdblink_method(JavaMethodId id)
{
	return &methods[id];
}

/* Loads libjvm; a failure here is not remembered, as a corrected setting can retry. */
static void *
load_create_function(void)
{
	void	   *library;
	void	   *create;

	if (libjvm_path == NULL || libjvm_path[0] == '\0')
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_FILE),
				 errmsg("jdblink.libjvm_path is not set"),
				 errhint(HINT_LIBJVM)));
	library = dlopen(libjvm_path, RTLD_NOW | RTLD_GLOBAL);
	if (library == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_FILE),
				 errmsg("could not load Java virtual machine library \"%s\"", libjvm_path),
				 errdetail_internal("%s", dlerror()),
				 errhint(HINT_LIBJVM)));
	create = dlsym(library, "JNI_CreateJavaVM");
	if (create == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_FILE),
				 errmsg("\"%s\" is not a Java virtual machine library", libjvm_path),
				 errdetail("It has no JNI_CreateJavaVM."),
				 errhint(HINT_LIBJVM)));
	return create;
}

static void
start_jvm(void)
{
	jint		(*create) (JavaVM **, void **, void *);
	char	   *jar = jar_path();
	char	   *archive;
	JavaVMInitArgs args;
	JavaVM	   *jvm;
	JNIEnv	   *env;
	sigset_t	saved;
	jint		rc;
	char	   *failure;

	refuse_outside_regular_backend();
	if (access(jar, R_OK) != 0)
		ereport(ERROR,
				(errcode_for_file_access(),
				 errmsg("could not access jdblink's jar \"%s\": %m", jar),
				 errhint(HINT_REINSTALL)));
	create = load_create_function();

	args.version = JNI_VERSION_10;
	archive = archive_path();
	args.options = build_options(jar, archive, &args.nOptions);
	args.ignoreUnrecognized = JNI_FALSE;

#ifdef M_ARENA_MAX
	/*
	 * glibc gives each thread that allocates a malloc arena of its own and keeps what is
	 * freed there: the JIT compiler's thread held 8 MB after a few hundred SCRAM logins
	 * had kept it busy. With one arena, the one the backend uses, freed memory is reused.
	 */
	mallopt(M_ARENA_MAX, 1);
#endif
	/* JVM threads inherit this mask: PostgreSQL's signals stay on the main thread. */
	creation_output_len = 0;
	sigprocmask(SIG_SETMASK, &BlockSig, &saved);
	creating = true;
	rc = create(&jvm, (void **) &env, &args);
	creating = false;
	sigprocmask(SIG_SETMASK, &saved, NULL);

	if (rc != JNI_OK)
	{
		while (creation_output_len > 0 && creation_output[creation_output_len - 1] == '\n')
			creation_output_len--;
		creation_output[creation_output_len] = '\0';
		remember_and_raise(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION,
						   "could not create the Java virtual machine",
						   creation_output_len > 0 ? creation_output
						   : psprintf("JNI_CreateJavaVM returned %d.", (int) rc),
						   jvm_options && jvm_options[0] ? HINT_OPTIONS : HINT_LIBJVM);
	}

	elog(DEBUG1, "jdblink: Java virtual machine created from \"%s\", %s", libjvm_path,
		 archive ? psprintf("class archive \"%s\"", archive) : "no class archive for it");

	if (!resolve_java(env))
	{
		char	   *text = take_exception_text(env);

		remember_and_raise(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION,
						   psprintf("could not load jdblink's Java classes from \"%s\"", jar),
						   text,
						   strstr(text, "UnsupportedClassVersionError") ? HINT_LIBJVM : HINT_REINSTALL);
	}
	if (!jdblink_register_natives(env, &failure))
		remember_and_raise(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION,
						   "could not register jdblink's native methods",
						   failure, HINT_REINSTALL);
	/* not through the choke point: without a session, failures are start failures */
	(*env)->CallStaticVoidMethod(env, classes[JAVA_CLASS_CALLS_FROM_C], methods[JAVA_START].id);
	if ((*env)->ExceptionCheck(env))
		remember_and_raise(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION,
						   "could not start jdblink's Java side",
						   take_exception_text(env), HINT_REINSTALL);
	jni = env;
}

JNIEnv *
jdblink_env(void)
{
	if (jni != NULL)
		return jni;
	if (start_failure != NULL)
		raise_start_failure();
	jdblink_settings_check();
	start_jvm();
	return jni;
}
