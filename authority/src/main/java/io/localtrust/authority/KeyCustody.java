package io.localtrust.authority;

import io.localtrust.x509.Cert;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a gateway's CA keys live, as recorded in {@code gateway.json}: in files in the gateway
 * directory (root: encrypted PKCS#12; issuing: a 0600 PKCS#8 file), or in a PKCS#11 token under
 * two labels, never on disk.
 *
 * @param kind         files or pkcs11
 * @param pkcs11Config the SunPKCS11 configuration file (absolute; pkcs11 only)
 * @param rootLabel    the root key's label in the token (pkcs11 only)
 * @param issuingLabel the issuing key's label in the token (pkcs11 only)
 * @param pinFile      a file whose first line is the token PIN, for unattended starts (optional;
 *                     {@value #PIN_ENV} takes precedence)
 */
public record KeyCustody(Kind kind, Path pkcs11Config, String rootLabel, String issuingLabel, Path pinFile) {
    /** Environment variable holding the token PIN. */
    public static final String PIN_ENV = "LOCALTRUST_PKCS11_PIN";
    public static final String ROOT_LABEL = "localtrust-root";
    public static final String ISSUING_LABEL = "localtrust-issuing";

    /** Where the keys are. */
    public enum Kind {
        FILES("files"), PKCS11("pkcs11");

        private final String json;

        Kind(String json) {
            this.json = json;
        }

        public String json() {
            return json;
        }

        static Kind parse(String s) {
            for (Kind k : values()) {
                if (k.json.equals(s)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown key custody '" + s + "'");
        }
    }

    public KeyCustody {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.PKCS11) {
            Objects.requireNonNull(pkcs11Config, "pkcs11Config");
            Objects.requireNonNull(rootLabel, "rootLabel");
            Objects.requireNonNull(issuingLabel, "issuingLabel");
            if (rootLabel.isBlank() || issuingLabel.isBlank() || rootLabel.equals(issuingLabel)) {
                throw new IllegalArgumentException("the root and issuing keys need two different, non-empty labels");
            }
            pkcs11Config = pkcs11Config.toAbsolutePath().normalize();
            pinFile = pinFile == null ? null : pinFile.toAbsolutePath().normalize();
        }
    }

    /** Keys in files in the gateway directory (the default). */
    public static KeyCustody files() {
        return new KeyCustody(Kind.FILES, null, null, null, null);
    }

    /** Keys in the token CONFIG points at, under the default labels. */
    public static KeyCustody pkcs11(Path config, Path pinFile) {
        return new KeyCustody(Kind.PKCS11, config, ROOT_LABEL, ISSUING_LABEL, pinFile);
    }

    public boolean inToken() {
        return kind == Kind.PKCS11;
    }

    /**
     * The token PIN: {@value #PIN_ENV} if set, else the first line of the recorded PIN file.
     * Never a command-line argument (those show in {@code ps}).
     */
    char[] pin(Map<String, String> environment) throws KeyCustodyException {
        String env = environment.get(PIN_ENV);
        if (env != null && !env.isEmpty()) {
            return env.toCharArray();
        }
        if (pinFile == null) {
            throw new KeyCustodyException("no PKCS#11 PIN: set " + PIN_ENV + " (the gateway was made without --pin-file)");
        }
        return readPin(pinFile);
    }

    /** The first line of FILE, the PIN. */
    public static char[] readPin(Path file) throws KeyCustodyException {
        try {
            String first = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("");
            if (first.isEmpty()) {
                throw new KeyCustodyException(file + ": the PIN file is empty");
            }
            return first.toCharArray();
        } catch (NoSuchFileException e) {
            throw new KeyCustodyException(file + ": no such PIN file");
        } catch (IOException e) {
            throw new KeyCustodyException(file + ": cannot read the PIN file (" + e.getMessage() + ")");
        }
    }

    /**
     * The issuing key of an opened gateway, checked against its certificate, ready to sign: a
     * Bouncy Castle key read from {@code intermediate-key.pem}, or the token's key under
     * {@link #issuingLabel} signed with through the token's SunPKCS11 provider.
     */
    SigningKey issuingKey(GatewayFiles files, Cert intermediate, Map<String, String> environment) throws KeyCustodyException {
        return issuingKeys(files, intermediate, List.of(), environment).current();
    }

    /**
     * The keys an opened gateway signs with.
     *
     * @param current the issuing CA's key
     * @param retired the kept key of each replaced issuing CA that still has one, by that CA's serial
     */
    record IssuingKeys(SigningKey current, Map<BigInteger, SigningKey> retired) {
        IssuingKeys {
            retired = Map.copyOf(retired);
        }
    }

    /**
     * The current issuing key (as {@link #issuingKey}) and the kept keys of the replaced issuing
     * CAs in {@code retired}, each checked against its certificate. A replaced CA without a kept
     * key (revoked: its key was deleted) is left out; a kept key that does not belong to its
     * certificate stops the gateway, as a wrong current key does.
     */
    IssuingKeys issuingKeys(GatewayFiles files, Cert intermediate, List<Cert> retired, Map<String, String> environment)
            throws KeyCustodyException {
        PublicKey issuingPublic = publicKey(intermediate, files.intermediatePem());
        Map<BigInteger, SigningKey> kept = new HashMap<>();
        if (!inToken()) {
            SigningKey current = fileKey(files.intermediateKey(), issuingPublic, files.intermediatePem());
            for (Cert c : retired) {
                Path key = files.retiredIntermediateKey(c.serial());
                if (Files.exists(key)) {
                    kept.put(c.serial(), fileKey(key, publicKey(c, files.retiredIntermediatePem(c.serial())),
                            files.retiredIntermediatePem(c.serial())));
                }
            }
            return new IssuingKeys(current, kept);
        }
        char[] pin = pin(environment);
        try {
            // stays logged in for the gateway's life: the token signs every certificate, OCSP response and CRL
            @SuppressWarnings("resource")
            Pkcs11Token token = Pkcs11Token.login(pkcs11Config, pin);
            SigningKey current = token.signingKey(issuingLabel, issuingPublic);
            for (Cert c : retired) {
                Optional<SigningKey> k = tokenKey(token, c, publicKey(c, files.retiredIntermediatePem(c.serial())));
                if (k.isPresent()) {
                    kept.put(c.serial(), k.get());
                }
            }
            return new IssuingKeys(current, kept);
        } catch (KeyCustodyException e) {
            if (e.getMessage().endsWith(Pkcs11Token.WRONG_PIN)) {
                String from = environment.get(PIN_ENV) != null && !environment.get(PIN_ENV).isEmpty() ? "$" + PIN_ENV
                        : String.valueOf(pinFile);
                throw new KeyCustodyException(e.getMessage() + " (from " + from + ")", e);
            }
            throw e;
        } finally {
            java.util.Arrays.fill(pin, '\0');
        }
    }

    private static PublicKey publicKey(Cert c, Path file) throws KeyCustodyException {
        try {
            return KeyFiles.toBcPublic(c.spkiDer());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KeyCustodyException(file + ": unusable public key");
        }
    }

    private static SigningKey fileKey(Path keyFile, PublicKey expected, Path certFile) throws KeyCustodyException {
        PrivateKey key = KeyFiles.readIntermediateKey(keyFile);
        SigningKey signing = SigningKey.bouncyCastle(key, expected);
        if (!KeyFiles.matches(signing)) {
            throw new KeyCustodyException(keyFile + " does not belong to " + certFile);
        }
        return signing;
    }

    /**
     * A replaced CA's key in the token: new-intermediate leaves it under the label it had — the
     * base label (the CA made at init) or base-SERIAL — and revoke-intermediate deletes it.
     */
    private Optional<SigningKey> tokenKey(Pkcs11Token token, Cert retired, PublicKey expected) throws KeyCustodyException {
        String base = RootOperations.baseLabel(issuingLabel);
        for (String label : new String[] {base + "-" + retired.serial().toString(16), base}) {
            if (label.equals(issuingLabel) || !token.holds(label)) {
                continue;
            }
            try {
                return Optional.of(token.signingKey(label, expected));
            } catch (KeyCustodyException notThisOne) {
                // another CA's key under the base label
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return inToken() ? "pkcs11[" + pkcs11Config + ", " + rootLabel + ", " + issuingLabel + "]" : "files";
    }
}
