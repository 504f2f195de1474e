package org.jdblink.protocol;

import org.jdblink.conninfo.RequireAuth;
import org.jdblink.conninfo.RequireAuth.Mechanism;
import org.jdblink.conninfo.RequireAuth.Request;
import org.jdblink.protocol.ProtocolConstants.Auth;

/**
 * require_auth applied to what the server asks, as libpq's check_expected_areq and
 * pg_SASL_init apply it: a request outside the allowed set, or AuthenticationOk before
 * an exchange the client finished (unless {@code none} is allowed), ends the connection
 * with libpq's text. Checked before anything is answered, so no password leaves the
 * client for a method the user ruled out.
 */
final class RequiredAuthentication {
    private final RequireAuth requirement;

    RequiredAuthentication(RequireAuth requirement) {
        this.requirement = requirement;
    }

    /** Before an Authentication request other than OK is answered. */
    void checkRequest(int code) throws Authenticator.Failure {
        if (!requirement.isSet()) {
            return;
        }
        Request request = request(code);
        if (request == null || !requirement.allows(request)) {
            throw failed(description(code));
        }
    }

    /** At AuthenticationOk: {@code clientFinished} when the client's part of an exchange is done. */
    void checkOk(boolean clientFinished) throws Authenticator.Failure {
        if (requirement.isSet() && requirement.requiresAuthentication() && !clientFinished) {
            throw failed("server did not complete authentication");
        }
    }

    /** libpq 18: the SASL mechanism chosen among the server's must be allowed too. */
    void checkMechanism(String mechanism) throws Authenticator.Failure {
        Mechanism kind = mechanism.startsWith(ChannelBinding.SCRAM) ? Mechanism.SCRAM_SHA_256 : Mechanism.OAUTH;
        if (requirement.isSet() && !requirement.allows(kind)) {
            throw failed("server requested " + mechanism + " authentication");
        }
    }

    private Authenticator.Failure failed(String reason) {
        return new Authenticator.Failure("authentication method requirement \"" + requirement.text() + "\" failed: " + reason);
    }

    private static Request request(int code) {
        return switch (code) {
            case Auth.CLEARTEXT_PASSWORD -> Request.PASSWORD;
            case Auth.MD5_PASSWORD -> Request.MD5;
            case Auth.GSS -> Request.GSS;
            case Auth.GSS_CONTINUE -> Request.GSS_CONTINUE;
            case Auth.SSPI -> Request.SSPI;
            case Auth.SASL -> Request.SASL;
            case Auth.SASL_CONTINUE -> Request.SASL_CONTINUE;
            case Auth.SASL_FINAL -> Request.SASL_FINAL;
            default -> null;
        };
    }

    /** auth_method_description. */
    private static String description(int code) {
        return switch (code) {
            case Auth.CLEARTEXT_PASSWORD -> "server requested a cleartext password";
            case Auth.MD5_PASSWORD -> "server requested a hashed password";
            case Auth.GSS, Auth.GSS_CONTINUE -> "server requested GSSAPI authentication";
            case Auth.SSPI -> "server requested SSPI authentication";
            case Auth.SASL, Auth.SASL_CONTINUE, Auth.SASL_FINAL -> "server requested SASL authentication";
            default -> "server requested an unknown authentication type";
        };
    }
}
