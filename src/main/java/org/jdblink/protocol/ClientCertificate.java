package org.jdblink.protocol;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Collection;
import org.jdblink.conninfo.ConnectionSettings;

/**
 * The client certificate libpq offers: sslcert (default ~/.postgresql/postgresql.crt;
 * a missing file means no certificate) with the key from sslkey (default
 * ~/.postgresql/postgresql.key), which must be a regular file no group or others may
 * read (0640 allowed when root owns it) and is decrypted with sslpassword. Failures carry
 * libpq's texts with OpenSSL's reasons.
 */
final class ClientCertificate {
    private static final String ALIAS = "client";
    /** libpq's mode test: group/other bits for non-root files; for root-owned ones group read is allowed. */
    private static final int GROUP_OR_OTHER = 0077;
    private static final int ROOT_OWNED_FORBIDDEN = 0037;

    private final X509Certificate[] chain;
    private final PrivateKey key;

    private ClientCertificate(X509Certificate[] chain, PrivateKey key) {
        this.chain = chain;
        this.key = key;
    }

    /** The certificate to offer, or null when there is none to send. */
    static ClientCertificate load(ConnectionSettings settings) throws Tls.Failure {
        String home = settings.homeDirectory();
        Path certFile = TlsFiles.of(settings.get("sslcert"), "postgresql.crt", home);
        if (certFile == null) {
            return null;
        }
        BasicFileAttributes certAttributes;
        try {
            certAttributes = Files.readAttributes(certFile, BasicFileAttributes.class);
        } catch (NoSuchFileException | NotDirectoryException e) {
            return null;
        } catch (IOException e) {
            throw new Tls.Failure("could not open certificate file \"" + certFile + "\": " + reason(e));
        }
        byte[] certBytes;
        try {
            certBytes = certAttributes.isRegularFile() ? Files.readAllBytes(certFile) : new byte[0];
        } catch (IOException e) {
            throw new Tls.Failure("could not read certificate file \"" + certFile + "\": " + reason(e));
        }
        X509Certificate[] chain = certificates(certBytes);
        if (chain.length == 0) {
            throw new Tls.Failure("could not read certificate file \"" + certFile + "\": no start line");
        }
        String sslkey = settings.get("sslkey");
        if (sslkey != null && sslkey.indexOf(':') >= 0) {
            // libpq reads "engine:key" through an OpenSSL engine; there are none here
            throw new Tls.Failure("could not load SSL engine \"" + sslkey.substring(0, sslkey.indexOf(':'))
                    + "\": could not load the shared library");
        }
        Path keyFile = TlsFiles.of(sslkey, "postgresql.key", home);
        if (keyFile == null) {
            throw new Tls.Failure("certificate does not match private key file \"\": no private key assigned");
        }
        PrivateKey key = readKey(keyFile, settings.get("sslpassword"));
        checkPair(chain[0].getPublicKey(), key, keyFile);
        return new ClientCertificate(chain, key);
    }

    private static X509Certificate[] certificates(byte[] content) {
        try {
            Collection<? extends Certificate> certs =
                    CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(content));
            return certs.toArray(new X509Certificate[0]);
        } catch (GeneralSecurityException | RuntimeException e) {
            return new X509Certificate[0];
        }
    }

    private static PrivateKey readKey(Path file, String password) throws Tls.Failure {
        BasicFileAttributes attributes;
        int mode;
        int owner;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
            mode = (Integer) Files.getAttribute(file, "unix:mode");
            owner = (Integer) Files.getAttribute(file, "unix:uid");
        } catch (NoSuchFileException e) {
            throw new Tls.Failure("certificate present, but not private key file \"" + file + "\"");
        } catch (IOException e) {
            throw new Tls.Failure("could not stat private key file \"" + file + "\": " + reason(e));
        }
        if (!attributes.isRegularFile()) {
            throw new Tls.Failure("private key file \"" + file + "\" is not a regular file");
        }
        if ((mode & (owner == 0 ? ROOT_OWNED_FORBIDDEN : GROUP_OR_OTHER)) != 0) {
            throw new Tls.Failure("private key file \"" + file + "\" has group or world access; file must have "
                    + "permissions u=rw (0600) or less if owned by the current user, or permissions u=rw,g=r (0640) "
                    + "or less if owned by root");
        }
        try {
            return PrivateKeyFile.read(Files.readAllBytes(file), password);
        } catch (IOException e) {
            throw new Tls.Failure("could not load private key file \"" + file + "\": " + reason(e));
        } catch (PrivateKeyFile.Unreadable e) {
            throw new Tls.Failure("could not load private key file \"" + file + "\": " + e.getMessage());
        }
    }

    /** strerror's words for a failed file operation (Java puts the path in the message). */
    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof NotDirectoryException) {
            return "Not a directory";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return SocketErrors.text(e);
    }

    /**
     * OpenSSL (as libpq 15 uses it) rejects a key of the certificate's type that does not
     * belong to it when loading the key, and a key of another type when checking the pair.
     */
    private static void checkPair(PublicKey certKey, PrivateKey key, Path keyFile) throws Tls.Failure {
        if (!family(certKey.getAlgorithm()).equals(family(key.getAlgorithm()))) {
            throw new Tls.Failure("certificate does not match private key file \"" + keyFile + "\": no certificate assigned");
        }
        if (!belongTogether(certKey, key)) {
            throw new Tls.Failure("could not load private key file \"" + keyFile + "\": key values mismatch");
        }
    }

    private static String family(String algorithm) {
        return algorithm.startsWith("Ed") ? "EdDSA" : algorithm.equals("RSASSA-PSS") ? "RSA" : algorithm;
    }

    private static boolean belongTogether(PublicKey certKey, PrivateKey key) {
        if (certKey instanceof RSAPublicKey pub && key instanceof RSAPrivateCrtKey priv) {
            return pub.getModulus().equals(priv.getModulus()) && pub.getPublicExponent().equals(priv.getPublicExponent());
        }
        String algorithm = switch (family(key.getAlgorithm())) {
            case "EC" -> "SHA256withECDSA";
            case "EdDSA" -> "EdDSA";
            case "DSA" -> "SHA256withDSA";
            default -> null;
        };
        if (algorithm == null) {
            return true; // no cheap test; the server's verification is the check
        }
        try {
            byte[] probe = "jdblink key pair probe".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The alias under which this certificate is offered for a handshake whose acceptable
     * key types are {@code keyTypes}, or null: it is offered whenever its key type suits,
     * whatever issuers the server names (as OpenSSL).
     */
    String aliasFor(String... keyTypes) {
        String mine = family(key.getAlgorithm());
        for (String type : keyTypes) {
            if (type != null && family(type).equals(mine)) {
                return ALIAS;
            }
        }
        return null;
    }

    /** The certificate chain offered under {@code alias}, or null for any other alias. */
    X509Certificate[] chain(String alias) {
        return ALIAS.equals(alias) ? chain.clone() : null;
    }

    /** The private key of the certificate offered under {@code alias}, or null. */
    PrivateKey key(String alias) {
        return ALIAS.equals(alias) ? key : null;
    }
}
