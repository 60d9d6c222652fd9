package io.localtrust.authority;

import io.localtrust.x509.Cert;
import java.util.List;
import java.util.Objects;

/**
 * A certificate the authority issued and the store has durably recorded.
 *
 * @param leaf  the device certificate
 * @param chain leaf then the issuing intermediate (what a TLS server sends)
 * @param devId the device's dev-id
 */
public record Issued(Cert leaf, List<Cert> chain, String devId) {
    public Issued {
        Objects.requireNonNull(leaf, "leaf");
        chain = List.copyOf(chain);
        Objects.requireNonNull(devId, "devId");
    }
}
