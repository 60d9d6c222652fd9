package io.localtrust.practice.context;

import io.localtrust.lint.keys.CompromisedKeys;
import java.util.Objects;

/**
 * What the classifier measures a chain against.
 *
 * @param publicRoots  web PKI roots (the JDK's cacerts by default)
 * @param localAnchors gateway / enterprise CAs the user installed
 * @param vendorAnchors device-vendor and IoT-authority roots
 * @param compromised  keys known to be public
 */
public record TrustContext(AnchorSet publicRoots, AnchorSet localAnchors, AnchorSet vendorAnchors,
                           CompromisedKeys compromised) {
    public TrustContext {
        Objects.requireNonNull(publicRoots, "publicRoots");
        Objects.requireNonNull(localAnchors, "localAnchors");
        Objects.requireNonNull(vendorAnchors, "vendorAnchors");
        Objects.requireNonNull(compromised, "compromised");
        if (publicRoots.kind() != AnchorSet.Kind.PUBLIC || localAnchors.kind() != AnchorSet.Kind.LOCAL
                || vendorAnchors.kind() != AnchorSet.Kind.VENDOR) {
            throw new IllegalArgumentException("anchor sets passed in the wrong places");
        }
    }
}
