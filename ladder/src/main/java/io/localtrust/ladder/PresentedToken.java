package io.localtrust.ladder;

import io.localtrust.tokens.Nonce;
import io.localtrust.tokens.TokenFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * A device status token as fetched from {@code /.well-known/local-device/status} (DESIGN.md §4).
 *
 * @param format    from the response's Content-Type
 * @param bytes     the response body
 * @param nonceSent the nonce the client put in {@code ?nonce=}, if any
 */
public record PresentedToken(TokenFormat format, byte[] bytes, Optional<Nonce> nonceSent) {
    public PresentedToken {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(nonceSent, "nonceSent");
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }
}
