package io.localtrust.gateway;

import io.localtrust.authority.Gateway;
import io.localtrust.authority.KeyCustodyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops answering for a replaced issuing CA as soon as the root revokes it: {@code gateway
 * revoke-intermediate} (another process) rewrites DIR/root.crl, and {@link #poll} — one file
 * stat when nothing changed — reads it again (its root signature checked) and drops the CAs it
 * lists, so their certificates no longer get {@code good} or a CRL from this gateway.
 */
final class RootRevocationWatch {
    private static final Logger LOG = LoggerFactory.getLogger(RootRevocationWatch.class);

    private record Seen(FileTime modified, long size) {
    }

    private final Gateway gateway;
    private final Issuers issuers;
    private final OcspResponder ocsp;
    private Seen seen;

    RootRevocationWatch(Gateway gateway, Issuers issuers, OcspResponder ocsp) {
        this.gateway = gateway;
        this.issuers = issuers;
        this.ocsp = ocsp;
    }

    /** Drops the CAs the root CRL now revokes; true if one was dropped. */
    synchronized boolean poll() {
        Path file = gateway.files().rootCrl();
        Seen now;
        try {
            now = new Seen(Files.getLastModifiedTime(file), Files.size(file));
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            LOG.warn("cannot read {}: {}", file, e.getMessage());
            return false;
        }
        if (Objects.equals(now, seen)) {
            return false;
        }
        List<LiveIssuer> gone;
        try {
            gone = issuers.drop(gateway.revokedByRoot());
        } catch (KeyCustodyException e) {
            LOG.warn("root CRL not applied: {}", e.getMessage());
            return false; // read again at the next change
        }
        seen = now;
        if (gone.isEmpty()) {
            return false;
        }
        ocsp.issuersDropped();
        LOG.info("the root revoked {}: no more OCSP answers or CRLs for its certificates", gone);
        return true;
    }
}
