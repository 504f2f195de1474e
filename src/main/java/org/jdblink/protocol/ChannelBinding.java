package org.jdblink.protocol;

import com.ongres.scram.common.util.TlsServerEndpoint;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.jdblink.protocol.ProtocolConstants.Auth;

/**
 * libpq 15's channel_binding: with TLS, SCRAM-SHA-256-PLUS (tls-server-end-point) is
 * chosen whenever the server offers it unless the option is "disable"; with "require"
 * only a SCRAM exchange that was channel-bound may authenticate the session, and no
 * other authentication request is answered. Failures carry libpq's texts.
 */
final class ChannelBinding {
    static final String SCRAM = "SCRAM-SHA-256";
    static final String SCRAM_PLUS = "SCRAM-SHA-256-PLUS";
    static final String TYPE = TlsServerEndpoint.TLS_SERVER_END_POINT;

    private final String mode;
    private final SSLSession tls;

    /** {@code tls} is the connection's TLS session, or null when the session is not encrypted. */
    private ChannelBinding(String mode, SSLSession tls) {
        this.mode = mode == null || mode.isEmpty() ? "prefer" : mode;
        this.tls = tls;
    }

    static ChannelBinding of(String mode, WireState wire) {
        return new ChannelBinding(mode, wire.transport instanceof TlsTransport t ? t.session() : null);
    }

    boolean required() {
        return mode.equals("require");
    }

    /**
     * check_expected_areq: with require, only SASL requests are answered and
     * AuthenticationOk counts only after a channel-bound SCRAM exchange.
     */
    void checkRequest(int code, boolean boundExchangeDone) throws Authenticator.Failure {
        if (!required()) {
            return;
        }
        if (code == Auth.OK) {
            if (!boundExchangeDone) {
                throw new Authenticator.Failure("channel binding required, but server authenticated client without channel binding");
            }
        } else if (!Authenticator.isSasl(code)) {
            throw new Authenticator.Failure("channel binding required but not supported by server's authentication request");
        }
    }

    /** pg_SASL_init's choice among the server's mechanisms, with its refusals. */
    String choose(List<String> offered) throws Authenticator.Failure {
        if (required() && tls == null) {
            throw new Authenticator.Failure("channel binding required, but SSL not in use");
        }
        String selected = null;
        for (String mechanism : offered) {
            if (mechanism.equals(SCRAM_PLUS)) {
                if (tls == null) {
                    throw new Authenticator.Failure("server offered SCRAM-SHA-256-PLUS authentication over a non-SSL connection");
                }
                if (!mode.equals("disable")) {
                    selected = SCRAM_PLUS;
                }
            } else if (mechanism.equals(SCRAM) && selected == null) {
                selected = SCRAM;
            }
        }
        if (selected == null) {
            throw new Authenticator.Failure("none of the server's SASL authentication mechanisms are supported");
        }
        return selected;
    }

    /**
     * pg_SASL_init's refusal of the chosen mechanism when binding is required and it does
     * not bind; after {@link #choose}, once require_auth has accepted the mechanism.
     */
    void checkChosen(String selected) throws Authenticator.Failure {
        if (required() && !selected.equals(SCRAM_PLUS)) {
            throw new Authenticator.Failure("channel binding is required, but server did not offer an authentication "
                    + "method that supports channel binding");
        }
    }

    /**
     * Whether the client-first message says "the client supports channel binding" (the
     * GS2 flag y or p): over TLS unless disabled, as libpq built with OpenSSL.
     */
    boolean clientSupportsBinding() {
        return tls != null && !mode.equals("disable");
    }

    /**
     * tls-server-end-point data: the hash of the server certificate's DER with the hash of
     * its signature algorithm (SHA-256 for MD5 and SHA-1), as libpq computes it.
     */
    byte[] serverEndPoint() throws Authenticator.Failure {
        try {
            Certificate[] peer = tls.getPeerCertificates();
            return TlsServerEndpoint.getChannelBindingData((X509Certificate) peer[0]);
        } catch (SSLPeerUnverifiedException | CertificateEncodingException | RuntimeException e) {
            throw new Authenticator.Failure("could not determine server certificate signature algorithm");
        }
    }
}
