package io.localtrust.gateway;

import io.localtrust.acme.AcmeServer;
import io.localtrust.acme.validation.Http01Validator;
import io.localtrust.acme.validation.TlsAlpn01Validator;
import io.localtrust.authority.Gateway;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

/** The ACME front end as {@code gateway run} serves it: both challenge types, on the configured ports, LAN only. */
final class AcmeFront {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(15);

    private AcmeFront() {
    }

    static AcmeServer server(Gateway gateway, ServerSettings.Acme acme, Clock clock, SecureRandom random, Executor validations) {
        return new AcmeServer(gateway, acme.settings(), List.of(
                new Http01Validator(acme.validationHttpPort(), CONNECT_TIMEOUT, VALIDATION_TIMEOUT),
                new TlsAlpn01Validator(acme.validationTlsPort(), VALIDATION_TIMEOUT)), clock, random, validations);
    }
}
