package org.jdblink.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link FakeScenario} that offers chosen SASL mechanisms (AuthenticationSASL) and
 * records the client's SASLInitialResponse: the mechanism it chose and its
 * client-first-message, GS2 header included. The connection then ends, so the client's
 * connect fails. Only the first connection's answer counts.
 */
public final class SaslChoiceRecorder implements FakeScenario {
    /** What the client answered; both null when it sent no SASLInitialResponse. */
    public record Choice(String mechanism, String clientFirst) {}

    private final List<String> mechanisms;
    private final CompletableFuture<Choice> choice = new CompletableFuture<>();

    public SaslChoiceRecorder(List<String> mechanisms) {
        this.mechanisms = List.copyOf(mechanisms);
    }

    /** The client's answer, once a connection has got that far. */
    public Choice await(long seconds) throws InterruptedException, ExecutionException, TimeoutException {
        return choice.get(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void authenticate(FakeSession session) throws IOException {
        FakeMessage offer = FakeMessage.of('R').int32(10);
        mechanisms.forEach(offer::cstring);
        session.send(offer.byte1(0));
        FakeSession.Frontend answer;
        try {
            answer = session.read();
        } catch (IOException clientLeft) {
            choice.complete(new Choice(null, null));
            throw clientLeft;
        }
        choice.complete(answer.type() == 'p' ? parse(answer.body()) : new Choice(null, null));
        session.close();
        throw new IOException("the SASL choice is recorded; the connection ends here");
    }

    /** SASLInitialResponse: the mechanism's name, an int32 length, the client-first-message. */
    private static Choice parse(byte[] body) {
        int nul = 0;
        while (body[nul] != 0) {
            nul++;
        }
        String mechanism = new String(body, 0, nul, StandardCharsets.US_ASCII);
        int first = nul + 5;
        return new Choice(mechanism, new String(body, first, body.length - first, StandardCharsets.UTF_8));
    }

    @Override
    public void answer(FakeSession session, String sql) {
        throw new IllegalStateException("no connection gets past authentication");
    }
}
