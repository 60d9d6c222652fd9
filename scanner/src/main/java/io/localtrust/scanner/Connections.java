package io.localtrust.scanner;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Opens the TCP connections of one scan: Nagle off (a ClientHello or a GET is one small write that
 * must leave at once), each connection closed by the {@link Reaper} at its deadline, and the
 * failure turned into words a person can act on.
 */
final class Connections {
    private final Reaper reaper;
    private final Duration timeout;

    Connections(Reaper reaper, Duration timeout) {
        this.reaper = reaper;
        this.timeout = timeout;
    }

    /** A connected socket whose reads time out at {@code deadline}; or why none could be made. */
    record Open(Socket socket, AutoCloseable reaping, long deadline) implements AutoCloseable {
        @Override
        public void close() {
            try {
                reaping.close();
            } catch (Exception e) {
                // cancelling a timer does not fail
            }
            try {
                socket.close();
            } catch (IOException e) {
                // nothing to report on closing a probe connection
            }
        }

        int remainingMillis() {
            return (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        }

        boolean expired() {
            return System.nanoTime() - deadline >= 0;
        }
    }

    /** Nothing listens at the port; the message says how that showed. */
    static final class NotListening extends Exception {
        private static final long serialVersionUID = 1L;

        NotListening(String why) {
            super(why, null, false, false);
        }
    }

    /** Connects, bounded by the per-connection timeout and the scan's deadline, whichever is first. */
    Open connect(InetSocketAddress to, long scanDeadline) throws NotListening {
        long deadline = Math.min(System.nanoTime() + timeout.toNanos(), scanDeadline);
        // Direct, never through a SOCKS proxy the JVM may be configured with: a scan is of the network it runs on. (A plain
        // Socket asks the ProxySelector on every connect, building a URI per probe.)
        Socket s = new Socket(Proxy.NO_PROXY);
        AutoCloseable reaping = reaper.closeAt(s, deadline);
        try {
            s.setTcpNoDelay(true);
            s.connect(to, (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            Open open = new Open(s, reaping, deadline);
            s.setSoTimeout(open.remainingMillis());
            return open;
        } catch (IOException e) {
            new Open(s, reaping, deadline).close();
            throw new NotListening(switch (e) {
                case ConnectException x -> "refused";
                case NoRouteToHostException x -> "unreachable";
                case PortUnreachableException x -> "unreachable";
                default -> System.nanoTime() - deadline >= 0 || e instanceof SocketTimeoutException ? "no answer to connect"
                        : "connect failed: " + e.getMessage();
            });
        }
    }

    /** What a probe says over one established connection. */
    @FunctionalInterface
    interface Conversation {
        Attempt over(Open open) throws IOException;
    }

    /**
     * Connects and holds one conversation, then closes: nothing listening is {@link Attempt.Closed},
     * an exchange that fails on the wire is {@link #failure}.
     */
    Attempt converse(InetSocketAddress to, long scanDeadline, Conversation conversation) {
        Open open;
        try {
            open = connect(to, scanDeadline);
        } catch (NotListening e) {
            return new Attempt.Closed(e.getMessage());
        }
        try (open) {
            return conversation.over(open);
        } catch (IOException e) {
            return failure(e, open);
        }
    }

    /** Why an established connection failed, as an attempt's outcome. */
    Attempt.Failed failure(IOException e, Open open) {
        if (open.expired() || e instanceof SocketTimeoutException) {
            return new Attempt.Failed("no complete answer within " + seconds(timeout)
                    + " (the device accepted the connection and then stalled)", true);
        }
        return new Attempt.Failed(describe(e));
    }

    private static String describe(IOException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("Connection reset") || m.contains("reset by peer")) {
            return "the device reset the connection";
        }
        if (m.contains("Broken pipe") || m.contains("closed") || e instanceof java.io.EOFException) {
            return "the device closed the connection without answering";
        }
        return e.getClass().getSimpleName().replace("Exception", "") + ": " + m;
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
