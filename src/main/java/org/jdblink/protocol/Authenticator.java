package org.jdblink.protocol;

import com.ongres.scram.client.ScramClient;
import com.ongres.scram.common.StringPreparation;
import com.ongres.scram.common.exception.ScramException;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * Answers AuthenticationRequest messages: cleartext, md5, SCRAM-SHA-256 and, over TLS,
 * SCRAM-SHA-256-PLUS as {@link ChannelBinding} decides. Failures carry libpq's text.
 */
final class Authenticator {
    static final int OK = 0;
    private static final int CLEARTEXT = 3;
    private static final int MD5 = 5;
    private static final int SASL = 10;
    private static final int SASL_CONTINUE = 11;
    private static final int SASL_FINAL = 12;

    /** An authentication step failed on the client side; the message is libpq's. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String libpqMessage) {
            super(libpqMessage);
        }
    }

    private final Session session;
    private final String user;
    private final Supplier<PasswordLookup.Found> passwordSource;
    private final ChannelBinding binding;
    private ScramClient scram;
    private boolean scramVerified;
    private PasswordLookup.Found password;

    Authenticator(Session session, String user, Supplier<PasswordLookup.Found> passwordSource, ChannelBinding binding) {
        this.session = session;
        this.user = user;
        this.passwordSource = passwordSource;
        this.binding = binding;
    }

    static boolean isSasl(int code) {
        return code == SASL || code == SASL_CONTINUE || code == SASL_FINAL;
    }

    /** AuthenticationOk arrived: refused when channel binding was required but did not happen. */
    void authenticated() throws Failure {
        binding.checkRequest(OK, scramVerified && scram.getScramMechanism().isPlus());
    }

    /** The password-file path when the password used came from there, else null. */
    String passwordFile() {
        return password == null ? null : password.fromFile();
    }

    /** Handles the body of one 'R' message whose code is not OK. */
    void handle(int code) throws Failure, IOException {
        binding.checkRequest(code, false);
        MessageReader r = session.reader;
        switch (code) {
            case CLEARTEXT -> {
                String pw = password();
                session.writer.begin('p').cstring(pw, session.charset()).send(session.transport);
            }
            case MD5 -> {
                byte[] salt = new byte[4];
                for (int i = 0; i < 4; i++) {
                    salt[i] = (byte) r.byte1();
                }
                String pw = password();
                session.writer.begin('p').cstring(md5Response(pw, user, salt), StandardCharsets.US_ASCII).send(session.transport);
            }
            case SASL -> startScram(r);
            case SASL_CONTINUE -> continueScram(r);
            case SASL_FINAL -> finishScram(r);
            case 7, 8 -> throw new Failure("GSSAPI authentication not supported");
            case 9 -> throw new Failure("SSPI authentication not supported");
            case 2 -> throw new Failure("Kerberos 5 authentication not supported");
            default -> throw new Failure("authentication method " + code + " not supported");
        }
    }

    private String password() throws Failure {
        session.passwordUsed = true;
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
        String mechanism = binding.choose(mechanisms);
        String pw = password();
        ScramClient.FinalBuildStage builder = ScramClient.builder()
                .advertisedMechanisms(List.of(mechanism))
                .username("*")
                .password(pw.toCharArray())
                .stringPreparation(StringPreparation.POSTGRESQL_PREPARATION);
        if (mechanism.equals(ChannelBinding.SCRAM_PLUS)) {
            builder.channelBinding(ChannelBinding.TYPE, binding.serverEndPoint());
        } else if (binding.clientSupportsBinding()) {
            // GS2 flag "y" (client could bind, server did not offer it): no binding data is
            // sent, but the library picks that flag only when given some.
            builder.channelBinding(ChannelBinding.TYPE, new byte[1]);
        }
        scram = builder.build();
        byte[] first = scram.clientFirstMessage().toString().getBytes(StandardCharsets.UTF_8);
        session.writer.begin('p').cstring(mechanism, StandardCharsets.US_ASCII).int32(first.length).bytes(first)
                .send(session.transport);
    }

    private void continueScram(MessageReader r) throws Failure, IOException {
        if (scram == null) {
            throw new Failure("malformed SCRAM message (unexpected continue)");
        }
        try {
            scram.serverFirstMessage(r.remainder(StandardCharsets.UTF_8));
        } catch (ScramException e) {
            throw new Failure("malformed SCRAM message (" + e.getMessage() + ")");
        }
        byte[] fin = scram.clientFinalMessage().toString().getBytes(StandardCharsets.UTF_8);
        session.writer.begin('p').bytes(fin).send(session.transport);
    }

    private void finishScram(MessageReader r) throws Failure {
        if (scram == null) {
            throw new Failure("malformed SCRAM message (unexpected final)");
        }
        try {
            scram.serverFinalMessage(r.remainder(StandardCharsets.UTF_8));
            scramVerified = true;
        } catch (ScramException e) {
            throw new Failure("incorrect server signature");
        }
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
