package io.localtrust.cli;

import io.localtrust.ladder.Decision;
import io.localtrust.ladder.DecisionReason;
import io.localtrust.ladder.Ladder;
import io.localtrust.ladder.PinStore;
import io.localtrust.ladder.PinStoreException;
import io.localtrust.ladder.ProbeJson;
import io.localtrust.ladder.ProbeResult;
import io.localtrust.ladder.Prober;
import io.localtrust.ladder.RevocationPolicy;
import io.localtrust.ladder.TrustConfig;
import io.localtrust.practice.context.AnchorSet;
import io.localtrust.practice.context.Anchors;
import io.localtrust.practice.context.ContextException;
import io.localtrust.practice.context.TrustContext;
import io.localtrust.x509.Cert;
import io.localtrust.x509.CertificateReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code localtrust probe URL}: connect, take chain, staple and token, and print the ladder's verdict. */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = {
            "Decide whether to trust an HTTPS device as the seed's new browser would.",
            "Connects to URL (bounded by --timeout), takes the certificate chain and any stapled OCSP response, "
                    + "with --nonce also the device status token, and prints the verdict of the decision ladder "
                    + "(docs/trust.md), its reasons and the text a browser could show."},
        footer = {"", "Examples:",
            "  localtrust probe --local-anchor gateway-root.pem https://printer.home.arpa/",
            "  localtrust probe --pin --json https://192.168.1.40:8443/",
            "  localtrust probe --attestation-anchor acme-iot-authority.pem https://camera.home.arpa/",
            "  localtrust probe --local-anchor gateway-root.pem --revocation hard https://printer.home.arpa/",
            "", "Exit codes: 0 trusted or pinned, 4 a warning (WARN_*), 5 rejected, 1 internal error, "
                    + "2 bad input or options."})
final class ProbeCommand implements Callable<Integer> {
    static final int EXIT_WARNING = 4;
    static final int EXIT_REJECTED = 5;

    private final Env env;

    @Parameters(index = "0", paramLabel = "URL", description = "An https:// URL.")
    String url;

    @Mixin
    TrustOptions trust = new TrustOptions();

    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Option(names = "--json", description = "Print one JSON object (schema localtrust.probe/1) instead of text.")
    boolean json;

    @Option(names = "--pin", description = "Pin a unique untrusted key on first use (trust on first use, like SSH).")
    boolean pin;

    @Option(names = "--pins", paramLabel = "FILE",
            description = "The pin file (default: ~/.config/localtrust/pins); consulted whenever it exists.")
    Path pins;

    @Option(names = "--nonce", description = "Also fetch the device status token with a fresh nonce and verify it.")
    boolean nonce;

    @Option(names = "--attestation-anchor", paramLabel = "FILE",
            description = "An attestation authority's certificate (PEM/DER): a token it signed that binds the device's TLS key, "
                    + "served at /.well-known/local-device/attestation, makes a local device TRUSTED_ATTESTED; repeatable.")
    List<Path> attestationAnchors = new ArrayList<>();

    @Option(names = "--revocation", paramLabel = "POLICY", defaultValue = "soft",
            description = "off: revocation not checked; soft (default): a revoked answer rejects, no answer is only a reason; "
                    + "hard: a trusted verdict needs a good answer (staple, OCSP responder or CRL).")
    String revocation;

    @Option(names = "--no-online-revocation",
            description = "Never ask the OCSP responder or fetch the CRL a certificate names: only a stapled response counts.")
    boolean noOnlineRevocation;

    @Option(names = "--timeout", paramLabel = "MILLIS", defaultValue = "2000",
            description = "The deadline for connecting and deciding, in milliseconds (default: ${DEFAULT-VALUE}).")
    long timeoutMillis;

    ProbeCommand(Env env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        URI uri = parseUrl();
        if (timeoutMillis < 1 || timeoutMillis > 60_000) {
            throw new UserError("--timeout: " + timeoutMillis + " ms is outside 1 to 60000");
        }
        RevocationPolicy policy;
        try {
            policy = RevocationPolicy.parse(revocation);
        } catch (IllegalArgumentException e) {
            throw new UserError("--revocation: " + e.getMessage());
        }
        TrustContext ctx = trust.load();
        TrustConfig config = TrustConfig.of(ctx.publicRoots().certs(), ctx.localAnchors().certs(),
                ctx.vendorAnchors().certs()).withCompromised(ctx.compromised()).withDeadline(Duration.ofMillis(timeoutMillis))
                .withAttestationAnchors(attestationAnchors()).withRevocation(policy);
        if (noOnlineRevocation) {
            config = config.withoutOnlineRevocation();
        }
        Path pinFile = pins != null ? pins : Path.of(System.getProperty("user.home"), ".config", "localtrust", "pins");
        if (pin || Files.exists(pinFile)) {
            try {
                config = config.withPins(PinStore.open(pinFile, env.clock()), pin);
            } catch (PinStoreException e) {
                throw new UserError(e.getMessage());
            }
        }
        ProbeResult result = new Prober(new Ladder(config, env.clock()), env.clock(), env.random()).probe(uri, nonce);
        env.out().print(json ? ProbeJson.document(result) + "\n" : text(result));
        env.out().flush();
        return switch (result.decision().verdict().kind()) {
            case TRUSTED -> 0;
            case WARNING -> EXIT_WARNING;
            case REJECTED -> EXIT_REJECTED;
        };
    }

    private List<Cert> attestationAnchors() {
        try {
            return Anchors.fromFiles(AnchorSet.Kind.VENDOR, attestationAnchors, new CertificateReader()).certs();
        } catch (ContextException e) {
            throw new UserError("--attestation-anchor: " + e.getMessage());
        }
    }

    private URI parseUrl() {
        try {
            URI uri = new URI(url);
            Prober.target(uri);
            return uri;
        } catch (URISyntaxException e) {
            throw new UserError("URL: '" + url + "' is not a URL (" + e.getReason() + ")");
        } catch (IllegalArgumentException e) {
            throw new UserError("URL: " + e.getMessage());
        }
    }

    private static String text(ProbeResult r) {
        Decision d = r.decision();
        StringBuilder sb = new StringBuilder();
        sb.append(r.url());
        r.address().ifPresent(a -> sb.append("  (").append(a.getHostAddress())
                .append(r.protocol().map(p -> ", " + p).orElse("")).append(')'));
        sb.append('\n').append("verdict:  ").append(d.verdict()).append('\n');
        sb.append("practice: ").append(d.practice().map(p -> p + " (" + p.seedLabel() + ")").orElse("unknown")).append('\n');
        sb.append("          ").append(d.text()).append('\n');
        sb.append("reasons:\n");
        for (DecisionReason x : d.reasons()) {
            sb.append("  ").append(x.code()).append(": ").append(x.message()).append('\n');
        }
        if (!d.chain().isEmpty()) {
            sb.append("chain:\n");
            for (int i = 0; i < d.chain().size(); i++) {
                Cert c = d.chain().get(i);
                sb.append("  ").append(i).append(' ').append(c.label()).append("  (issuer ").append(c.issuer())
                        .append(", sha256 ").append(c.fingerprints().sha256(), 0, 16).append("…)\n");
            }
        }
        return sb.toString();
    }
}
