/*
 * security.c: jdblink.allowed_hosts, the superuser's list of places connections may go
 * (beyond C dblink; see docs/settings.md). C only holds the setting; Java parses it at
 * every connect and checks each address before anything is sent to it.
 */
#include "jdblink.h"

#include "mb/pg_wchar.h"
#include "utils/guc.h"

static char *allowed_hosts = NULL;

/* From jdblink_define_settings (settings.c), before the jdblink prefix is reserved. */
void
jdblink_define_security_settings(void)
{
	DefineCustomStringVariable("jdblink.allowed_hosts",
							   "Hosts, addresses, CIDR ranges and socket directories jdblink may connect to.",
							   "Comma-separated, each optionally with :port. Empty allows every target.",
							   &allowed_hosts,
							   "",
							   PGC_SUSET, 0,
							   NULL, NULL, NULL);
}

/* JniLocalBackend.allowedHosts0: the setting as UTF-8, read now; never raises. */
static jbyteArray JNICALL
native_allowed_hosts(JNIEnv *env, jclass klass)
{
	MemoryContext context = CurrentMemoryContext;
	const char *value = allowed_hosts ? allowed_hosts : "";
	char	   *volatile utf8 = NULL;

	PG_TRY();
	{
		utf8 = jdblink_text_to_java(value, strlen(value));
	}
	PG_CATCH();
	{
		MemoryContextSwitchTo(context);
		FlushErrorState();
	}
	PG_END_TRY();
	if (utf8 == NULL)
	{
		jdblink_throw_illegal_state(env, "jdblink.allowed_hosts could not be converted to UTF-8");
		return NULL;
	}
	return jdblink_native_bytes(env, utf8);
}

bool
jdblink_register_security_natives(JNIEnv *env, char **failure)
{
	static JNINativeMethod methods[] = {
		{"allowedHosts0", "()[B", (void *) native_allowed_hosts},
	};

	return jdblink_register_class_natives(env, "org/jdblink/bridge/JniLocalBackend",
										  methods, lengthof(methods), failure);
}
