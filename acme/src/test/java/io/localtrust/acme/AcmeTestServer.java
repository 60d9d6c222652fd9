package io.localtrust.acme;

import io.localtrust.acme.http.AcmeHandler;
import io.localtrust.acme.validation.ChallengeValidator;
import io.localtrust.acme.validation.Http01Validator;
import io.localtrust.authority.CeremonySpec;
import io.localtrust.authority.Gateway;
import io.localtrust.authority.KeyCeremony;
import io.localtrust.authority.NamePolicy;
import io.localtrust.lint.keys.CompromisedKeys;
import io.localtrust.locality.Cidr;
import io.localtrust.x509.KeyKind;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A real gateway (key ceremony, SQLite store) in a temp dir with the ACME front end on Jetty over
 * plain HTTP on 127.0.0.1 (the gateway serves it over HTTPS; acme4j speaks both), validating
 * http-01 on {@code challengePort}.
 */
final class AcmeTestServer implements AutoCloseable {
    static final SecureRandom RANDOM = new SecureRandom();
    final Gateway gateway;
    final Server jetty;
    final ExecutorService validations = Executors.newVirtualThreadPerTaskExecutor();
    final String directory;
    final AcmeServer acme;

    AcmeTestServer(Path dir, int challengePort, AcmeSettings settings) throws Exception {
        this(dir, challengePort, settings, Clock.systemUTC());
    }

    /** On {@code clock}: the gateway and its ACME front both (a test moving time moves both). */
    AcmeTestServer(Path dir, int challengePort, AcmeSettings settings, Clock clock) throws Exception {
        ceremony(dir);
        gateway = Gateway.open(dir, CompromisedKeys.none(), clock, RANDOM);
        List<ChallengeValidator> validators = List.of(
                new Http01Validator(challengePort, Duration.ofSeconds(5), Duration.ofSeconds(10)));
        AcmeServer server = new AcmeServer(gateway, settings, validators, clock, RANDOM, validations);
        acme = server;
        jetty = new Server();
        ServerConnector c = new ServerConnector(jetty);
        c.setHost("127.0.0.1");
        c.setPort(0);
        jetty.addConnector(c);
        jetty.setHandler(new AcmeHandler(server));
        jetty.start();
        directory = "http://127.0.0.1:" + c.getLocalPort() + "/acme/directory";
    }

    /** The key ceremony of a test gateway in {@code dir}: home.arpa and the private ranges plus 127/8. */
    static void ceremony(Path dir) throws Exception {
        List<Cidr> ips = new ArrayList<>(NamePolicy.defaults().ipRanges());
        ips.add(Cidr.parse("127.0.0.0/8"));
        new KeyCeremony(Clock.systemUTC(), RANDOM).perform(new CeremonySpec(dir, "ACME test gateway",
                new NamePolicy(NamePolicy.defaults().dnsSubtrees(), ips), KeyKind.EC_P256, Duration.ofDays(90),
                "http://gateway.home.arpa:8080"), "test passphrase".toCharArray());
    }

    @Override
    public void close() throws Exception {
        jetty.stop();
        validations.close();
        gateway.close();
    }
}
