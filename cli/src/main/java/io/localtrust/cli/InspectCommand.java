package io.localtrust.cli;

import io.localtrust.practice.Classifier;
import io.localtrust.practice.DeviceAssessment;
import io.localtrust.practice.FleetView;
import io.localtrust.practice.InMemoryFleet;
import io.localtrust.practice.context.TrustContext;
import io.localtrust.practice.json.DeviceJson;
import io.localtrust.practice.observe.DeviceObservation;
import io.localtrust.practice.observe.EndpointObservation;
import io.localtrust.practice.observe.TlsObservation;
import io.localtrust.x509.CertChain;
import io.localtrust.x509.CertificateParseException;
import io.localtrust.x509.CertificateReader;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code localtrust inspect FILE…}: classify certificate files as devices would present them. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {
            "Classify certificate files by the seed's certificate practices.",
            "Reads certificate chains (PEM or DER, leaf first) and reports each one's certificate practice "
                    + "(the seed's seven types), what it means for a user, and findings sorted by severity. "
                    + "Each FILE is one device; the same key in two FILEs makes both 'shared'."},
        footer = {"", "Examples:",
            "  localtrust inspect printer.pem",
            "  localtrust inspect --json --local-anchor gateway-root.pem printer.pem cam.pem",
            "", "Exit codes: 0 inspected, 1 internal error, 2 bad input or options."})
final class InspectCommand implements Callable<Integer> {
    private static final int MAX_OCSP_BYTES = 1 << 20;

    private final Env env;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Certificate chain files, leaf first.")
    List<Path> files = new ArrayList<>();

    @Mixin
    TrustOptions trust = new TrustOptions();

    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Option(names = "--json", description = "Print the stable JSON record (docs/json.md) instead of text.")
    boolean json;

    @Option(names = "--ocsp-response", paramLabel = "FILE",
            description = "An OCSP response (DER or PEM) for the leaf, checked as if stapled; needs exactly one FILE.")
    Path ocspResponse;

    @Option(names = "--at", paramLabel = "INSTANT",
            description = "Judge validity at this time (ISO-8601, e.g. 2027-01-01T00:00:00Z) instead of now.")
    String at;

    InspectCommand(Env env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        Instant when = parseAt();
        if (ocspResponse != null && files.size() != 1) {
            throw new UserError("--ocsp-response applies to one certificate file; " + files.size() + " were given");
        }
        Optional<byte[]> ocsp = ocspResponse == null ? Optional.empty() : Optional.of(readOcsp(ocspResponse));
        CertificateReader reader = new CertificateReader();
        List<DeviceObservation> devices = new ArrayList<>();
        for (Path f : files) {
            CertChain chain;
            try {
                chain = CertChain.of(reader.read(f));
            } catch (CertificateParseException e) {
                throw new UserError(e.getMessage().startsWith(f.toString()) ? e.getMessage() : f + ": " + e.getMessage());
            }
            devices.add(new DeviceObservation(Optional.empty(), f.toString(), when,
                    List.of(EndpointObservation.file(TlsObservation.fromFile(chain, ocsp)))));
        }
        TrustContext context = trust.load();
        FleetView fleet = InMemoryFleet.of(devices);
        Classifier classifier = Classifier.standard();
        List<DeviceAssessment> assessments = devices.stream().map(d -> classifier.classify(d, context, fleet)).toList();
        if (json) {
            env.out().println(DeviceJson.inspectDocument(assessments, env.clock().instant()));
        } else {
            for (int i = 0; i < assessments.size(); i++) {
                if (i > 0) {
                    env.out().println();
                }
                env.out().print(HumanReport.render(assessments.get(i)));
            }
        }
        env.out().flush();
        return 0;
    }

    private Instant parseAt() {
        if (at == null) {
            return env.clock().instant();
        }
        try {
            return Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw new UserError("--at: '" + at + "' is not an ISO-8601 instant such as 2027-01-01T00:00:00Z");
        }
    }

    private static byte[] readOcsp(Path file) {
        return DerFiles.read(file, "an OCSP response", "[A-Z ]+", MAX_OCSP_BYTES);
    }
}
