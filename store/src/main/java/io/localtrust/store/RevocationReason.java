package io.localtrust.store;

import java.util.Locale;
import java.util.Optional;

/** CRLReason (RFC 5280 §5.3.1), with its code. Code 7 is not used by the RFC. */
public enum RevocationReason {
    UNSPECIFIED(0), KEY_COMPROMISE(1), CA_COMPROMISE(2), AFFILIATION_CHANGED(3), SUPERSEDED(4),
    CESSATION_OF_OPERATION(5), CERTIFICATE_HOLD(6), REMOVE_FROM_CRL(8), PRIVILEGE_WITHDRAWN(9), AA_COMPROMISE(10);

    private final int code;

    RevocationReason(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The RFC's camelCase name: "keyCompromise". */
    public String rfcName() {
        String[] parts = name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder sb = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            sb.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return sb.toString();
    }

    /** Parses "keyCompromise", "key-compromise", "KEY_COMPROMISE" or the number. */
    public static Optional<RevocationReason> parse(String text) {
        String t = text.trim().replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
        for (RevocationReason r : values()) {
            if (r.name().replace("_", "").toLowerCase(Locale.ROOT).equals(t) || String.valueOf(r.code).equals(t)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    public static Optional<RevocationReason> ofCode(int code) {
        for (RevocationReason r : values()) {
            if (r.code == code) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
