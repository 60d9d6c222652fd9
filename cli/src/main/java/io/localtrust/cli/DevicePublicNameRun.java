package io.localtrust.cli;

import io.localtrust.agent.AgentRuntime;
import io.localtrust.agent.identity.DeviceIdentity;
import io.localtrust.agent.identity.IdentityException;
import io.localtrust.agent.identity.StateDir;
import io.localtrust.agent.onboarding.GatewayAcmeProvider;
import io.localtrust.agent.onboarding.OnboardingStatus;
import io.localtrust.agent.publicname.DeviceAddress;
import io.localtrust.agent.publicname.NameServiceClient;
import io.localtrust.agent.publicname.PublicNameDevice;
import io.localtrust.agent.publicname.PublicNameEnrolment;
import io.localtrust.agent.web.AgentServer;
import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateReader;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Security;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.shredzone.acme4j.provider.AcmeProvider;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

/**
 * {@code device run --public-name-service URL --acme-directory URL}: the device of U-CA/S
 * ({@link PublicNameDevice}), with the options {@link DeviceRunCommand} parsed. No gateway, no
 * pairing: the device key is the device's credential with the names service.
 */
final class DevicePublicNameRun {
    private final Env env;
    private final DeviceRunCommand o;

    DevicePublicNameRun(Env env, DeviceRunCommand options) {
        this.env = env;
        this.o = options;
    }

    int call() throws Exception {
        if (o.gateway != null) {
            throw new UserError("--gateway and --public-name-service are two ways to get a certificate: give one");
        }
        if (o.acmeDirectory == null) {
            throw new UserError("--public-name-service needs --acme-directory (the public CA's ACME directory URL)");
        }
        URI names = https("--public-name-service", o.publicNameService);
        URI directory = https("--acme-directory", o.acmeDirectory);
        InetAddress bind = DeviceRunCommand.address(o.bind);
        Duration retry = DeviceRunCommand.duration("--first-retry", o.firstRetry);
        Duration poll = DeviceRunCommand.duration("--poll", o.poll);
        SSLContext namesTls = o.nameServiceBundle == null ? SSLContext.getDefault() : trusting(o.nameServiceBundle);
        AcmeProvider ca = o.publicCaBundle == null ? new GenericAcmeProvider()
                : new GatewayAcmeProvider(read(o.publicCaBundle), env.clock());
        StateDir dir = new StateDir(o.state);
        DeviceIdentity identity;
        try {
            identity = DeviceIdentity.open(new DeviceIdentity.Request(dir, o.name == null ? "device" : o.name.trim().toLowerCase(Locale.ROOT),
                    Optional.empty(), o.resetIdentity), env.clock(), env.random());
        } catch (IdentityException e) {
            throw new UserError(e.getMessage());
        }
        String hash = DevicePassword.obtain(dir, o.passwordFile, System.console(), env.random());
        if (Security.getProvider("BC") == null) {
            Security.addProvider(io.localtrust.x509.BouncyCastle.provider()); // acme4j asks for "BC" by name
        }
        env.out().println((identity.created() ? "New device" : "Device") + " (dev-id " + identity.devId() + ")");
        env.out().println("  names service: " + names + "; public CA: " + directory);
        NameServiceClient client = new NameServiceClient(names, namesTls);
        PublicNameEnrolment enrolment = new PublicNameEnrolment(directory, ca, client, poll, Duration.ofSeconds(60), env.clock(),
                step -> show(OnboardingStatus.of(OnboardingStatus.Phase.VALIDATING, step, env.clock().instant())));
        AgentRuntime runtime = AgentRuntime.start();
        PublicNameDevice device;
        try {
            device = PublicNameDevice.start(identity, dir, client, enrolment, runtime,
                    new AgentServer.Listen(bind, o.httpPort, o.httpsPort),
                    bind.isAnyLocalAddress() ? DeviceAddress.lan() : DeviceAddress.fixed(bind), PublicNameDevice.ADDRESS_CHECK,
                    hash, retry, env.clock(), env.random(), this::show);
        } catch (java.io.IOException e) {
            runtime.close();
            throw new UserError(e.getMessage());
        }
        env.out().println("  HTTP: http://" + DeviceRunCommand.hostText(bind) + ":" + device.httpPort() + "/  (HTTPS on port "
                + o.httpsPort + " once certified)");
        env.out().flush();
        UntilStopped until = UntilStopped.install("device", () -> {
            device.close();
            runtime.close();
        });
        until.awaitThenStop(() -> env.out().println("Device stopped."));
        return 0;
    }

    private synchronized void show(OnboardingStatus s) {
        env.out().println("[" + s.at() + "] " + s.phase().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + s.detail()
                + s.retryAt().map(t -> " (next attempt at " + t + ")").orElse(""));
        env.out().flush();
    }

    private static URI https(String option, String text) {
        try {
            URI u = URI.create(text);
            if (!"https".equalsIgnoreCase(u.getScheme()) || u.getHost() == null) {
                throw new UserError(option + ": '" + text + "' is not an https:// URL");
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new UserError(option + ": '" + text + "' is not a URL");
        }
    }

    private static Cert read(Path file) {
        try {
            return new CertificateReader().read(file).getFirst();
        } catch (Exception e) {
            throw new UserError(file + ": not a certificate (" + e.getMessage() + ")");
        }
    }

    private static SSLContext trusting(Path file) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("trusted", CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(read(file).der())));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
