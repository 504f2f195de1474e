/*
 * wait_events.c: the natives of org.jdblink.bridge.JniLocalBackend that report what Java
 * waits for while it blocks on the network, so that pg_stat_activity shows it
 * (docs/troubleshooting.md). The waits are C dblink 17's under jdblink's names, each
 * registered once per backend, when a connection first needs it, on PostgreSQL 17 and
 * later; before 17 all are the one event a module has (compat.h). A CancelRequest waits
 * as C dblink 17's does, as Client / ClientRead.
 */
#include "jdblink.h"

#include "utils/wait_event.h"

/* A wait of JniLocalBackend's WAIT_ codes. */
typedef struct RemoteWait
{
	const char *name;			/* the event a module registers; NULL for a built-in one */
	uint32		event;			/* the wait_event_info to report; 0 until prepared */
} RemoteWait;

static RemoteWait waits[] = {
	[org_jdblink_bridge_JniLocalBackend_WAIT_CONNECT] = {"JdblinkConnect", 0},
	[org_jdblink_bridge_JniLocalBackend_WAIT_GET_CONNECT] = {"JdblinkGetConnect", 0},
	[org_jdblink_bridge_JniLocalBackend_WAIT_GET_RESULT] = {"JdblinkGetResult", 0},
	[org_jdblink_bridge_JniLocalBackend_WAIT_CANCEL] = {NULL, WAIT_EVENT_CLIENT_READ},
};

/* The wait of a code, or NULL (IllegalStateException pending) for a code C does not know. */
static RemoteWait *
wait_of(JNIEnv *env, jint code)
{
	if (code < 0 || code >= lengthof(waits))
	{
		jdblink_throw_illegal_state(env, "unknown wait code");
		return NULL;
	}
	return &waits[code];
}

/* Registering may fail (17+: too many custom wait events); Java calls it before any wait. */
JNIEXPORT void JNICALL
Java_org_jdblink_bridge_JniLocalBackend_prepareWait0(JNIEnv *env, jclass klass, jint code)
{
	JDBLINK_NATIVE_BEGIN(env);
	{
		RemoteWait *wait = wait_of(env, code);

		if (wait != NULL && wait->event == 0)
			wait->event = jdblink_extension_wait_event(wait->name);
	}
	JDBLINK_NATIVE_END();
}

JNIEXPORT void JNICALL
Java_org_jdblink_bridge_JniLocalBackend_waitStarted0(JNIEnv *env, jclass klass, jint code)
{
	JDBLINK_NATIVE_BEGIN(env);
	{
		RemoteWait *wait = wait_of(env, code);

		if (wait != NULL)
		{
			Assert(wait->event != 0);
			pgstat_report_wait_start(wait->event);
		}
	}
	JDBLINK_NATIVE_END();
}

JNIEXPORT void JNICALL
Java_org_jdblink_bridge_JniLocalBackend_waitEnded0(JNIEnv *env, jclass klass)
{
	JDBLINK_NATIVE_BEGIN(env);
	pgstat_report_wait_end();
	JDBLINK_NATIVE_END();
}
