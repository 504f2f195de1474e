import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * test/wait-events.sh's fake PostgreSQL server on 127.0.0.1 (Java, since the JDK is there
 * wherever jdblink is built). It prints its port, then a line per event as it happens
 * ("accept", "startup", "query", "cancel"), and serves until killed.
 *
 *   java -cp CLASSDIR WaitEventsListener GATEDIR
 *
 * It holds each client where the script wants it to wait, until the script creates a file
 * in GATEDIR: a startup is answered (trust, SSL and GSSAPI encryption refused) once
 * GATEDIR/startup exists, and a CancelRequest's socket is closed once GATEDIR/cancel
 * exists. Every query is answered at once, as a SET.
 */
final class WaitEventsListener {
    private static final int CANCEL_REQUEST = 80877102;
    private static final int SSL_REQUEST = 80877103;
    private static final int GSSENC_REQUEST = 80877104;
    private static final String[] PARAMETERS = {"client_encoding", "UTF8", "server_encoding", "UTF8",
        "server_version", "15.0", "standard_conforming_strings", "on", "DateStyle", "ISO, MDY", "integer_datetimes", "on"};

    private static Path gates;

    public static void main(String[] args) throws IOException {
        gates = Path.of(args[0]);
        try (ServerSocket listener = new ServerSocket(0, 64, InetAddress.getLoopbackAddress())) {
            say(Integer.toString(listener.getLocalPort()));
            while (true) {
                Socket connection = listener.accept();
                say("accept");
                Thread server = new Thread(() -> serve(connection));
                server.setDaemon(true);
                server.start();
            }
        }
    }

    private static synchronized void say(String event) {
        System.out.println(event);
        System.out.flush();
    }

    private static void awaitGate(String name) throws InterruptedException {
        while (!Files.exists(gates.resolve(name))) {
            Thread.sleep(20);
        }
    }

    private static void serve(Socket connection) {
        try (connection) {
            DataInputStream in = new DataInputStream(connection.getInputStream());
            OutputStream out = connection.getOutputStream();
            while (true) {
                int length = in.readInt();
                int code = in.readInt();
                in.readFully(new byte[length - 8]);
                if (code == SSL_REQUEST || code == GSSENC_REQUEST) {
                    out.write('N');
                } else if (code == CANCEL_REQUEST) {
                    say("cancel");
                    awaitGate("cancel");
                    return;
                } else {
                    break; // the startup packet
                }
            }
            awaitGate("startup");
            ByteArrayOutputStream startup = new ByteArrayOutputStream();
            message(startup, 'R', body -> body.writeInt(0));
            for (int i = 0; i < PARAMETERS.length; i += 2) {
                String name = PARAMETERS[i];
                String value = PARAMETERS[i + 1];
                message(startup, 'S', body -> {
                    cstring(body, name);
                    cstring(body, value);
                });
            }
            message(startup, 'K', body -> {
                body.writeInt(4242);
                body.writeInt(4343);
            });
            message(startup, 'Z', body -> body.writeByte('I'));
            out.write(startup.toByteArray());
            say("startup");
            for (int kind = in.read(); kind >= 0 && kind != 'X'; kind = in.read()) {
                in.readFully(new byte[in.readInt() - 4]);
                if (kind == 'Q') {
                    say("query");
                    ByteArrayOutputStream answer = new ByteArrayOutputStream();
                    message(answer, 'C', body -> cstring(body, "SET"));
                    message(answer, 'Z', body -> body.writeByte('I'));
                    out.write(answer.toByteArray());
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away
        }
    }

    private interface Body {
        void write(DataOutputStream body) throws IOException;
    }

    private static void message(ByteArrayOutputStream to, char type, Body body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        body.write(new DataOutputStream(bytes));
        DataOutputStream message = new DataOutputStream(to);
        message.writeByte(type);
        message.writeInt(bytes.size() + 4);
        bytes.writeTo(message);
    }

    private static void cstring(DataOutputStream body, String text) throws IOException {
        body.write(text.getBytes(StandardCharsets.UTF_8));
        body.writeByte(0);
    }
}
