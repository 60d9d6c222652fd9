package io.localtrust.localdns;

import io.localtrust.store.NameStore;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A zone served over UDP (replies over the asker's limit are truncated, TC set, RFC 1035
 * §4.2.1) and TCP (2-byte length prefix, several queries per connection, RFC 7766), on one address
 * and port, each query on a virtual thread. A source address over its rate ({@link DnsLimits}) is
 * answered REFUSED straight from the receiving loop. Started by {@link #start}, stopped by {@link #close}.
 */
public final class DnsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DnsServer.class);
    private static final int TCP_IDLE_MILLIS = 10_000;
    private static final int MAX_TCP_CONNECTIONS = 64;
    private final DnsResponder answers;
    private final SourceRateLimit rate;
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final Semaphore connections = new Semaphore(MAX_TCP_CONNECTIONS);
    private volatile boolean closed;

    private DnsServer(DnsResponder answers, SourceRateLimit rate, DatagramSocket udp, ServerSocket tcp) {
        this.answers = answers;
        this.rate = rate;
        this.udp = udp;
        this.tcp = tcp;
    }

    /** As {@link #start(LocalZone, NameStore, InetSocketAddress, DnsLimits, Clock)} with {@link DnsLimits#defaults()}. */
    public static DnsServer start(LocalZone zone, NameStore store, InetSocketAddress listen) throws IOException {
        return start(zone, store, listen, DnsLimits.defaults(), Clock.systemUTC());
    }

    /**
     * Binds UDP and TCP on {@code listen} (port 0: one free port for both) and starts answering,
     * within {@code limits}: names read from the store at most once per refresh interval, and a
     * source address over its rate answered REFUSED.
     *
     * @throws IOException if the address cannot be bound (in use; port 53 needs root or CAP_NET_BIND_SERVICE)
     */
    public static DnsServer start(LocalZone zone, NameStore store, InetSocketAddress listen, DnsLimits limits, Clock clock)
            throws IOException {
        DnsResponder answers = new Authoritative(zone.apex(), new ZoneAnswers(zone, new BoundNames(store, clock, limits.refresh())));
        return start(answers, zone.text(), listen, limits, clock);
    }

    /**
     * Binds UDP and TCP on {@code listen} (port 0: one free port for both) and answers every query
     * with {@code answers} (an {@link Authoritative} for a zone), a source address over its rate in
     * {@code limits} answered REFUSED without asking it.
     *
     * @param what what is served, for the log ("devices.example.net")
     * @throws IOException if the address cannot be bound
     */
    public static DnsServer start(DnsResponder answers, String what, InetSocketAddress listen, DnsLimits limits, Clock clock)
            throws IOException {
        DnsServer server = bind(answers, new SourceRateLimit(limits, clock), listen);
        Thread.ofVirtual().name("dns-udp").start(server::serveUdp);
        Thread.ofVirtual().name("dns-tcp").start(server::serveTcp);
        LOG.info("DNS for {} on {} (UDP and TCP)", what, server.address());
        return server;
    }

    private static DnsServer bind(DnsResponder answers, SourceRateLimit rate, InetSocketAddress listen) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < (listen.getPort() == 0 ? 10 : 1); attempt++) {
            DatagramSocket udp = new DatagramSocket(listen);
            try {
                ServerSocket tcp = new ServerSocket();
                tcp.setReuseAddress(true);
                try {
                    tcp.bind(new InetSocketAddress(listen.getAddress(), udp.getLocalPort()), 50);
                } catch (IOException e) {
                    tcp.close();
                    throw e;
                }
                return new DnsServer(answers, rate, udp, tcp);
            } catch (IOException e) {
                udp.close();
                last = e;
            }
        }
        throw last;
    }

    /** Where it answers (the port is the same for UDP and TCP). */
    public InetSocketAddress address() {
        return new InetSocketAddress(tcp.getInetAddress(), tcp.getLocalPort());
    }

    private void serveUdp() {
        byte[] buffer = new byte[65_535];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                udp.receive(packet);
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("DNS over UDP stopped: {}", e.getMessage());
                }
                return;
            }
            byte[] query = java.util.Arrays.copyOfRange(packet.getData(), packet.getOffset(), packet.getOffset() + packet.getLength());
            java.net.SocketAddress from = packet.getSocketAddress();
            if (!rate.allow(packet.getAddress())) {
                DnsReply.refused(query).ifPresent(r -> sendUdp(r.message().toWire(r.udpLimit()), from));
                continue; // over its rate: answered here, without a thread, a parse or the store
            }
            Thread.ofVirtual().start(() -> replyUdp(query, from));
        }
    }

    private void replyUdp(byte[] query, java.net.SocketAddress from) {
        Optional<DnsReply> reply = answer(query);
        if (reply.isEmpty()) {
            return;
        }
        // toWire(max) drops what does not fit and sets TC: the client retries over TCP
        sendUdp(reply.get().message().toWire(reply.get().udpLimit()), from);
    }

    private void sendUdp(byte[] wire, java.net.SocketAddress from) {
        try {
            udp.send(new DatagramPacket(wire, wire.length, from));
        } catch (IOException e) {
            if (!closed) {
                LOG.debug("DNS reply to {} not sent: {}", from, e.getMessage());
            }
        }
    }

    private void serveTcp() {
        while (!closed) {
            Socket s;
            try {
                s = tcp.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("DNS over TCP stopped: {}", e.getMessage());
                }
                return;
            }
            if (!connections.tryAcquire()) {
                close(s); // too many open connections: the client retries
                continue;
            }
            Thread.ofVirtual().start(() -> {
                try {
                    serveConnection(s);
                } finally {
                    connections.release();
                    close(s);
                }
            });
        }
    }

    private void serveConnection(Socket s) {
        try {
            s.setSoTimeout(TCP_IDLE_MILLIS);
            DataInputStream in = new DataInputStream(s.getInputStream());
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            while (!closed) {
                int length;
                try {
                    length = in.readUnsignedShort();
                } catch (EOFException | SocketTimeoutException e) {
                    return; // the client is done, or idle too long
                }
                byte[] query = in.readNBytes(length);
                if (query.length < length) {
                    return;
                }
                Optional<DnsReply> reply = rate.allow(s.getInetAddress()) ? answer(query) : DnsReply.refused(query);
                if (reply.isEmpty()) {
                    return;
                }
                byte[] wire = reply.get().message().toWire();
                out.writeShort(wire.length);
                out.write(wire);
                out.flush();
            }
        } catch (IOException e) {
            LOG.debug("DNS over TCP from {}: {}", s.getRemoteSocketAddress(), e.getMessage());
        }
    }

    /** Never lets one query take the server down: a bug is logged and the query gets no answer. */
    private Optional<DnsReply> answer(byte[] query) {
        try {
            return answers.answer(query);
        } catch (RuntimeException e) {
            LOG.error("DNS query not answered", e);
            return Optional.empty();
        }
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            LOG.debug("closing a DNS connection: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        closed = true;
        udp.close();
        try {
            tcp.close();
        } catch (IOException e) {
            LOG.debug("closing the DNS listener: {}", e.getMessage());
        }
    }
}
