package io.localtrust.benchmarks.acme;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one load run does.
 *
 * @param label          the server's name in the report ("gateway", "pebble")
 * @param directory      the ACME directory URL (https, loopback)
 * @param trust          PEM certificates the client trusts for the server's HTTPS
 * @param clients        concurrent clients, each repeating the whole flow
 * @param warmup         flows run and thrown away first
 * @param measure        the measured period
 * @param challengePort  where the CA validates http-01 (the challenge server listens there)
 * @param firstAddress   client {@code i} is the device at this address + {@code i} (its {@code ip} identifier)
 * @param poll           how often a client polls an authorization or order it waits for
 * @param serverPid      the server's process, whose CPU time the report divides by the certificates (0: not measured)
 */
record LoadOptions(String label, URI directory, Path trust, int clients, Duration warmup, Duration measure, int challengePort,
                   InetAddress firstAddress, Duration poll, long serverPid) {
    static final String USAGE = "usage: AcmeLoad --directory URL --trust PEM [--label NAME] [--clients N] [--warmup SECONDS]"
            + " [--seconds SECONDS] [--challenge-port PORT] [--first-address 127.0.1.1] [--poll-ms MS] [--server-pid PID]";

    LoadOptions {
        Objects.requireNonNull(label, "label");
        if (!"https".equals(directory.getScheme())) {
            throw new IllegalArgumentException("--directory must be an https URL, not " + directory);
        }
        if (clients < 1 || clients > 250) {
            throw new IllegalArgumentException("--clients must be 1-250, not " + clients);
        }
        if (warmup.isNegative() || !measure.isPositive() || !poll.isPositive()) {
            throw new IllegalArgumentException("--seconds and --poll-ms must be positive, --warmup not negative");
        }
        if (serverPid < 0) {
            throw new IllegalArgumentException("--server-pid must be a process id, not " + serverPid);
        }
        if (challengePort < 1 || challengePort > 65535) {
            throw new IllegalArgumentException("--challenge-port must be 1-65535, not " + challengePort);
        }
        if (!firstAddress.isLoopbackAddress() || firstAddress.getAddress().length != 4) {
            throw new IllegalArgumentException("--first-address must be an IPv4 loopback address (127.x.y.z), not "
                    + firstAddress.getHostAddress());
        }
        if ((firstAddress.getAddress()[3] & 0xff) + clients > 255) {
            throw new IllegalArgumentException("--first-address " + firstAddress.getHostAddress() + " leaves no room for "
                    + clients + " clients in its /24");
        }
    }

    /** The device address of each client. */
    List<InetAddress> addresses() {
        byte[] first = firstAddress.getAddress();
        List<InetAddress> out = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            byte[] a = first.clone();
            a[3] = (byte) ((first[3] & 0xff) + i);
            try {
                out.add(InetAddress.getByAddress(a));
            } catch (UnknownHostException e) {
                throw new IllegalStateException("four bytes are an address", e);
            }
        }
        return out;
    }

    /**
     * Parses the command line.
     *
     * @throws IllegalArgumentException naming the option that is wrong
     */
    static LoadOptions parse(String[] args) {
        String label = "server";
        URI directory = null;
        Path trust = null;
        int clients = 8;
        long warmup = 10;
        long seconds = 30;
        int port = 5002;
        String first = "127.0.1.1";
        long pollMs = 10;
        long serverPid = 0;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value (" + USAGE + ")");
            }
            String v = args[++i];
            switch (name) {
                case "--label" -> label = v;
                case "--directory" -> directory = uri(v);
                case "--trust" -> trust = Path.of(v);
                case "--clients" -> clients = number(name, v);
                case "--warmup" -> warmup = number(name, v);
                case "--seconds" -> seconds = number(name, v);
                case "--challenge-port" -> port = number(name, v);
                case "--first-address" -> first = v;
                case "--poll-ms" -> pollMs = number(name, v);
                case "--server-pid" -> serverPid = number(name, v);
                default -> throw new IllegalArgumentException("unknown option " + name + " (" + USAGE + ")");
            }
        }
        if (directory == null || trust == null) {
            throw new IllegalArgumentException("--directory and --trust are required (" + USAGE + ")");
        }
        if (!Files.isReadable(trust)) {
            throw new IllegalArgumentException("--trust " + trust + ": no such readable file");
        }
        InetAddress firstAddress;
        try {
            if (!first.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
                throw new UnknownHostException(first);
            }
            firstAddress = InetAddress.getByName(first);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--first-address " + first + " is not an IPv4 address");
        }
        return new LoadOptions(label, directory, trust, clients, Duration.ofSeconds(warmup), Duration.ofSeconds(seconds), port,
                firstAddress, Duration.ofMillis(pollMs), serverPid);
    }

    private static URI uri(String value) {
        try {
            return new URI(value);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("--directory '" + value + "' is not a URL: " + e.getReason());
        }
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a number, not '" + value + "'");
        }
    }
}
