package io.localtrust.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * {@code /crl/root.crl}: the root's CRL (DIR/root.crl), which the issuing CAs' CRL distribution
 * point names. The root key is offline, so this CRL is signed only at init and by {@code gateway
 * revoke-intermediate} (valid a year); the file is re-read when it changes, so a running gateway
 * serves a revocation made from the shell without a restart.
 */
final class RootCrlEndpoint {
    private final Path file;
    private volatile Cached cached;

    private record Cached(FileTime modified, long size, byte[] der) {
    }

    RootCrlEndpoint(Path file) {
        this.file = file;
    }

    Routes routes() {
        return new Routes().add("GET", "/crl/root.crl", this::get);
    }

    /** {@code GET /crl/root.crl}. */
    Reply get(Call call) throws HttpProblem {
        byte[] der;
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            Cached c = cached;
            if (c == null || !c.modified().equals(modified) || c.size() != size) {
                c = new Cached(modified, size, Files.readAllBytes(file));
                cached = c;
            }
            der = c.der();
        } catch (NoSuchFileException e) {
            throw HttpProblem.notFound("this gateway has no root CRL yet (made before root CRLs: `gateway new-intermediate` writes one)");
        } catch (IOException e) {
            throw new HttpProblem(503, "not-ready", "Service unavailable", "the root CRL cannot be read");
        }
        return Reply.ok(CrlPublisher.MEDIA_TYPE, der).withHeader("Cache-Control", "max-age=300, public, no-transform");
    }
}
