package io.localtrust.practice;

import io.localtrust.lint.Finding;
import io.localtrust.lint.Severity;
import java.util.List;

/**
 * The findings the classifier itself emits (the linter's are in the lint module). Codes are
 * stable: reports and other tools key on them. docs/findings.md lists every code.
 */
public enum Findings {
    NO_TLS(Severity.CRITICAL, "No HTTPS endpoint answered, only plain HTTP: passwords and settings cross the LAN in the clear"),
    SHARED_KEY(Severity.CRITICAL, "The same key is presented by several devices: whoever holds one can impersonate all of them"),
    COMPROMISED_KEY(Severity.CRITICAL, "The private key is published (firmware extraction or a broken generator): anyone can impersonate this device"),
    REVOKED(Severity.CRITICAL, "The issuer has revoked this certificate"),
    SELF_SIGNED(Severity.HIGH, "Self-signed: nothing vouches for this key, browsers warn, and an impostor looks the same"),
    UNTRUSTED_ISSUER(Severity.HIGH, "Issued by a CA that is not trusted here: browsers warn"),
    HTTP_NOT_REDIRECTED(Severity.MEDIUM, "Plain HTTP is served without a redirect to HTTPS: users can be downgraded and send passwords in the clear"),
    OCSP_RESPONSE_INVALID(Severity.MEDIUM, "The stapled OCSP response is unusable (unparsable, wrong signer, or stale)"),
    NO_OCSP_STAPLING(Severity.LOW, "The certificate names an OCSP responder but the server staples no response (the seed prefers stapling)"),
    VENDOR_ANCHOR(Severity.INFO, "Chains to a configured vendor / IoT-authority anchor: a genuine device of that vendor, ownership unknown"),
    LOCAL_ANCHOR(Severity.INFO, "Chains to a configured local (gateway) anchor"),
    PUBLIC_ANCHOR(Severity.INFO, "Chains to a publicly trusted root"),
    ENDPOINT_ERROR(Severity.INFO, "An endpoint gave no usable answer");

    private final Severity severity;
    private final String description;

    Findings(Severity severity, String description) {
        this.severity = severity;
        this.description = description;
    }

    public Severity severity() {
        return severity;
    }

    public String description() {
        return description;
    }

    /** A finding of this code with a specific one-line message. */
    public Finding with(String message) {
        return new Finding(name(), severity, message);
    }

    /** A finding with the generic description as its message. */
    public Finding generic() {
        return with(description);
    }

    public static List<Findings> all() {
        return List.of(values());
    }
}
