package org.jdblink.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS for a TCP connection per libpq's sslmode: require checks nothing unless a root
 * certificate file exists (then it checks the chain, like verify-ca); verify-ca checks the
 * chain; verify-full also the host name. Failures carry libpq's texts.
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
     * Runs the handshake on a helper thread so this thread can keep polling interrupts
     * (an SSLSocket handshake cannot be resumed after a read timeout).
     */
    static SSLSocket handshake(Socket plain, String host, String sslmode, String rootCert,
                               Interrupts interrupts, long deadlineNanos) throws Failure {
        SSLSocket ssl;
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers(sslmode, rootCert), new SecureRandom());
            ssl = (SSLSocket) context.getSocketFactory().createSocket(plain, host, plain.getPort(), true);
            ssl.setUseClientMode(true);
        } catch (GeneralSecurityException | IOException e) {
            throw new Failure("could not establish SSL connection: " + e.getMessage());
        }
        FutureTask<Void> task = new FutureTask<>(() -> {
            ssl.startHandshake();
            return null;
        });
        Thread worker = new Thread(task, "jdblink-tls-handshake");
        worker.setDaemon(true);
        worker.start();
        while (true) {
            if (interrupts.pending()) {
                closeQuietly(ssl);
                throw new QueryInterruptedException();
            }
            if (deadlineNanos != 0 && System.nanoTime() - deadlineNanos > 0) {
                closeQuietly(ssl);
                throw new Failure("timeout expired");
            }
            try {
                task.get(Interrupts.POLL_MILLIS, TimeUnit.MILLISECONDS);
                break;
            } catch (TimeoutException e) {
                // keep polling
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closeQuietly(ssl);
                throw new QueryInterruptedException();
            } catch (ExecutionException e) {
                closeQuietly(ssl);
                throw new Failure(handshakeText(e.getCause()));
            }
        }
        if (sslmode.equals("verify-full")) {
            checkHostName(ssl, host);
        }
        return ssl;
    }

    private static String handshakeText(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof java.security.cert.CertPathValidatorException
                    || c instanceof java.security.cert.CertPathBuilderException) {
                return "SSL error: certificate verify failed";
            }
        }
        if (t instanceof SSLException) {
            return "SSL error: " + t.getMessage();
        }
        return "SSL SYSCALL error: " + (t instanceof IOException io ? SocketErrors.text(io) : String.valueOf(t));
    }

    private static TrustManager[] trustManagers(String sslmode, String rootCert) throws Failure, GeneralSecurityException {
        boolean verify = sslmode.startsWith("verify");
        Path root = rootCert == null || rootCert.isEmpty() ? defaultRootCert() : Path.of(rootCert);
        boolean rootExists = root != null && Files.isRegularFile(root);
        if (!verify && !rootExists) {
            return new TrustManager[] {new TrustEverything()};
        }
        if (!rootExists) {
            throw new Failure("root certificate file \"" + root + "\" does not exist\n"
                    + "Either provide the file or change sslmode to disable server certificate verification.");
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
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        return tmf.getTrustManagers();
    }

    private static Path defaultRootCert() {
        String home = System.getProperty("user.home");
        return home == null ? null : Path.of(home, ".postgresql", "root.crt");
    }

    /** libpq's verify-full rule: SAN dNSName/iPAddress entries if any, else the CN; "*." wildcards. */
    private static void checkHostName(SSLSocket ssl, String host) throws Failure {
        List<String> names = new ArrayList<>();
        try {
            X509Certificate cert = (X509Certificate) ssl.getSession().getPeerCertificates()[0];
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
            closeQuietly(ssl);
            throw new Failure("could not get server's host name from server certificate");
        }
        for (String name : names) {
            if (matches(name, host)) {
                return;
            }
        }
        closeQuietly(ssl);
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

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // the handshake already failed; nothing more to say
        }
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
