package io.localtrust.practice.context;

import io.localtrust.x509.Cert;
import java.util.List;
import java.util.Objects;

/**
 * A named set of trust anchors.
 *
 * @param kind   what the anchors are for
 * @param source where they came from ("JDK cacerts", a file name)
 * @param certs  the anchor certificates
 */
public record AnchorSet(Kind kind, String source, List<Cert> certs) {

    /** The three kinds of anchor the classifier distinguishes (DESIGN.md §2, §3). */
    public enum Kind {
        /** Web PKI roots: a chain to one of these is U-CA/S. */
        PUBLIC,
        /** The user's gateway or enterprise CA: a chain to one is U-L/S. */
        LOCAL,
        /** A device vendor's or IoT authority's root: genuine device, ownership unknown. */
        VENDOR
    }

    public AnchorSet {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        certs = List.copyOf(certs);
    }

    public static AnchorSet empty(Kind kind) {
        return new AnchorSet(kind, "none", List.of());
    }

    public boolean isEmpty() {
        return certs.isEmpty();
    }
}
