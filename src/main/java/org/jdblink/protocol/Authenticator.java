package org.jdblink.protocol;

import com.ongres.scram.client.ScramClient;
import com.ongres.scram.common.ScramFunctions;
import com.ongres.scram.common.ScramMechanism;
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
import org.jdblink.conninfo.ScramKeyOption;
import org.jdblink.protocol.ProtocolConstants.Auth;
import org.jdblink.protocol.ProtocolConstants.Frontend;

/**
 * Answers AuthenticationRequest messages: cleartext, md5, SCRAM-SHA-256 and, over TLS,
 * SCRAM-SHA-256-PLUS as {@link ChannelBinding} decides; SCRAM with a password or with the
 * keys of {@link ScramKeyOptions}; OAuth is refused ({@link OAuthBearer}). Every request is
 * first checked against require_auth ({@link RequiredAuthentication}), then against
 * channel_binding. Failures carry libpq's text.
 */
final class Authenticator {
    /** libpq's client nonce: 18 random bytes, base64. */
    private static final int NONCE_BYTES = 18;
    /** The client-first-message does not depend on the credentials: a client built on these writes it. */
    private static final byte[] NO_KEY = new byte[ScramKeyOption.KEY_LENGTH];

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
    private final RequiredAuthentication required;
    private final ScramKeyOptions keys;
    private final Interrupts interrupts;
    private String mechanism;
    private ScramClient scram;
    private String clientNonce;
    private boolean scramVerified;
    /** libpq's client_finished_auth: a password was sent, or the server's SCRAM signature checked. */
    private boolean clientFinished;
    private PasswordLookup.Found password;

    Authenticator(WireState wire, String user, Supplier<PasswordLookup.Found> passwordSource, ChannelBinding binding,
            String oauthRefusal, RequiredAuthentication required, ScramKeyOptions keys, Interrupts interrupts) {
        this.wire = wire;
        this.user = user;
        this.passwordSource = passwordSource;
        this.binding = binding;
        this.oauthRefusal = oauthRefusal;
        this.required = required;
        this.keys = keys;
        this.interrupts = interrupts;
    }

    static boolean isSasl(int code) {
        return code == Auth.SASL || code == Auth.SASL_CONTINUE || code == Auth.SASL_FINAL;
    }

    /**
     * AuthenticationOk arrived: refused when require_auth wanted an exchange the client
     * did not finish, or channel binding was required but did not happen.
     */
    void authenticated() throws Failure {
        required.checkOk(clientFinished);
        binding.checkRequest(Auth.OK, scramVerified && scram.getScramMechanism().isPlus());
    }

    /** The password-file path when the password used came from there, else null. */
    String passwordFile() {
        return password == null ? null : password.fromFile();
    }

    /** Handles the body of one Authentication message whose code is not OK. */
    void handle(int code) throws Failure, IOException {
        required.checkRequest(code);
        binding.checkRequest(code, false);
        MessageReader r = wire.reader;
        switch (code) {
            case Auth.CLEARTEXT_PASSWORD -> {
                String pw = password();
                wire.writer.begin(Frontend.PASSWORD_MESSAGE).cstring(pw, wire.charset()).send(wire.transport);
                clientFinished = true;
            }
            case Auth.MD5_PASSWORD -> {
                byte[] salt = new byte[4];
                for (int i = 0; i < 4; i++) {
                    salt[i] = (byte) r.byte1();
                }
                String pw = password();
                wire.writer.begin(Frontend.PASSWORD_MESSAGE).cstring(md5Response(pw, user, salt), StandardCharsets.US_ASCII).send(wire.transport);
                clientFinished = true;
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
        required.checkMechanism(mechanism);
        binding.checkChosen(mechanism);
        if (keys.clientKey() == null) {
            password();
        } else {
            // the ClientKey stands in for the password (libpq still counts it as one used)
            wire.passwordUsed = true;
        }
        byte[] nonce = new byte[NONCE_BYTES];
        new SecureRandom().nextBytes(nonce);
        clientNonce = Base64.getEncoder().encodeToString(nonce);
        scram = scramClient(credentials -> credentials.clientAndServerKey(NO_KEY, NO_KEY));
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
        byte[] salted = keys.clientKey() == null ? saltedPassword(parsed) : new byte[ScramKeyOption.KEY_LENGTH];
        byte[] clientKey = keys.clientKey() != null ? keys.clientKey() : ScramFunctions.clientKey(ScramMechanism.SCRAM_SHA_256, salted);
        byte[] serverKey = keys.serverKey() != null ? keys.serverKey() : ScramFunctions.serverKey(ScramMechanism.SCRAM_SHA_256, salted);
        scram = scramClient(credentials -> credentials.clientAndServerKey(clientKey, serverKey));
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
        clientFinished = true;
        try {
            scram.serverFinalMessage(serverFinal);
            scramVerified = true;
        } catch (ScramException e) {
            throw new Failure("incorrect server signature");
        }
    }

    /**
     * The iteration count is the server's to choose: the salted password is computed
     * here, where it can be interrupted, not by the SCRAM library.
     */
    private byte[] saltedPassword(ScramServerMessages.ServerFirst parsed) {
        return SaltedPassword.compute(SaslPrep.prepare(password.password()), parsed.salt(), parsed.iterations(), interrupts);
    }

    /**
     * A client for the chosen mechanism with this exchange's nonce and channel binding, so
     * that a client built anew with other {@code credentials} continues the same exchange.
     */
    private ScramClient scramClient(Function<ScramClient.PasswordBuildStage, ScramClient.FinalBuildStage> credentials)
            throws Failure {
        ScramClient.FinalBuildStage builder = credentials
                .apply(ScramClient.builder().advertisedMechanisms(List.of(mechanism)).username("*"))
                // what the library would prepare is only the user name "*", which SASLprep
                // leaves as it is; the password's keys come prepared (SaslPrep)
                .stringPreparation(StringPreparation.NO_PREPARATION)
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
