package io.localtrust.fleet;

import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateMaker.Made;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a simulated fleet is made of.
 *
 * @param count        how many devices
 * @param addresses    one loopback address per device (at least {@code count})
 * @param mix          the practice of each device, dealt round-robin
 * @param domain       the names' zone: devices are {@code sim-1.DOMAIN}, {@code sim-2.DOMAIN}, …
 * @param gateway      the gateway's ACME directory URL (needed when there are U-L/S device agents)
 * @param gatewayRoot  the gateway root the agents trust (likewise)
 * @param state        where each agent keeps its identity ({@code STATE/NAME/})
 * @param httpPort     every device's HTTP port (the gateway's --validation-http-port)
 * @param httpsPort    every device's HTTPS port
 * @param passwordHash the agents' admin password hash (one for the whole fleet)
 * @param poll         how often an agent polls a waiting order
 * @param publicCa     the CA standing in for a public one, for U-CA/S devices
 */
public record FleetSettings(int count, AddressRange addresses, PracticeMix mix, String domain, Optional<URI> gateway, Optional<Cert> gatewayRoot,
                            Path state, int httpPort, int httpsPort, String passwordHash, Duration poll,
                            Optional<Made> publicCa) {
    public FleetSettings {
        Objects.requireNonNull(addresses, "addresses");
        Objects.requireNonNull(mix, "mix");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(gatewayRoot, "gatewayRoot");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(poll, "poll");
        Objects.requireNonNull(publicCa, "publicCa");
        if (count < 1) {
            throw new IllegalArgumentException("a fleet has at least one device");
        }
        if ((gateway.isEmpty() || gatewayRoot.isEmpty())
                && java.util.stream.IntStream.range(0, count).anyMatch(i -> mix.practiceOf(i) == io.localtrust.practice.Practice.U_LS)) {
            throw new IllegalArgumentException("U-L/S devices onboard through a gateway: its URL and root are needed");
        }
        if (count > addresses.size()) {
            throw new IllegalArgumentException(count + " devices need " + count + " addresses, the range holds " + addresses.size());
        }
    }

    /** The name of the {@code index}-th device (0-based). */
    public String name(int index) {
        return "sim-" + (index + 1) + "." + domain;
    }
}
