package org.jdblink.protocol;

import com.ongres.scram.client.ScramClient;
import com.ongres.scram.common.StringPreparation;
import com.ongres.scram.common.exception.ScramException;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdblink.protocol.ProtocolConstants.Auth;
import org.jdblink.protocol.ProtocolConstants.Frontend;

/**
 * Answers AuthenticationRequest messages: cleartext, md5, SCRAM-SHA-256 and, over TLS,
 * SCRAM-SHA-256-PLUS as {@link ChannelBinding} decides; OAuth is refused
 * ({@link OAuthBearer}). Failures carry libpq's text.
 */
final class Authenticator {
    /** libpq's client nonce: 18 random bytes, base64. */
    private static final int NONCE_BYTES = 18;

    /** An authentication step failed on the client side; the message is libpq's. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String libpqMessage) {
            super(libpqMessage);
        }
    }

    private final WireState wire;
    private final String user;
    private final Supplier<PasswordLookup.Found> passwordSource;
    private final ChannelBinding binding;
    /** Why a server asking for OAuth is refused; null when the host's libpq has no OAuth. */
    private final String oauthRefusal;
    private final Interrupts interrupts;
    private String mechanism;
    private ScramClient scram;
    private String clientNonce;
    private boolean scramVerified;
    private PasswordLookup.Found password;

    Authenticator(WireState wire, String user, Supplier<PasswordLookup.Found> passwordSource, ChannelBinding binding,
            String oauthRefusal, Interrupts interrupts) {
        this.wire = wire;
        this.user = user;
        this.passwordSource = passwordSource;
        this.binding = binding;
        this.oauthRefusal = oauthRefusal;
        this.interrupts = interrupts;
    }

    static boolean isSasl(int code) {
        return code == Auth.SASL || code == Auth.SASL_CONTINUE || code == Auth.SASL_FINAL;
    }

    /** AuthenticationOk arrived: refused when channel binding was required but did not happen. */
    void authenticated() throws Failure {
        binding.checkRequest(Auth.OK, scramVerified && scram.getScramMechanism().isPlus());
    }

    /** The password-file path when the password used came from there, else null. */
    String passwordFile() {
        return password == null ? null : password.fromFile();
    }

    /** Handles the body of one Authentication message whose code is not OK. */
    void handle(int code) throws Failure, IOException {
        binding.checkRequest(code, false);
        MessageReader r = wire.reader;
        switch (code) {
            case Auth.CLEARTEXT_PASSWORD -> {
                String pw = password();
                wire.writer.begin(Frontend.PASSWORD_MESSAGE).cstring(pw, wire.charset()).send(wire.transport);
            }
            case Auth.MD5_PASSWORD -> {
                byte[] salt = new byte[4];
                for (int i = 0; i < 4; i++) {
                    salt[i] = (byte) r.byte1();
                }
                String pw = password();
                wire.writer.begin(Frontend.PASSWORD_MESSAGE).cstring(md5Response(pw, user, salt), StandardCharsets.US_ASCII).send(wire.transport);
            }
            case Auth.SASL -> startScram(r);
            case Auth.SASL_CONTINUE -> continueScram(r);
            case Auth.SASL_FINAL -> finishScram(r);
            case Auth.GSS, Auth.GSS_CONTINUE -> throw new Failure("GSSAPI authentication not supported");
            case Auth.SSPI -> throw new Failure("SSPI authentication not supported");
            case Auth.KERBEROS_V5 -> throw new Failure("Kerberos 5 authentication not supported");
            default -> throw new Failure("authentication method " + code + " not supported");
        }
    }

    private String password() throws Failure {
        wire.passwordUsed = true;
        password = passwordSource.get();
        if (password == null) {
            throw new Failure("fe_sendauth: no password supplied");
        }
        return password.password();
    }

    private void startScram(MessageReader r) throws Failure, IOException {
        List<String> mechanisms = new ArrayList<>();
        for (String m = r.cstring(StandardCharsets.UTF_8); !m.isEmpty(); m = r.cstring(StandardCharsets.UTF_8)) {
            mechanisms.add(m);
        }
        if (oauthRefusal != null && OAuthBearer.chosenFrom(mechanisms)) {
            throw new Failure(oauthRefusal);
        }
        mechanism = binding.choose(mechanisms);
        String pw = password();
        byte[] nonce = new byte[NONCE_BYTES];
        new SecureRandom().nextBytes(nonce);
        clientNonce = Base64.getEncoder().encodeToString(nonce);
        scram = scramClient(credentials -> credentials.password(pw.toCharArray()));
        byte[] first = scram.clientFirstMessage().toString().getBytes(StandardCharsets.UTF_8);
        wire.writer.begin(Frontend.PASSWORD_MESSAGE).cstring(mechanism, StandardCharsets.US_ASCII).int32(first.length).bytes(first)
                .send(wire.transport);
    }

    private void continueScram(MessageReader r) throws Failure, IOException {
        if (scram == null) {
            throw new Failure("malformed SCRAM message (unexpected continue)");
        }
        String serverFirst = r.remainder(StandardCharsets.UTF_8);
        ScramServerMessages.ServerFirst parsed = ScramServerMessages.serverFirst(serverFirst, clientNonce);
        // The iteration count is the server's to choose: compute the salted password
        // here, where it can be interrupted, and let a client built on it do the rest.
        byte[] prepared = new String(StringPreparation.POSTGRESQL_PREPARATION.normalize(password.password().toCharArray()))
                .getBytes(StandardCharsets.UTF_8);
        byte[] salted = SaltedPassword.compute(prepared, parsed.salt(), parsed.iterations(), interrupts);
        scram = scramClient(credentials -> credentials.saltedPassword(salted));
        scram.clientFirstMessage();
        try {
            scram.serverFirstMessage(serverFirst);
        } catch (ScramException e) {
            throw new Failure("malformed SCRAM message (" + e.getMessage() + ")");
        }
        byte[] fin = scram.clientFinalMessage().toString().getBytes(StandardCharsets.UTF_8);
        wire.writer.begin(Frontend.PASSWORD_MESSAGE).bytes(fin).send(wire.transport);
    }

    private void finishScram(MessageReader r) throws Failure {
        if (scram == null) {
            throw new Failure("malformed SCRAM message (unexpected final)");
        }
        String serverFinal = r.remainder(StandardCharsets.UTF_8);
        ScramServerMessages.serverFinal(serverFinal);
        try {
            scram.serverFinalMessage(serverFinal);
            scramVerified = true;
        } catch (ScramException e) {
            throw new Failure("incorrect server signature");
        }
    }

    /**
     * A client for the chosen mechanism with this exchange's nonce and channel binding, so
     * that a client built anew with other {@code credentials} continues the same exchange.
     */
    private ScramClient scramClient(Function<ScramClient.PasswordBuildStage, ScramClient.FinalBuildStage> credentials)
            throws Failure {
        ScramClient.FinalBuildStage builder = credentials
                .apply(ScramClient.builder().advertisedMechanisms(List.of(mechanism)).username("*"))
                .stringPreparation(StringPreparation.POSTGRESQL_PREPARATION)
                .nonceSupplier(() -> clientNonce);
        if (mechanism.equals(ChannelBinding.SCRAM_PLUS)) {
            builder.channelBinding(ChannelBinding.TYPE, binding.serverEndPoint());
        } else if (binding.clientSupportsBinding()) {
            // GS2 flag "y" (client could bind, server did not offer it): no binding data is
            // sent, but the library picks that flag only when given some.
            builder.channelBinding(ChannelBinding.TYPE, new byte[1]);
        }
        return builder.build();
    }

    /** "md5" + hex(md5(hex(md5(password + user)) + salt)), as PostgreSQL expects. */
    static String md5Response(String password, String user, byte[] salt) {
        Charset utf8 = StandardCharsets.UTF_8;
        HexFormat hex = HexFormat.of();
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            md.update(password.getBytes(utf8));
            md.update(user.getBytes(utf8));
            String inner = hex.formatHex(md.digest());
            md.update(inner.getBytes(StandardCharsets.US_ASCII));
            md.update(salt);
            return "md5" + hex.formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java runtime", e);
        }
    }
}
