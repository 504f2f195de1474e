package org.jdblink.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.EnumSet;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.jdblink.conninfo.ConnectionSettings;
import org.jdblink.conninfo.LibpqChange;
import org.jdblink.conninfo.SystemRootCertificates;

/**
 * What the server's certificate is checked against, per libpq: the root certificate file
 * (sslrootcert, default ~/.postgresql/root.crt) with its revocation lists when the file
 * exists; from libpq 16 {@code sslrootcert=system}, the system's trusted roots (for
 * jdblink the Java runtime's default trust store: {@code javax.net.ssl.trustStore} or the
 * runtime's cacerts), without revocation lists, as libpq loads none with them; nothing
 * at all when there is no file and sslmode does not verify.
 */
final class TrustRoots {
    private TrustRoots() {}

    static TrustManager[] forSettings(String sslmode, ConnectionSettings settings) throws Tls.Failure, GeneralSecurityException {
        if (SystemRootCertificates.named(settings.libpq(), settings.get("sslrootcert"))) {
            return systemRoots();
        }
        String home = settings.homeDirectory();
        Path root = TlsFiles.of(settings.get("sslrootcert"), "root.crt", home);
        boolean rootExists = root != null && Files.exists(root);
        if (!sslmode.startsWith("verify") && !rootExists) {
            return new TrustManager[] {new TrustEverything()};
        }
        if (!rootExists) {
            String advice = LibpqChange.SYSTEM_ROOT_CERTIFICATES.in(settings.libpq())
                    ? "\nEither provide the file, use the system's trusted roots with sslrootcert=system, "
                            + "or change sslmode to disable server certificate verification."
                    : "\nEither provide the file or change sslmode to disable server certificate verification.";
            throw new Tls.Failure(root == null ? "could not get home directory to locate root certificate file" + advice
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
            throw new Tls.Failure("could not read root certificate file \"" + root + "\": " + e.getMessage());
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

    /** The Java runtime's default trust store, as its own TLS would use it. */
    private static TrustManager[] systemRoots() throws Tls.Failure {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init((KeyStore) null);
            return tmf.getTrustManagers();
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new Tls.Failure("could not load system root certificate paths: " + e.getMessage());
        }
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
