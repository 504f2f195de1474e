package org.jdblink.protocol;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import org.jdblink.conninfo.ConnectionSettings;

/**
 * TLS for a TCP connection per libpq's sslmode: require checks nothing unless a root
 * certificate file exists (then it checks the chain, like verify-ca); verify-ca checks the
 * chain; verify-full also the host name. The roots ({@link TrustRoots}, with revocation
 * lists), the protocol range ({@link TlsVersions}) and a client certificate
 * ({@link CertificateRequest}) are set up in libpq's order. Failures carry libpq's texts.
 */
final class Tls {
    /** The TLS layer could not be set up; the message is libpq's. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String libpqMessage) {
            super(libpqMessage);
        }
    }

    private Tls() {}

    /** The protocol name a direct TLS connection negotiates with ALPN (libpq 17). */
    static final String ALPN_PROTOCOL = "postgresql";

    /** A finished handshake: the transport, and what the server asked of the client's certificate. */
    record Established(TlsTransport transport, CertificateRequest certificateRequest) {}

    /**
     * Sets up TLS over {@code plain} and runs the handshake on this thread, polling
     * interrupts and the connect_timeout deadline; on failure {@code plain} is closed.
     * {@code direct}: the handshake starts right after the connect (sslnegotiation=direct,
     * libpq 17), so the server must agree to ALPN protocol "postgresql"; otherwise the
     * server has answered 'S' to an SSLRequest.
     */
    static Established handshake(SocketTransport plain, String host, int port, String sslmode, boolean direct,
                                 ConnectionSettings settings, Interrupts interrupts, long deadlineNanos) throws Failure {
        TlsVersions versions = new TlsVersions(settings.get("ssl_min_protocol_version"), settings.get("ssl_max_protocol_version"));
        TlsTransport tls;
        CertificateRequest certificateRequest;
        try {
            TrustManager[] trust = TrustRoots.forSettings(sslmode, settings);
            certificateRequest = CertificateRequest.prepare(settings);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {certificateRequest}, trust, new SecureRandom());
            SSLEngine engine = context.createSSLEngine(host, port);
            engine.setUseClientMode(true);
            engine.setEnabledProtocols(versions.enabled());
            if (direct) {
                SSLParameters parameters = engine.getSSLParameters();
                parameters.setApplicationProtocols(new String[] {ALPN_PROTOCOL});
                engine.setSSLParameters(parameters);
            }
            tls = new TlsTransport(plain, engine);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            plain.close();
            throw new Failure("could not establish SSL connection: " + e.getMessage());
        } catch (Failure e) {
            plain.close();
            throw e;
        }
        try {
            tls.handshake(interrupts, deadlineNanos);
        } catch (TlsTransport.HandshakeTimeout e) {
            tls.close();
            throw new Failure("timeout expired");
        } catch (IOException | RuntimeException e) {
            tls.close();
            if (e instanceof QueryInterruptedException q) {
                throw q;
            }
            throw new Failure(handshakeText(e, versions));
        }
        if (direct) {
            checkAlpn(tls);
        }
        if (sslmode.equals("verify-full")) {
            checkHostName(tls, host);
        }
        return new Established(tls, certificateRequest);
    }

    /** A direct TLS connection is only to a server that knows it speaks PostgreSQL inside (libpq 17). */
    private static void checkAlpn(TlsTransport tls) throws Failure {
        String selected = tls.applicationProtocol();
        if (selected == null || selected.isEmpty()) {
            tls.close();
            throw new Failure("direct SSL connection was established without ALPN protocol negotiation extension");
        }
        if (!selected.equals(ALPN_PROTOCOL)) {
            tls.close();
            throw new Failure("SSL connection was established with unexpected ALPN protocol");
        }
    }

    private static String handshakeText(Throwable t, TlsVersions versions) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof java.security.cert.CertPathValidatorException
                    || c instanceof java.security.cert.CertPathBuilderException) {
                return "SSL error: certificate verify failed";
            }
        }
        if (t instanceof SSLException) {
            String versionProblem = versionProblem(t.getMessage());
            return versionProblem != null ? "SSL error: " + versionProblem + "\n" + versions.hint()
                    : "SSL error: " + t.getMessage();
        }
        return "SSL SYSCALL error: " + (t instanceof IOException io ? SocketErrors.text(io) : String.valueOf(t));
    }

    /**
     * OpenSSL's reason for a handshake that failed over the protocol version (libpq then
     * adds a hint naming the range), or null for any other failure.
     */
    private static String versionProblem(String javaMessage) {
        if (javaMessage == null) {
            return null;
        }
        if (javaMessage.contains("protocol_version")) {
            return "tlsv1 alert protocol version"; // the server refused every version offered
        }
        if (javaMessage.startsWith("No appropriate protocol")) {
            return "no protocols available"; // none of the range is enabled here
        }
        if (javaMessage.contains("is not accepted by client preferences")) {
            return "unsupported protocol"; // the server chose a version outside the range
        }
        return null;
    }

    /** libpq's verify-full rule: SAN dNSName/iPAddress entries if any, else the CN; "*." wildcards. */
    private static void checkHostName(TlsTransport ssl, String host) throws Failure {
        List<String> names = new ArrayList<>();
        try {
            X509Certificate cert = (X509Certificate) ssl.session().getPeerCertificates()[0];
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    if (type == 2 || type == 7) {
                        names.add(String.valueOf(san.get(1)));
                    }
                }
            }
            if (names.isEmpty()) {
                for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                    if (rdn.getType().equalsIgnoreCase("CN")) {
                        names.add(String.valueOf(rdn.getValue()));
                    }
                }
            }
        } catch (IOException | GeneralSecurityException | InvalidNameException e) {
            ssl.close();
            throw new Failure("could not get server's host name from server certificate");
        }
        for (String name : names) {
            if (matches(name, host)) {
                return;
            }
        }
        ssl.close();
        if (names.isEmpty()) {
            throw new Failure("could not get server's host name from server certificate");
        }
        String others = names.size() == 1 ? ""
                : " (and " + (names.size() - 1) + " other name" + (names.size() == 2 ? "" : "s") + ")";
        throw new Failure("server certificate for \"" + names.get(0) + "\"" + others
                + " does not match host name \"" + host + "\"");
    }

    private static boolean matches(String pattern, String host) {
        String p = pattern.toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        if (p.startsWith("*.")) {
            int dot = h.indexOf('.');
            return dot > 0 && h.substring(dot).equals(p.substring(1));
        }
        return p.equals(h);
    }
}
