package org.jdblink.protocol;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jdblink.conninfo.ConnInfoException;
import org.jdblink.conninfo.ConnectionSettings;
import org.jdblink.conninfo.HostTarget;
import org.jdblink.conninfo.IntegerOption;
import org.jdblink.conninfo.LibpqChange;
import org.jdblink.conninfo.LoadBalancing;
import org.jdblink.conninfo.RequireAuth;
import org.jdblink.protocol.ProtocolConstants.Auth;
import org.jdblink.protocol.ProtocolConstants.Backend;
import org.jdblink.protocol.ProtocolConstants.Untyped;

/**
 * PQconnectdb's walk over the targets: every address of every host in order, TLS per
 * sslmode, startup, authentication and target_session_attrs. It collects libpq's error
 * text for each failed attempt, so the final failure reads exactly like PQerrorMessage.
 */
final class Connector {
    /** How one connection attempt ended: {@link Connected}, or a {@link Next} step after a failure. */
    sealed interface Outcome permits Connected, Next {}

    /** The attempt produced a connection ready for queries. */
    record Connected(WireState wire) implements Outcome {}

    /** The attempt failed (libpq's text is in {@code errors}); what the walk does next. */
    enum Next implements Outcome { NEXT_ADDRESS, STOP, TOGGLE_SSL }

    private static final String GSSENC_IMPOSSIBLE = "GSSAPI encryption required but was impossible "
            + "(possibly no credential cache, no server support, or using a local socket)";

    /** sun_path of Linux's sockaddr_un holds 108 bytes, the last one the terminating zero. */
    private static final int MAX_SOCKET_PATH_BYTES = 107;

    private final ConnectionSettings settings;
    private final Interrupts interrupts;
    /** Shared by every attempt's sockets; the connection that results goes on with them. */
    private final SocketWaits waits;
    private final TargetPolicy policy;
    private final StringBuilder errors = new StringBuilder();
    private final long timeoutNanos;
    private final String sslmode;
    private final RequireAuth requireAuth;
    private final ScramKeyOptions scramKeys;

    /** {@code settings} come from ConnInfoResolver, which has checked their values. */
    Connector(ConnectionSettings settings, Interrupts interrupts, WaitReporter reporter, TargetPolicy policy) {
        this.settings = settings;
        this.interrupts = interrupts;
        this.waits = new SocketWaits(reporter, WaitReporter.Purpose.CONNECT);
        this.policy = policy;
        this.timeoutNanos = connectTimeoutSeconds(settings.get("connect_timeout")) * 1_000_000_000L;
        String mode = settings.get("sslmode");
        this.sslmode = mode == null || mode.isEmpty() ? "prefer" : mode;
        try {
            this.requireAuth = RequireAuth.parse(settings.get("require_auth"), settings.libpq());
            this.scramKeys = ScramKeyOptions.of(settings);
        } catch (ConnInfoException e) {
            throw new IllegalArgumentException("settings not checked as libpq checks them: " + e.getMessage(), e);
        }
    }

    /**
     * libpq reads the TCP options as it sets up each TCP socket, before connecting: an
     * invalid value fails that address (the next one is tried). keepalives=0 leaves the
     * keepalive settings and tcp_user_timeout unread. Null when all are valid.
     */
    private String tcpOptionError() {
        String keepalives = settings.get("keepalives");
        if (keepalives != null && !keepalives.isEmpty()) {
            try {
                if (IntegerOption.parse(keepalives, "keepalives") == 0) {
                    return null;
                }
            } catch (ConnInfoException e) {
                return e.getMessage();
            }
        }
        for (String keyword : new String[] {"keepalives_idle", "keepalives_interval", "keepalives_count", "tcp_user_timeout"}) {
            String error = optionError(keyword);
            if (error != null) {
                return error;
            }
        }
        return null;
    }

    /** libpq's message when a set integer option does not parse, else null. */
    private String optionError(String keyword) {
        String value = settings.get(keyword);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            IntegerOption.parse(value, keyword);
            return null;
        } catch (ConnInfoException e) {
            return e.getMessage();
        }
    }

    /**
     * libpq: non-positive means no limit, and anything below 2 seconds becomes 2. A value
     * that is no integer is an error on 15 ({@link #attempt}); from 16 on dblink's
     * connections never read it, and jdblink then waits without limit, as for no value.
     */
    private static long connectTimeoutSeconds(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            int t = IntegerOption.parse(value, "connect_timeout");
            return t <= 0 ? 0 : Math.max(t, 2);
        } catch (ConnInfoException notAnInteger) {
            return 0;
        }
    }

    WireState connect() throws PgConnectException {
        String attrs = settings.get("target_session_attrs");
        SessionAttrs wanted = SessionAttrs.parse(attrs == null ? "any" : attrs);
        if (wanted == SessionAttrs.PREFER_STANDBY) {
            WireState s = walkTargets(SessionAttrs.STANDBY);
            return s != null ? s : finish(walkTargets(SessionAttrs.ANY));
        }
        return finish(walkTargets(wanted));
    }

    private WireState finish(WireState s) throws PgConnectException {
        if (s == null) {
            String text = errors.toString();
            throw new PgConnectException(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
        }
        return s;
    }

    /** Tries every target; null when all failed or one failed in a way that ends the walk. */
    private WireState walkTargets(SessionAttrs wanted) {
        for (HostTarget target : settings.targets()) {
            List<SocketAddress> addresses = addresses(target);
            for (SocketAddress address : addresses) {
                policy.check(target, address);
                boolean ssl = !target.unixSocket() && !sslmode.equals("disable") && !sslmode.equals("allow");
                while (true) {
                    Outcome outcome = attempt(target, address, ssl, wanted);
                    if (outcome instanceof Connected c) {
                        return c.wire();
                    }
                    if (outcome == Next.TOGGLE_SSL) {
                        ssl = !ssl;
                        continue;
                    }
                    if (outcome == Next.STOP) {
                        return null;
                    }
                    break;
                }
            }
        }
        return null;
    }

    private List<SocketAddress> addresses(HostTarget target) {
        List<SocketAddress> out = new ArrayList<>();
        if (target.unixSocket()) {
            String path = target.socketPath();
            if (path.getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH_BYTES) {
                // libpq checks before it makes a socket, and goes on with the next host
                errors.append("Unix-domain socket path \"").append(path).append("\" is too long (maximum ")
                        .append(MAX_SOCKET_PATH_BYTES).append(" bytes)\n");
                return out;
            }
            out.add(UnixDomainSocketAddress.of(path));
            return out;
        }
        boolean byAddress = target.byAddress();
        try {
            InetAddress[] found = byAddress ? new InetAddress[] {HostResolver.numeric(target.hostaddr())}
                    : HostResolver.lookup(target.host());
            for (InetAddress a : found) {
                out.add(new InetSocketAddress(a, target.port()));
            }
            LoadBalancing.order(settings.get("load_balance_hosts"), out);
        } catch (UnknownHostException e) {
            errors.append(byAddress ? "could not parse network address \"" + target.hostaddr() + "\": "
                    : "could not translate host name \"" + target.host() + "\" to address: ")
                    .append(e.getMessage()).append('\n');
        }
        return out;
    }

    private void identify(HostTarget target, SocketAddress address) {
        errors.append("connection to ").append(ServerDescription.of(target, address)).append(" failed: ");
    }

    /** One connection attempt; a failure appends libpq's text for it to {@code errors}. */
    private Outcome attempt(HostTarget target, SocketAddress address, boolean ssl, SessionAttrs wanted) {
        long deadline = timeoutNanos == 0 ? 0 : System.nanoTime() + timeoutNanos;
        identify(target, address);
        String badTcpOption = address instanceof UnixDomainSocketAddress ? null : tcpOptionError();
        if (badTcpOption != null) {
            errors.append(badTcpOption).append('\n');
            return Next.NEXT_ADDRESS;
        }
        StreamSocket socket;
        try {
            socket = open(address, deadline);
        } catch (TimeoutExpired e) {
            errors.append("timeout expired\n");
            return Next.NEXT_ADDRESS;
        } catch (IOException e) {
            errors.append(SocketErrors.text(e)).append('\n').append(SocketErrors.notListeningHint(address));
            return Next.NEXT_ADDRESS;
        }
        String badTimeout = LibpqChange.CONNECT_TIMEOUT_UNCHECKED.in(settings.libpq()) ? null : optionError("connect_timeout");
        if (badTimeout != null) {
            // libpq's PQconnectdb reads connect_timeout once the first socket is open, and gives up
            socket.close();
            errors.append(badTimeout).append('\n');
            return Next.STOP;
        }
        String wrongPeer = address instanceof UnixDomainSocketAddress
                ? PeerCredentials.mismatch(socket, settings.get("requirepeer")) : null;
        if (wrongPeer != null) {
            socket.close();
            errors.append(wrongPeer).append('\n');
            return Next.STOP;
        }
        if ("require".equals(settings.get("gssencmode"))) {
            // No GSSAPI here (as libpq without a credential cache): an open socket that
            // cannot be encrypted is refused the way libpq refuses it.
            socket.close();
            errors.append(GSSENC_IMPOSSIBLE).append('\n');
            return Next.STOP;
        }
        WireState wire = null;
        try {
            wire = openWire(socket, target, address, ssl, deadline);
            Next failed = startup(wire, target, deadline);
            if (failed != null) {
                wire.transport.close();
                return failed;
            }
            String mismatch = wanted.mismatch(wire);
            if (mismatch != null) {
                errors.append(mismatch).append('\n');
                wire.transport.close();
                return Next.NEXT_ADDRESS;
            }
            wire.target = target;
            wire.dbname = settings.get("dbname");
            wire.user = settings.get("user");
            return new Connected(wire);
        } catch (Tls.Failure e) {
            abandon(wire, socket);
            errors.append(e.getMessage()).append('\n');
            return sslmode.equals("prefer") && ssl ? Next.TOGGLE_SSL : Next.STOP;
        } catch (TimeoutExpired e) {
            abandon(wire, socket);
            errors.append("timeout expired\n");
            return Next.NEXT_ADDRESS;
        } catch (AttemptFailed e) {
            abandon(wire, socket);
            errors.append(e.getMessage()).append('\n');
            return Next.STOP;
        } catch (IOException e) {
            abandon(wire, socket);
            errors.append("could not send data to server: ").append(SocketErrors.text(e)).append('\n');
            return Next.STOP;
        } catch (QueryInterruptedException e) {
            abandon(wire, socket);
            throw e;
        }
    }

    /** Closes a failed attempt's transport, or only the socket when there is none yet. */
    private static void abandon(WireState wire, StreamSocket socket) {
        if (wire != null) {
            wire.transport.close();
        } else {
            socket.close();
        }
    }

    /** Connects without blocking longer than a poll interval at a time. */
    private StreamSocket open(SocketAddress address, long deadline) throws IOException, TimeoutExpired {
        StreamSocket socket = Sockets.open(address);
        try {
            if (!socket.connect()) {
                while (!socket.finishConnect()) {
                    checkInterruptsAndDeadline(deadline);
                    waits.await(socket, StreamSocket.CONNECT, Interrupts.POLL_MILLIS);
                }
            }
        } catch (IOException | TimeoutExpired | RuntimeException e) {
            socket.close();
            throw e;
        }
        return socket;
    }

    private void checkInterruptsAndDeadline(long deadline) throws TimeoutExpired {
        if (interrupts.pending()) {
            throw new QueryInterruptedException();
        }
        if (deadline != 0 && System.nanoTime() - deadline > 0) {
            throw new TimeoutExpired();
        }
    }

    private WireState openWire(StreamSocket socket, HostTarget target, SocketAddress address, boolean ssl, long deadline)
            throws IOException, Tls.Failure, TimeoutExpired, AttemptFailed {
        CancelTarget cancel = new CancelTarget(address, ServerDescription.of(target, address));
        Charset charset = PgCharsets.forEncoding(settings.get("client_encoding"));
        if (!(address instanceof UnixDomainSocketAddress)) {
            socket.tuneForTcp();
        }
        ConnectionActivity activity = new ConnectionActivity();
        SocketTransport transport = new SocketTransport(socket, interrupts, waits, activity);
        WireState plain = new WireState(transport, false, cancel, waits, charset, activity);
        if (!ssl) {
            return plain;
        }
        if ("direct".equals(settings.get("sslnegotiation"))) {
            // libpq 17: no SSLRequest, and no plaintext to fall back to (sslmode is require or verify-*)
            return encrypted(transport, target, true, cancel, charset, activity, deadline);
        }
        try {
            plain.writer.beginUntyped().int32(Untyped.SSL_REQUEST_CODE).send(plain.transport);
            int answer = readOneByte(plain, deadline);
            if (answer == Untyped.SSL_UNWILLING) {
                if (sslmode.equals("prefer")) {
                    return plain;
                }
                throw new AttemptFailed("server does not support SSL, but SSL was required");
            }
            if (answer != Untyped.SSL_WILLING) {
                throw new AttemptFailed("received invalid response to SSL negotiation: " + (char) answer);
            }
            if (plain.reader.hasBufferedBytes()) {
                throw new AttemptFailed("received unencrypted data after SSL request");
            }
        } catch (IOException | AttemptFailed | TimeoutExpired | RuntimeException e) {
            transport.close();
            throw e;
        }
        return encrypted(transport, target, false, cancel, charset, activity, deadline);
    }

    /** TLS over {@code transport}, after an SSLRequest or ({@code direct}) at once. */
    private WireState encrypted(SocketTransport transport, HostTarget target, boolean direct, CancelTarget cancel,
            Charset charset, ConnectionActivity activity, long deadline) throws Tls.Failure {
        Tls.Established tls = Tls.handshake(transport, target.serverName(), target.port(), sslmode, direct, settings,
                interrupts, deadline);
        WireState wire = new WireState(tls.transport(), true, cancel, waits, charset, activity);
        wire.certificateRequest = tls.certificateRequest();
        return wire;
    }

    private int readOneByte(WireState s, long deadline) throws AttemptFailed, TimeoutExpired {
        try {
            while (true) {
                checkInterruptsAndDeadline(deadline);
                int n = s.reader.fill(s.transport, Interrupts.POLL_MILLIS);
                if (n < 0) {
                    throw new AttemptFailed(WireState.SERVER_CLOSED);
                }
                if (n > 0) {
                    return s.reader.takeByte();
                }
            }
        } catch (IOException e) {
            throw new AttemptFailed("could not receive data from server: " + SocketErrors.text(e));
        }
    }

    /**
     * Sends the startup packet and runs authentication to ReadyForQuery over {@code s}: null
     * on success, else what the walk does next (libpq's text appended to the errors).
     * Package-private for the decoder's fuzz test, which runs it over bytes in memory.
     */
    Next startup(WireState s, HostTarget target, long deadline)
            throws AttemptFailed, TimeoutExpired {
        String user = settings.get("user");
        ProtocolNegotiation protocol = new ProtocolNegotiation(settings);
        try {
            MessageWriter w = s.writer.beginUntyped().int32(protocol.requested());
            param(w, "user", user);
            param(w, "database", settings.get("dbname"));
            param(w, "options", settings.get("options"));
            String app = settings.get("application_name");
            if (app == null || app.isEmpty()) {
                param(w, "application_name", settings.get("fallback_application_name"));
            } else {
                param(w, "application_name", app);
            }
            String encoding = settings.get("client_encoding");
            param(w, "client_encoding", "auto".equalsIgnoreCase(encoding) ? "UTF8" : encoding);
            w.zero().send(s.transport);
        } catch (IOException e) {
            throw new AttemptFailed("could not send startup packet: " + SocketErrors.text(e));
        }
        // an anonymous class, not a lambda: see docs/jvm.md, "No lambdas on the first call's path"
        Supplier<PasswordLookup.Found> password = new Supplier<>() {
            @Override
            public PasswordLookup.Found get() {
                return PasswordLookup.find(settings, target);
            }
        };
        Authenticator auth = new Authenticator(s, user == null ? "" : user, password,
                ChannelBinding.of(settings.get("channel_binding"), s), OAuthBearer.refusal(settings),
                new RequiredAuthentication(requireAuth), scramKeys, interrupts);
        // libpq retries with SSL toggled only for an error before AuthenticationOk (e.g. a
        // failed password); an error after it (no such database or role) is final.
        boolean authenticated = false;
        while (true) {
            try {
                boolean framed = s.receive(Interrupts.POLL_MILLIS);
                // also after every message: a server may send them without end
                checkInterruptsAndDeadline(deadline);
                if (!framed) {
                    continue;
                }
                MessageReader r = s.reader;
                switch (r.type()) {
                    case Backend.AUTHENTICATION -> {
                        int code = r.int32();
                        if (code == Auth.OK) {
                            String certificateFailure = CertificateRequest.requirementFailure(settings, s.certificateRequest);
                            if (certificateFailure != null) {
                                throw new AttemptFailed(certificateFailure);
                            }
                            auth.authenticated();
                            authenticated = true;
                        } else {
                            auth.handle(code);
                        }
                    }
                    case Backend.ERROR_RESPONSE -> {
                        PgError error = s.takeErrorFields();
                        errors.append(ErrorText.format(error, null, true, s.wideColumns()));
                        if (auth.passwordFile() != null && "28P01".equals(error.sqlState())) {
                            errors.append("password retrieved from file \"").append(auth.passwordFile()).append("\"\n");
                        }
                        boolean retry = !authenticated
                                && ((sslmode.equals("prefer") && s.encrypted) || (sslmode.equals("allow") && !s.encrypted));
                        return retry ? Next.TOGGLE_SSL : Next.STOP;
                    }
                    case Backend.BACKEND_KEY_DATA -> {
                        s.backendPid = r.int32();
                        s.cancelKey = protocol.cancelKey(r);
                    }
                    case Backend.PARAMETER_STATUS -> s.takeParameterStatus();
                    case Backend.NEGOTIATE_PROTOCOL_VERSION -> protocol.negotiate(r);
                    case Backend.NOTICE_RESPONSE -> { /* notices during startup are not surfaced */ }
                    case Backend.READY_FOR_QUERY -> {
                        return null;
                    }
                    default -> throw new AttemptFailed("expected authentication request from server, but received " + r.type());
                }
            } catch (Authenticator.Failure e) {
                throw new AttemptFailed(e.getMessage());
            } catch (PgIOException e) {
                throw new AttemptFailed(e.getMessage());
            } catch (IOException e) {
                throw new AttemptFailed("could not send data to server: " + SocketErrors.text(e));
            }
        }
    }

    private static void param(MessageWriter w, String name, String value) {
        if (value != null && !value.isEmpty()) {
            w.cstring(name, StandardCharsets.UTF_8).cstring(value, StandardCharsets.UTF_8);
        }
    }

    /** An attempt failed in a way that ends PQconnectdb (no further hosts are tried). */
    static final class AttemptFailed extends Exception {
        private static final long serialVersionUID = 1L;

        AttemptFailed(String libpqMessage) {
            super(libpqMessage);
        }
    }

    /** connect_timeout ran out for this address; libpq then moves on to the next one. */
    static final class TimeoutExpired extends Exception {
        private static final long serialVersionUID = 1L;
    }
}
