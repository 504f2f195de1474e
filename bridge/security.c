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

/* JniLocalBackend.allowedHosts0: the setting as UTF-8, read now. */
JNIEXPORT jbyteArray JNICALL
Java_org_jdblink_bridge_JniLocalBackend_allowedHosts0(JNIEnv *env, jclass klass)
{
	jbyteArray volatile utf8 = NULL;

	JDBLINK_NATIVE_BEGIN(env);
	{
		const char *value = allowed_hosts ? allowed_hosts : "";

		utf8 = jdblink_native_bytes(env, jdblink_text_to_java(value, strlen(value)));
	}
	JDBLINK_NATIVE_END();
	return utf8;
}
