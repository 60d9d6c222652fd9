package io.localtrust.agent.web;

import io.localtrust.tokens.AttestationClaims;
import io.localtrust.tokens.AttestationVerifier;
import io.localtrust.tokens.TokenFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Map;
import org.eclipse.jetty.server.Request;

/**
 * {@code /.well-known/local-device/attestation} (DESIGN.md §4): the attestation token an authority
 * (the vendor's attestation service, an IoT authority, an ownership service) signed for this
 * device's key, served as it was given ({@code device run --attestation FILE}): a JWS as
 * {@code application/jwt}, a COSE_Sign1 as {@code application/cose}. The device cannot
 * verify it (it holds no anchor) and need not: clients do, against the authorities they configure
 * (the ladder's {@code TRUSTED_ATTESTED}). It checks only that the token is about its own key, so a
 * token copied to the wrong device is a clear refusal to start rather than a silent non-attestation.
 */
public final class AttestationRoute implements Route {
    public static final String PATH = "/.well-known/local-device/attestation";

    private final byte[] token;
    private final TokenFormat format;

    private AttestationRoute(byte[] token, TokenFormat format) {
        this.token = token.clone();
        this.format = format;
    }

    /**
     * The token in {@code file}, which must be an attestation binding {@code deviceKey}.
     *
     * @throws IllegalArgumentException unreadable, not an attestation, or about another key (one line)
     */
    public static AttestationRoute fromFile(Path file, PublicKey deviceKey) {
        byte[] bytes;
        try {
            if (Files.size(file) > AttestationVerifier.MAX_TOKEN_BYTES) {
                throw new IllegalArgumentException(file + ": " + Files.size(file) + " bytes is too large for an attestation token (at most "
                        + AttestationVerifier.MAX_TOKEN_BYTES + ")");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such attestation file", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the attestation (" + e.getMessage() + ")", e);
        }
        String bound;
        try {
            bound = AttestationVerifier.unverifiedBinding(bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        String own = AttestationClaims.thumbprintOf(deviceKey.getEncoded())
                .orElseThrow(() -> new IllegalArgumentException("this device's key cannot be named in an attestation"));
        if (!bound.equals(own)) {
            throw new IllegalArgumentException(file + ": the attestation binds key " + bound + ", not this device's key " + own
                    + " (a token for another device?)");
        }
        boolean cose = AttestationVerifier.formatOf(bytes) == TokenFormat.COSE; // binary: served as it is
        return new AttestationRoute(cose ? bytes : new String(bytes, java.nio.charset.StandardCharsets.US_ASCII).strip()
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII), cose ? TokenFormat.COSE : TokenFormat.JWT);
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public Page handle(Request request) {
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return Page.text(405, "only GET reads the attestation\n").with("Allow", "GET, HEAD");
        }
        return new Page(200, format.mediaType(), token, Map.of("Cache-Control", "no-cache"));
    }
}
