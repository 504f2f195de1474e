package org.jdblink.protocol;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CRL;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * sslcrl / sslcrldir as libpq 15 with OpenSSL reads them once a root certificate is in
 * use. The file (sslcrl, else ~/.postgresql/root.crl when neither is set) must load, or
 * revocation is silently not checked at all; a directory (sslcrldir) always switches
 * checking on, its CRLs found under OpenSSL's hashed names (HASH.rN). Once checking is on,
 * every certificate of the server's chain needs a CRL from its issuer, and a revoked or
 * uncovered certificate fails verification (X509_V_FLAG_CRL_CHECK | CRL_CHECK_ALL).
 */
final class Revocation {
    /** The names OpenSSL's directory lookup reads CRLs from (X509_LOOKUP_hash_dir). */
    private static final Pattern HASHED_CRL_NAME = Pattern.compile("[0-9a-f]{8}\\.r[0-9]+");

    private Revocation() {}

    /** The CRLs to check against, or null when libpq would not check revocation. */
    static CertStore crls(String sslcrl, String sslcrldir, String homeDirectory) throws GeneralSecurityException {
        boolean fileGiven = sslcrl != null && !sslcrl.isEmpty();
        boolean dirGiven = sslcrldir != null && !sslcrldir.isEmpty();
        Path file = fileGiven || !dirGiven ? TlsFiles.of(sslcrl, "root.crl", homeDirectory) : null;
        List<CRL> crls = new ArrayList<>();
        if (file != null && !readFile(file, crls)) {
            return null;
        }
        if (dirGiven) {
            readDirectory(Path.of(sslcrldir), crls);
        } else if (file == null) {
            return null;
        }
        return CertStore.getInstance("Collection", new CollectionCertStoreParameters(crls));
    }

    /**
     * OpenSSL's X509_load_cert_crl_file: true when the file held at least one CRL or
     * certificate (certificates count, though only CRLs matter here).
     */
    private static boolean readFile(Path file, List<CRL> into) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            return false;
        }
        int before = into.size();
        into.addAll(parse(content));
        return into.size() > before || containsCertificate(content);
    }

    private static void readDirectory(Path dir, List<CRL> into) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (HASHED_CRL_NAME.matcher(entry.getFileName().toString()).matches()) {
                    try {
                        into.addAll(parse(Files.readAllBytes(entry)));
                    } catch (IOException e) {
                        // an unreadable entry covers nothing, as for OpenSSL's lookup
                    }
                }
            }
        } catch (IOException e) {
            // a missing directory covers nothing: checking stays on and fails, as with OpenSSL
        }
    }

    private static Collection<? extends CRL> parse(byte[] content) {
        try (InputStream in = new ByteArrayInputStream(content)) {
            return CertificateFactory.getInstance("X.509").generateCRLs(in);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return List.of();
        }
    }

    private static boolean containsCertificate(byte[] content) {
        try (InputStream in = new ByteArrayInputStream(content)) {
            return !CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty();
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
