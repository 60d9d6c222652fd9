package io.localtrust.trust;

import io.localtrust.x509.Cert;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Certificates already decoded for path validation, by certificate (DER equality): a client that
 * meets the same device, or the same issuing CA, again does not decode its extensions again. A
 * {@link Node} is immutable, so sharing one between threads and decisions is safe. Bounded: cleared
 * when full, so a long-lived engine's memory stays bounded.
 */
final class NodeCache {
    private static final int MAX_CACHED = 4_096;
    private final Map<Cert, Node> nodes = new ConcurrentHashMap<>();

    /** The decoded certificate; a malformed one throws as {@link Node#of} does, and is not remembered. */
    Node node(Cert cert) {
        Node known = nodes.get(cert);
        if (known != null) {
            return known;
        }
        Node fresh = Node.of(cert);
        if (nodes.size() >= MAX_CACHED) {
            nodes.clear();
        }
        nodes.put(cert, fresh);
        return fresh;
    }
}
