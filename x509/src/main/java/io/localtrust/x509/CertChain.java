package io.localtrust.x509;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A chain as presented: the leaf first, then whatever the presenter sent after it (RFC 8446
 * §4.4.2 lets servers send extra or unordered certificates; path building happens elsewhere).
 *
 * <p>{@link #of} rejects what cannot be a chain at all: no certificates, the same certificate
 * twice, or issuer links that go round in a loop (A issued by B issued by A).
 */
public record CertChain(List<Cert> certs) {

    public CertChain {
        certs = List.copyOf(certs);
        if (certs.isEmpty()) {
            throw new IllegalArgumentException("a chain holds at least one certificate");
        }
    }

    /** Checks the presented order for duplicates and issuer loops, then wraps it. */
    public static CertChain of(List<Cert> certs) throws CertificateParseException {
        Objects.requireNonNull(certs, "certs");
        if (certs.isEmpty()) {
            throw new CertificateParseException("no certificate found");
        }
        Map<Cert, Integer> seen = new HashMap<>();
        for (int i = 0; i < certs.size(); i++) {
            Integer first = seen.putIfAbsent(certs.get(i), i);
            if (first != null) {
                throw new CertificateParseException("chain loops: certificate " + (i + 1)
                        + " repeats certificate " + (first + 1) + " ('" + certs.get(i).label() + "')");
            }
        }
        rejectIssuerLoop(certs);
        return new CertChain(certs);
    }

    /** Follows issuer → subject links from the leaf; revisiting a certificate is a loop. */
    private static void rejectIssuerLoop(List<Cert> certs) throws CertificateParseException {
        List<Cert> path = new ArrayList<>();
        Cert current = certs.get(0);
        while (current != null && !current.selfIssued()) {
            if (path.contains(current)) {
                StringBuilder names = new StringBuilder();
                for (Cert c : path.subList(path.indexOf(current), path.size())) {
                    names.append('\'').append(c.label()).append("' → ");
                }
                names.append('\'').append(current.label()).append('\'');
                throw new CertificateParseException("chain loops: " + names);
            }
            path.add(current);
            Cert child = current;
            current = certs.stream().filter(c -> c != child && c.issued(child)).findFirst().orElse(null);
        }
    }

    public Cert leaf() {
        return certs.get(0);
    }

    /** Everything after the leaf, in presented order. */
    public List<Cert> rest() {
        return certs.subList(1, certs.size());
    }

    public int size() {
        return certs.size();
    }
}
