package io.localtrust.agent.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.localtrust.agent.AgentRuntime;
import io.localtrust.agent.identity.DeviceKey;
import io.localtrust.agent.onboarding.ChallengeAnswers;
import io.localtrust.agent.onboarding.OnboardingStatus;
import io.localtrust.agent.stapling.Stapler;
import io.localtrust.login.LoginGuard;
import io.localtrust.login.PasswordHash;
import io.localtrust.x509.CertChain;
import io.localtrust.x509.CertificateMaker;
import io.localtrust.x509.CertificateMaker.Made;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's HTTPS server resumes sessions for openssl's client — TLS 1.3 with the ticket it got after
 * the first handshake, TLS 1.2 by session id or ticket — so a returning browser skips the full handshake
 * (the agent keeps JSSE's default stateless tickets: stateful ones were not clearly faster, BENCHMARKS.md).
 */
class SessionResumptionTest {
    private static final String ADDRESS = "127.0.22.1";
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();
    @TempDir
    Path tmp;

    @Test
    void bothVersionsResume() throws Exception {
        InetAddress a = InetAddress.getByName(ADDRESS);
        Made ca = CertificateMaker.at(clock.instant(), random).commonName("session test CA").ca(0).make();
        Made leaf = CertificateMaker.at(clock.instant(), random).commonName("s").issuer(ca).ip(ADDRESS).serverAuth().make();
        try (AgentRuntime runtime = AgentRuntime.start()) {
            AgentServer server = AgentServer.start(runtime, new AgentServer.Listen(a, 0, 0), new View(), new ChallengeAnswers(),
                    new LoginGuard(PasswordHash.hash("session test password".toCharArray(), random), clock, random), List.of());
            try {
                server.install(new DeviceKey(leaf.keyPair().getPrivate(), leaf.keyPair().getPublic(), Optional.empty(), "test key"),
                        CertChain.of(List.of(leaf.cert(), ca.cert())));
                String target = ADDRESS + ":" + server.httpsPort().orElseThrow();
                Path session = tmp.resolve("tls13.session");

                // the client reads the answer to a request, so it has the ticket sent after the handshake
                String first = openssl("GET / HTTP/1.0\r\n\r\n", "s_client", "-connect", target, "-tls1_3", "-ign_eof",
                        "-sess_out", session.toString());
                assertThat(first).contains("New, TLSv1.3", "HTTP/1.1 ");
                assertThat(ticketBytes(openssl("", "sess_id", "-in", session.toString(), "-text", "-noout")))
                        .as("the client holds the server's ticket").isPositive();
                assertThat(openssl("", "s_client", "-connect", target, "-tls1_3", "-sess_in", session.toString()))
                        .contains("Reused, TLSv1.3");

                String twelve = openssl("", "s_client", "-connect", target, "-tls1_2", "-reconnect");
                assertThat(twelve).contains("New, TLSv1.2", "Reused, TLSv1.2");
            } finally {
                server.close();
            }
        }
    }

    /** The length of the ticket in {@code openssl sess_id -text} output (its hex dump lines). */
    private static int ticketBytes(String sessId) {
        int at = sessId.indexOf("TLS session ticket:");
        assertThat(at).as(sessId).isNotNegative();
        int bytes = 0;
        Matcher m = Pattern.compile("^\\s*[0-9a-f]{4} - ((?:[0-9a-f]{2}[ -]?)+)", Pattern.MULTILINE).matcher(sessId.substring(at));
        while (m.find()) {
            bytes += m.group(1).trim().split("[ -]+").length;
        }
        return bytes;
    }

    private static String openssl(String input, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("timeout", "20", "openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            if (!input.isEmpty()) {
                Thread.sleep(500); // after the handshake
                in.write(input.getBytes(StandardCharsets.US_ASCII));
            }
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    private static final class View implements DeviceView {
        @Override
        public String name() {
            return "s.home.arpa";
        }

        @Override
        public String devId() {
            return "TESTDEVID";
        }

        @Override
        public OnboardingStatus onboarding() {
            return OnboardingStatus.of(OnboardingStatus.Phase.ISSUED, "testing", Instant.EPOCH);
        }

        @Override
        public Optional<CertChain> served() {
            return Optional.empty();
        }

        @Override
        public boolean certified() {
            return true;
        }

        @Override
        public Stapler.View stapling() {
            return new Stapler.View(Optional.empty(), Optional.empty(), Optional.empty());
        }

        @Override
        public String renewal() {
            return "none";
        }

        @Override
        public Optional<String> clockWarning() {
            return Optional.empty();
        }
    }
}
