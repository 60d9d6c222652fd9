package io.localtrust.agent.web;

import io.localtrust.tokens.DeviceStatus;
import io.localtrust.tokens.Nonce;
import io.localtrust.tokens.SignedToken;
import io.localtrust.tokens.StatusReport;
import io.localtrust.tokens.StatusTokenSigner;
import io.localtrust.tokens.TokenFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

/**
 * {@code GET /.well-known/local-device/status} (DESIGN.md §4, docs/tokens.md): the device's
 * status, signed with its TLS key — a JWT by default, a COSE_Sign1 CWT when the client's
 * {@code Accept} prefers {@code application/cose}. The client's {@code nonce} query parameter
 * (8–64 visible ASCII characters, at most once) is echoed; anything else there is a 400 naming the
 * problem. Never cached ({@code Cache-Control: no-store}, {@code Vary: Accept}). The signer is
 * replaced after every certificate installation, so a token always names the chain the TLS
 * connection presents; until there is one (the HTTPS port is not bound then anyway) it is a 503.
 */
public final class StatusTokenRoute implements Route {
    public static final String PATH = "/.well-known/local-device/status";
    private final String deviceName;
    private final String firmwareVersion;
    private final Supplier<DeviceStatus> status;
    private volatile Optional<StatusTokenSigner> signer = Optional.empty();

    public StatusTokenRoute(String deviceName, String firmwareVersion, Supplier<DeviceStatus> status) {
        this.deviceName = deviceName;
        this.firmwareVersion = firmwareVersion;
        this.status = status;
    }

    /** Signs with this from now on (the signer of the chain just installed). */
    public void use(StatusTokenSigner s) {
        signer = Optional.of(s);
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public Page handle(Request request) throws Exception {
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return Page.text(405, "only GET reads the status token\n").with("Allow", "GET, HEAD");
        }
        Fields query;
        try {
            query = Request.extractQueryParameters(request);
        } catch (RuntimeException e) {
            return Page.text(400, "bad query string: not readable as name=value pairs in UTF-8\n");
        }
        Optional<Nonce> nonce;
        try {
            nonce = nonce(query);
        } catch (IllegalArgumentException e) {
            return Page.text(400, "bad nonce: " + e.getMessage() + "\n");
        }
        Optional<TokenFormat> format = format(request.getHeaders().getQualityCSV(HttpHeader.ACCEPT));
        if (format.isEmpty()) {
            return Page.text(406, "the status token is application/jwt or application/cose\n").with("Vary", "Accept");
        }
        Optional<StatusTokenSigner> s = signer;
        if (s.isEmpty()) {
            return Page.text(503, "no certificate yet: nothing to sign the status with\n").with("Retry-After", "10");
        }
        SignedToken token = s.get().sign(format.get(), new StatusReport(deviceName, firmwareVersion, status.get()), nonce);
        return new Page(200, token.mediaType(), token.encoded(), Map.of("Vary", "Accept", "Cache-Control", "no-store"));
    }

    /** The {@code nonce} query parameter, if given once; bad or repeated is an {@link IllegalArgumentException}. */
    static Optional<Nonce> nonce(Fields query) {
        Fields.Field f = query.get("nonce");
        if (f == null) {
            return Optional.empty();
        }
        if (f.getValues().size() != 1) {
            throw new IllegalArgumentException("give the nonce once, not " + f.getValues().size() + " times");
        }
        return Optional.of(new Nonce(f.getValue()));
    }

    /** The client's most preferred format: COSE when it names application/cose first, else JWT when it takes that. */
    static Optional<TokenFormat> format(List<String> accept) {
        if (accept.isEmpty()) {
            return Optional.of(TokenFormat.JWT);
        }
        for (String a : accept) {
            String type = a.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            Optional<TokenFormat> f = TokenFormat.fromMediaType(type);
            if (f.isPresent()) {
                return f;
            }
            if (type.equals("*/*") || type.equals("application/*")) {
                return Optional.of(TokenFormat.JWT);
            }
        }
        return Optional.empty();
    }
}
