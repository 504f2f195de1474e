package org.jdblink.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertPathValidator;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.jdblink.conninfo.ConnectionSettings;

/**
 * TLS for a TCP connection per libpq's sslmode: require checks nothing unless a root
 * certificate file exists (then it checks the chain, like verify-ca); verify-ca checks the
 * chain; verify-full also the host name. Revocation lists ({@link Revocation}), the
 * protocol range ({@link TlsVersions}) and a client certificate ({@link ClientCertificate})
 * are set up in libpq's order. Failures carry libpq's texts.
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

    /**
     * Sets up TLS over {@code plain} (the server has answered 'S' to the SSLRequest) and
     * runs the handshake on this thread, polling interrupts and the connect_timeout
     * deadline; on failure {@code plain} is closed.
     */
    static TlsTransport handshake(ChannelTransport plain, String host, int port, String sslmode, ConnectionSettings settings,
                                  Interrupts interrupts, long deadlineNanos) throws Failure {
        TlsVersions versions = new TlsVersions(settings.get("ssl_min_protocol_version"), settings.get("ssl_max_protocol_version"));
        TlsTransport tls;
        try {
            TrustManager[] trust = trustManagers(sslmode, settings);
            ClientCertificate client = ClientCertificate.load(settings);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(client == null ? null : new KeyManager[] {client}, trust, new SecureRandom());
            SSLEngine engine = context.createSSLEngine(host, port);
            engine.setUseClientMode(true);
            engine.setEnabledProtocols(versions.enabled());
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
        if (sslmode.equals("verify-full")) {
            checkHostName(tls, host);
        }
        return tls;
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

    private static TrustManager[] trustManagers(String sslmode, ConnectionSettings settings) throws Failure, GeneralSecurityException {
        boolean verify = sslmode.startsWith("verify");
        String home = settings.homeDirectory();
        Path root = TlsFiles.of(settings.get("sslrootcert"), "root.crt", home);
        boolean rootExists = root != null && Files.exists(root);
        if (!verify && !rootExists) {
            return new TrustManager[] {new TrustEverything()};
        }
        if (!rootExists) {
            String advice = "\nEither provide the file or change sslmode to disable server certificate verification.";
            throw new Failure(root == null ? "could not get home directory to locate root certificate file" + advice
                    : "root certificate file \"" + root + "\" does not exist" + advice);
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try (InputStream in = Files.newInputStream(root)) {
            store.load(null, null);
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            int i = 0;
            for (Certificate c : certs) {
                store.setCertificateEntry("root" + i++, c);
            }
        } catch (IOException e) {
            throw new Failure("could not read root certificate file \"" + root + "\": " + e.getMessage());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        CertStore crls = Revocation.crls(settings.get("sslcrl"), settings.get("sslcrldir"), home);
        if (crls == null) {
            tmf.init(store);
        } else {
            tmf.init(new CertPathTrustManagerParameters(revocationChecking(store, crls)));
        }
        return tmf.getTrustManagers();
    }

    /** Chain validation that needs every certificate's CRL (never OCSP, never a download). */
    private static PKIXBuilderParameters revocationChecking(KeyStore roots, CertStore crls) throws GeneralSecurityException {
        PKIXBuilderParameters parameters = new PKIXBuilderParameters(roots, new X509CertSelector());
        PKIXRevocationChecker checker = (PKIXRevocationChecker) CertPathValidator.getInstance("PKIX").getRevocationChecker();
        checker.setOptions(EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS, PKIXRevocationChecker.Option.NO_FALLBACK));
        parameters.addCertStore(crls);
        parameters.addCertPathChecker(checker);
        parameters.setRevocationEnabled(true);
        return parameters;
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

    /** sslmode=require without a root certificate: encrypt, but check nothing (as libpq). */
    private static final class TrustEverything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // a client never checks client certificates
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // deliberately unchecked: that is what sslmode=require means without a root certificate
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
