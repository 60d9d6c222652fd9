package io.localtrust.agent.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.localtrust.x509.Cert;
import io.localtrust.x509.CertChain;
import io.localtrust.x509.CertificateParseException;
import io.localtrust.x509.CertificateReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The device's state directory — every path built here, every file written atomically:
 *
 * <pre>
 * device.json          who the device is (public)                         {@link DeviceState}
 * device-key.p12       the device key, PKCS#12, 0600 (absent with --pkcs11)
 * acme-account.p12     the ACME account key, PKCS#12, 0600 (not the device's identity)
 * admin-password       the admin login's password hash (Argon2id), 0600
 * chain.pem            the issued chain, leaf first (public)
 * gateway-root.pem     the gateway root this device trusts (public)
 * </pre>
 */
public final class StateDir {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path dir;

    public StateDir(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public Path dir() {
        return dir;
    }

    public Path stateFile() {
        return dir.resolve("device.json");
    }

    public Path deviceKeyFile() {
        return dir.resolve("device-key.p12");
    }

    /** Where a first boot writes the key before device.json commits it. */
    Path pendingDeviceKeyFile() {
        return dir.resolve("device-key.p12.new");
    }

    public Path accountKeyFile() {
        return dir.resolve("acme-account.p12");
    }

    public Path passwordFile() {
        return dir.resolve("admin-password");
    }

    public Path chainFile() {
        return dir.resolve("chain.pem");
    }

    public Path gatewayRootFile() {
        return dir.resolve("gateway-root.pem");
    }

    /** Creates the directory (0700) if needed. */
    public void create() throws IdentityException {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
            }
            if (!Files.isWritable(dir)) {
                throw new IdentityException(dir + ": the state directory is not writable");
            }
        } catch (IOException e) {
            throw new IdentityException(dir + ": cannot create the state directory (" + e.getMessage() + ")", e);
        }
    }

    public Optional<DeviceState> readState() throws IdentityException {
        if (!Files.exists(stateFile())) {
            return Optional.empty();
        }
        try {
            DeviceState s = JSON.readValue(stateFile().toFile(), DeviceState.class);
            if (!DeviceState.FORMAT.equals(s.format())) {
                throw new IdentityException(stateFile() + " is not a localtrust device state (format " + s.format() + ")");
            }
            return Optional.of(s);
        } catch (IOException | RuntimeException e) {
            throw new IdentityException(stateFile() + " is damaged: not a readable localtrust device state", e);
        }
    }

    public void writeState(DeviceState s) throws IOException {
        SecretFiles.writePublic(stateFile(), JSON.writeValueAsBytes(s));
    }

    /** The installed chain, if any; a damaged file is an error, never a silent re-enrolment. */
    public Optional<CertChain> readChain() throws IdentityException {
        Optional<CertChain> read = readPem(chainFile());
        if (read.isEmpty()) {
            return read;
        }
        try {
            return Optional.of(CertChain.of(read.get().certs()));
        } catch (CertificateParseException e) {
            throw new IdentityException(chainFile() + " is damaged: " + e.getMessage(), e);
        }
    }

    public void writeChain(CertChain chain) throws IOException {
        StringBuilder pem = new StringBuilder();
        chain.certs().forEach(c -> pem.append(c.pem()));
        SecretFiles.writePublic(chainFile(), pem.toString().getBytes(StandardCharsets.US_ASCII));
    }

    public Optional<Cert> readGatewayRoot() throws IdentityException {
        return readPem(gatewayRootFile()).map(c -> c.certs().get(0));
    }

    public void writeGatewayRoot(Cert root) throws IOException {
        SecretFiles.writePublic(gatewayRootFile(), root.pem().getBytes(StandardCharsets.US_ASCII));
    }

    private static Optional<CertChain> readPem(Path file) throws IdentityException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            var certs = new CertificateReader().read(file);
            if (certs.isEmpty()) {
                throw new IdentityException(file + " is damaged: it holds no certificate");
            }
            return Optional.of(new CertChain(certs));
        } catch (CertificateParseException e) {
            throw new IdentityException(file + " is damaged: " + e.getMessage(), e);
        }
    }
}
