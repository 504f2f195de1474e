/*
 * sockets.c: the natives of org.jdblink.bridge.NativeSocket, the sockets a backend's
 * connections and CancelRequests use: non-blocking, close-on-exec, waited on with poll()
 * for at most the time Java gives (a poll interval), so Java checks interrupts between
 * waits as it does everywhere. A signal such as a cancel's SIGINT ends a poll at once.
 *
 * These natives touch no PostgreSQL state and never raise: a failure is returned as
 * -errno, and Java asks strerror0 for its text (which, like userName0, converts text as
 * the server does and is guarded as every other native).
 */
/* struct ucred (SO_PEERCRED) is a GNU extension; PGXS defines this on Linux, the header-only build may not */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include "jdblink.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

JNIEXPORT jint JNICALL
Java_org_jdblink_bridge_NativeSocket_open0(JNIEnv *env, jclass klass, jint family)
{
	int			domain = family == org_jdblink_bridge_NativeSocket_FAMILY_UNIX ? AF_UNIX
		: family == org_jdblink_bridge_NativeSocket_FAMILY_INET6 ? AF_INET6 : AF_INET;
	int			fd = socket(domain, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

	return fd >= 0 ? fd : -errno;
}

/* connect()'s result as Java wants it: 1 connected, 0 in progress, else -errno. */
static jint
connect_result(int fd, const struct sockaddr *address, socklen_t length)
{
	if (connect(fd, address, length) == 0)
		return 1;
	/* interrupted by a signal, the connect goes on as if it were in progress */
	if (errno == EINPROGRESS || errno == EINTR)
		return 0;
	return -errno;
}

JNIEXPORT jint JNICALL
Java_org_jdblink_bridge_NativeSocket_connectUnix0(JNIEnv *env, jclass klass, jint fd, jbyteArray path)
{
	struct sockaddr_un address;
	jsize		length = (*env)->GetArrayLength(env, path);

	if (length >= (jsize) sizeof(address.sun_path))
		return -ENAMETOOLONG;
	memset(&address, 0, sizeof(address));
	address.sun_family = AF_UNIX;
	(*env)->GetByteArrayRegion(env, path, 0, length, (jbyte *) address.sun_path);
	return connect_result(fd, (struct sockaddr *) &address, sizeof(address));
}

JNIEXPORT jint JNICALL
Java_org_jdblink_bridge_NativeSocket_connectInet0(JNIEnv *env, jclass klass, jint fd, jbyteArray bytes,
												  jint port, jint scope_id)
{
	jsize		length = (*env)->GetArrayLength(env, bytes);

	if (length == 4)
	{
		struct sockaddr_in address;

		memset(&address, 0, sizeof(address));
		address.sin_family = AF_INET;
		address.sin_port = htons((uint16) port);
		(*env)->GetByteArrayRegion(env, bytes, 0, 4, (jbyte *) &address.sin_addr);
		return connect_result(fd, (struct sockaddr *) &address, sizeof(address));
	}
	if (length == 16)
	{
		struct sockaddr_in6 address;

		memset(&address, 0, sizeof(address));
		address.sin6_family = AF_INET6;
		address.sin6_port = htons((uint16) port);
		address.sin6_scope_id = (uint32) scope_id;
		(*env)->GetByteArrayRegion(env, bytes, 0, 16, (jbyte *) &address.sin6_addr);
		return connect_result(fd, (struct sockaddr *) &address, sizeof(address));
	}
	return -EAFNOSUPPORT;
}

JNIEXPORT jint JNICALL
Java_org_jdblink_bridge_NativeSocket_finishConnect0(JNIEnv *env, jclass klass, jint fd)
{
	struct pollfd ready = {.fd = fd,.events = POLLOUT};
	int			error = 0;
	socklen_t	length = sizeof(error);

	if (poll(&ready, 1, 0) <= 0)
		return 0;
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) < 0)
		return -errno;
	return error == 0 ? 1 : -error;
}

/*
 * One non-blocking recv (or send) on the bytes of a Java array, which stay where they are
 * for the call (no copy). Bytes moved; 0 when none could be; for recv END_OF_STREAM at
 * the end of the stream; else -errno. send has MSG_NOSIGNAL: a closed peer is an EPIPE
 * here, never a SIGPIPE.
 */
static jint
transfer(JNIEnv *env, jint fd, jbyteArray array, jint offset, jint length, bool sending)
{
	jbyte	   *bytes;
	ssize_t		n;
	int			error;

	if (length == 0)
		return 0;
	bytes = (*env)->GetPrimitiveArrayCritical(env, array, NULL);
	if (bytes == NULL)
		return -ENOMEM;
	do
		n = sending ? send(fd, bytes + offset, length, MSG_DONTWAIT | MSG_NOSIGNAL)
			: recv(fd, bytes + offset, length, MSG_DONTWAIT);
	while (n < 0 && errno == EINTR);
	error = errno;
	(*env)->ReleasePrimitiveArrayCritical(env, array, bytes, sending ? JNI_ABORT : 0);
	if (n > 0)
		return (jint) n;
	if (n == 0)
		return sending ? 0 : org_jdblink_bridge_NativeSocket_END_OF_STREAM;
	return error == EAGAIN || error == EWOULDBLOCK ? 0 : -error;
}

JNIEXPORT jint JNICALL
Java_org_jdblink_bridge_NativeSocket_read0(JNIEnv *env, jclass klass, jint fd, jbyteArray into,
										   jint offset, jint length)
{
	return transfer(env, fd, into, offset, length, false);
}

JNIEXPORT jint JNICALL
Java_org_jdblink_bridge_NativeSocket_write0(JNIEnv *env, jclass klass, jint fd, jbyteArray data,
											jint offset, jint length)
{
	return transfer(env, fd, data, offset, length, true);
}

/*
 * A waiting poll()'s result as Java wants it: 1 when a socket became ready, 0 after the
 * time given or a signal (Java looks at the interrupts, then waits again), else -errno.
 */
static jint
wait_result(int n, int error)
{
	if (n > 0)
		return 1;
	if (n == 0 || error == EINTR)
		return 0;
	return -error;
}

JNIEXPORT jint JNICALL
Java_org_jdblink_bridge_NativeSocket_await0(JNIEnv *env, jclass klass, jint fd, jint what, jint millis)
{
	struct pollfd ready = {.fd = fd,.events = what == org_jdblink_bridge_NativeSocket_AWAIT_READ ? POLLIN : POLLOUT};
	int			n = poll(&ready, 1, millis);

	return wait_result(n, errno);
}

/*
 * Whether the peer has closed its end, without waiting, as postgres_fdw's
 * pgfdw_conn_check (PostgreSQL 18) finds it: POLLRDHUP is set once the peer's FIN has
 * arrived, even while bytes it sent before are unread (a terminated backend's FATAL
 * message); POLLHUP and POLLERR for a connection that broke. Where poll has no POLLRDHUP,
 * a recv that peeks at one byte: 0 means the end of the stream, though only once what
 * came before it has been read.
 */
JNIEXPORT jint JNICALL
Java_org_jdblink_bridge_NativeSocket_closedByPeer0(JNIEnv *env, jclass klass, jint fd)
{
#ifdef POLLRDHUP
	struct pollfd ready = {.fd = fd,.events = POLLRDHUP};
	int			n;

	do
		n = poll(&ready, 1, 0);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	return (ready.revents & (POLLRDHUP | POLLHUP | POLLERR | POLLNVAL)) != 0 ? 1 : 0;
#else
	char		byte;
	ssize_t		n;

	do
		n = recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
	while (n < 0 && errno == EINTR);
	if (n > 0 || (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)))
		return 0;
	/* the end of the stream, or an error such as a reset: the connection is gone */
	return 1;
#endif
}

/*
 * A wait for input on several sockets at once (the connections of jdblink_query_all): one
 * poll() on all of them. The descriptors come as a Java int[]; the pollfd array is
 * calloc'ed, since palloc could raise.
 */
JNIEXPORT jint JNICALL
Java_org_jdblink_bridge_NativeSocket_awaitAnyReadable0(JNIEnv *env, jclass klass, jintArray fds, jint millis)
{
	jsize		count = (*env)->GetArrayLength(env, fds);
	struct pollfd *ready;
	int			n;
	int			error;

	if (count <= 0)
		return -EINVAL;
	ready = calloc(count, sizeof(struct pollfd));
	if (ready == NULL)
		return -ENOMEM;
	for (jsize i = 0; i < count; i++)
	{
		jint		fd;

		(*env)->GetIntArrayRegion(env, fds, i, 1, &fd);
		ready[i].fd = fd;
		ready[i].events = POLLIN;
	}
	n = poll(ready, count, millis);
	error = errno;
	free(ready);
	return wait_result(n, error);
}

JNIEXPORT jint JNICALL
Java_org_jdblink_bridge_NativeSocket_tuneForTcp0(JNIEnv *env, jclass klass, jint fd)
{
	int			on = 1;

	if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on)) < 0 ||
		setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof(on)) < 0)
		return -errno;
	return 0;
}

JNIEXPORT jlong JNICALL
Java_org_jdblink_bridge_NativeSocket_peerUid0(JNIEnv *env, jclass klass, jint fd)
{
	struct ucred peer;
	socklen_t	length = sizeof(peer);

	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &peer, &length) < 0)
		return -errno;
	return (jlong) peer.uid;
}

JNIEXPORT void JNICALL
Java_org_jdblink_bridge_NativeSocket_close0(JNIEnv *env, jclass klass, jint fd)
{
	close(fd);
}

JNIEXPORT jbyteArray JNICALL
Java_org_jdblink_bridge_NativeSocket_strerror0(JNIEnv *env, jclass klass, jint error)
{
	jbyteArray volatile text = NULL;

	JDBLINK_NATIVE_BEGIN(env);
	{
		char		buffer[256];
		const char *message = strerror_r(error, buffer, sizeof(buffer));

		text = jdblink_native_bytes(env, jdblink_text_to_java(message, strlen(message)));
	}
	JDBLINK_NATIVE_END();
	return text;
}

JNIEXPORT jbyteArray JNICALL
Java_org_jdblink_bridge_NativeSocket_userName0(JNIEnv *env, jclass klass, jlong uid)
{
	jbyteArray volatile name = NULL;

	JDBLINK_NATIVE_BEGIN(env);
	{
		struct passwd *entry = getpwuid((uid_t) uid);

		name = jdblink_native_bytes(env, entry ? entry->pw_name : NULL);
	}
	JDBLINK_NATIVE_END();
	return name;
}
