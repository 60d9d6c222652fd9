package io.localtrust.agent.identity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The device's identity, made at first boot and the same at every later start: its key (in a
 * PKCS#12 file or a PKCS#11 token), its name and dev-id ({@code device.json}), and its ACME
 * account key. A key that is lost or damaged while {@code device.json} says the device exists is
 * never replaced silently — a new key is a new device, which needs the owner's approval again —
 * so the start is refused until the owner asks for {@code --reset-identity}.
 *
 * <p>First boot is all-or-nothing: the PKCS#12 key is written to {@code device-key.p12.new},
 * then {@code device.json} (the commit point), then the key is renamed into place. A boot
 * interrupted before the commit point starts again from nothing; one interrupted after it is
 * finished by the next start.
 *
 * @param state   what device.json says
 * @param key     the device key
 * @param account the ACME account key (not the identity: the gateway refuses a device key as an account key)
 * @param created true on the start that made it
 */
public record DeviceIdentity(DeviceState state, DeviceKey key, DeviceKey account, boolean created) {
    public DeviceIdentity {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(account, "account");
    }

    public String devId() {
        return key.devId();
    }

    /** What to open or make, and how. */
    public record Request(StateDir dir, String name, Optional<KeyCustody> token, boolean reset) {
        public Request {
            Objects.requireNonNull(dir, "dir");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(token, "token");
        }
    }

    /**
     * Opens the identity kept in the state directory, or makes one at first boot.
     *
     * @throws IdentityException damaged or missing state, a key that is not the device's, a name
     *         that is not the device's — each naming the way out
     */
    public static DeviceIdentity open(Request r, Clock clock, SecureRandom random) throws IdentityException {
        StateDir dir = r.dir();
        dir.create();
        String custodyKind = r.token().isPresent() ? "pkcs11" : "pkcs12";
        KeyCustody custody = r.token().orElseGet(() -> new Pkcs12Custody(dir.deviceKeyFile(), "device"));
        KeyCustody account = new Pkcs12Custody(dir.accountKeyFile(), "acme-account");
        if (r.reset()) {
            reset(dir, custody, account);
        }
        Optional<DeviceState> existing = dir.readState();
        if (existing.isEmpty()) {
            return firstBoot(r, custodyKind, custody, account, clock, random);
        }
        DeviceState s = existing.get();
        if (!s.custody().equals(custodyKind)) {
            throw new IdentityException(dir.stateFile() + ": this device's key is in " + (s.custody().equals("pkcs11")
                    ? "a PKCS#11 token: start it with --pkcs11" : "its PKCS#12 file: start it without --pkcs11"));
        }
        if (!s.name().equals(r.name())) {
            throw new IdentityException(dir.stateFile() + ": this device is " + s.name() + ", not " + r.name()
                    + " (--reset-identity makes a new device)");
        }
        finishFirstBoot(dir, custodyKind);
        DeviceKey key;
        try {
            key = custody.open();
        } catch (IdentityException e) {
            throw new IdentityException(e.getMessage() + ": the key of device " + s.devId() + " is lost, refusing to start"
                    + " (a new key is a new device, which needs the owner's approval again: --reset-identity makes one)", e);
        }
        if (!key.devId().equals(s.devId())) {
            throw new IdentityException(custody.describe() + " holds the key of device " + key.devId() + ", but "
                    + dir.stateFile() + " is device " + s.devId() + ": refusing to start (--reset-identity makes a new device)");
        }
        DeviceKey acct = account.exists() ? account.open() : account.create(random, clock.instant());
        return new DeviceIdentity(s, key, acct, false);
    }

    private static DeviceIdentity firstBoot(Request r, String custodyKind, KeyCustody custody, KeyCustody account,
                                            Clock clock, SecureRandom random) throws IdentityException {
        StateDir dir = r.dir();
        Instant now = clock.instant();
        if (custodyKind.equals("pkcs12")) {
            if (Files.exists(dir.deviceKeyFile())) {
                throw new IdentityException(dir.dir() + " holds a device key but no device.json: the state is damaged,"
                        + " refusing to start (--reset-identity makes a new device)");
            }
            delete(dir.pendingDeviceKeyFile()); // an earlier first boot interrupted before its commit point
            custody = new Pkcs12Custody(dir.pendingDeviceKeyFile(), "device");
        } else if (custody.exists()) {
            throw new IdentityException(custody.describe() + " already holds a device key but " + dir.dir()
                    + " has no device.json: refusing to start (--reset-identity makes a new device)");
        }
        delete(dir.accountKeyFile());
        delete(dir.chainFile());
        delete(dir.passwordFile());
        DeviceKey key = custody.create(random, now);
        DeviceKey acct = account.create(random, now);
        DeviceState s = new DeviceState(DeviceState.FORMAT, r.name(), key.devId(), custodyKind, now.toString());
        try {
            dir.writeState(s);
        } catch (IOException e) {
            throw new IdentityException(dir.stateFile() + ": cannot write (" + e.getMessage() + ")", e);
        }
        finishFirstBoot(dir, custodyKind);
        DeviceKey kept = custodyKind.equals("pkcs12") ? new Pkcs12Custody(dir.deviceKeyFile(), "device").open() : key;
        return new DeviceIdentity(s, kept, acct, true);
    }

    /** After the commit point: the pending PKCS#12 key moves into place. */
    private static void finishFirstBoot(StateDir dir, String custodyKind) throws IdentityException {
        if (custodyKind.equals("pkcs12") && Files.exists(dir.pendingDeviceKeyFile()) && !Files.exists(dir.deviceKeyFile())) {
            try {
                Files.move(dir.pendingDeviceKeyFile(), dir.deviceKeyFile(), StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new IdentityException(dir.deviceKeyFile() + ": cannot finish the first boot (" + e.getMessage() + ")", e);
            }
        }
    }

    private static void reset(StateDir dir, KeyCustody custody, KeyCustody account) throws IdentityException {
        custody.destroy();
        account.destroy();
        for (var f : new java.nio.file.Path[] {dir.pendingDeviceKeyFile(), dir.chainFile(), dir.passwordFile(), dir.stateFile()}) {
            delete(f);
        }
    }

    private static void delete(java.nio.file.Path f) throws IdentityException {
        try {
            Files.deleteIfExists(f);
        } catch (IOException e) {
            throw new IdentityException(f + ": cannot delete (" + e.getMessage() + ")", e);
        }
    }
}
