package org.jdblink.protocol;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.jdblink.conninfo.ConnectionSettings;

/**
 * The client side of the server's certificate request during a TLS handshake, as libpq's
 * certificate callback sees it (libpq 16, sslcertmode): whether the server asked for a
 * certificate, and whether one was sent. With sslcertmode=disable none is loaded or sent;
 * with sslcertmode=require authentication fails unless one was asked for and sent
 * ({@link #requirementFailure}). Before 16 (no sslcertmode) a certificate is offered as
 * with allow.
 */
final class CertificateRequest extends X509ExtendedKeyManager {
    private final ClientCertificate certificate;
    private boolean requested;
    private boolean sent;

    private CertificateRequest(ClientCertificate certificate) {
        this.certificate = certificate;
    }

    /** The certificate to offer per sslcertmode (none for disable), with nothing asked yet. */
    static CertificateRequest prepare(ConnectionSettings settings) throws Tls.Failure {
        return new CertificateRequest("disable".equals(settings.get("sslcertmode")) ? null : ClientCertificate.load(settings));
    }

    /**
     * libpq's check of sslcertmode=require once the server accepted the client: null when
     * satisfied. {@code request} is null for a connection without TLS (nothing was asked).
     */
    static String requirementFailure(ConnectionSettings settings, CertificateRequest request) {
        if (!"require".equals(settings.get("sslcertmode"))) {
            return null;
        }
        if (request == null || !request.requested) {
            return "server did not request an SSL certificate";
        }
        return request.sent ? null : "server accepted connection without a valid SSL certificate";
    }

    private String answer(String... keyTypes) {
        requested = true;
        String alias = certificate == null ? null : certificate.aliasFor(keyTypes);
        sent = alias != null;
        return alias;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return answer(keyTypes);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return answer(keyTypes);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        String alias = certificate == null ? null : certificate.aliasFor(keyType);
        return alias == null ? new String[0] : new String[] {alias};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return certificate == null ? null : certificate.chain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return certificate == null ? null : certificate.key(alias);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return new String[0];
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
