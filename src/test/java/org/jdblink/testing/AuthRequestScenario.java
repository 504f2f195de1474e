package org.jdblink.testing;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link FakeScenario} that asks the client for one kind of authentication and records
 * what it answers: the type of its next message, or nothing when it gave up. A
 * PasswordMessage to a password request is accepted (AuthenticationOk), so that the
 * connection completes; anything else ends it. {@link #trust()} asks for nothing
 * (AuthenticationOk at once). Only the first connection counts.
 */
public final class AuthRequestScenario implements FakeScenario {
    /** libpq's AuthenticationRequest codes the tests use. */
    public static final int OK = 0;
    public static final int CLEARTEXT_PASSWORD = 3;
    public static final int MD5_PASSWORD = 5;
    /** AuthenticationSCMCredential: a request libpq knows no method for. */
    public static final int SCM_CREDENTIAL = 6;
    public static final int SASL = 10;

    private final int code;
    private final FakeMessage request;
    private final CompletableFuture<Character> answer = new CompletableFuture<>();

    private AuthRequestScenario(int code, FakeMessage request) {
        this.code = code;
        this.request = request;
    }

    /** A server that trusts the client: AuthenticationOk without a request. */
    public static AuthRequestScenario trust() {
        return request(OK);
    }

    /** A request without data: cleartext password, or one libpq has no method for. */
    public static AuthRequestScenario request(int code) {
        return new AuthRequestScenario(code, FakeMessage.of('R').int32(code));
    }

    /** AuthenticationMD5Password with its salt. */
    public static AuthRequestScenario md5() {
        return new AuthRequestScenario(MD5_PASSWORD, FakeMessage.of('R').int32(MD5_PASSWORD).bytes(new byte[] {1, 2, 3, 4}));
    }

    /** AuthenticationSASL offering {@code mechanisms}. */
    public static AuthRequestScenario sasl(List<String> mechanisms) {
        FakeMessage offer = FakeMessage.of('R').int32(SASL);
        mechanisms.forEach(offer::cstring);
        return new AuthRequestScenario(SASL, offer.byte1(0));
    }

    /** The type of the client's answer ('p' for any password or SASL message), or null when it sent none. */
    public Character await(long seconds) throws InterruptedException, ExecutionException, TimeoutException {
        return answer.get(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void authenticate(FakeSession session) throws IOException {
        session.send(request);
        if (code == OK) {
            return;
        }
        FakeSession.Frontend reply;
        try {
            reply = session.read();
        } catch (IOException clientLeft) {
            answer.complete(null);
            throw clientLeft;
        }
        answer.complete(reply.type());
        boolean passwordRequest = code == CLEARTEXT_PASSWORD || code == MD5_PASSWORD;
        if (!(passwordRequest && reply.type() == 'p')) {
            session.close();
            throw new IOException("the answer is recorded; the connection ends here");
        }
        session.send(FakeMessage.of('R').int32(OK));
    }

    @Override
    public void answer(FakeSession session, String sql) throws IOException {
        session.send(FakeMessage.commandComplete("SELECT 0"), session.ready());
    }
}
