package io.localtrust.localdns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** BIND's {@code dig} (Debian bind9-dnsutils) as the peer: a real resolver client on loopback. */
public final class Dig {
    private final InetSocketAddress server;

    public Dig(InetSocketAddress server) {
        this.server = server;
    }

    /** dig's output for {@code args} (name, type, options), one try, two seconds. */
    public String run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("dig", "@" + server.getAddress().getHostAddress(),
                "-p", Integer.toString(server.getPort()), "+tries=1", "+time=2", "+norecurse"));
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("dig is not installed: apt-get install bind9-dnsutils (scripts/test does)", e);
        }
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("dig finished").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("dig exit status; output:\n" + out).isZero();
        return out;
    }

    /** The answer's records, as {@code +short} prints them. */
    public List<String> answers(String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("+short");
        return run(all.toArray(String[]::new)).lines().filter(l -> !l.isBlank()).toList();
    }
}
