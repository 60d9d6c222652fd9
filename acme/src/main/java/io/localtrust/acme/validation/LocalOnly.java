package io.localtrust.acme.validation;

import io.localtrust.acme.AcmeError;
import io.localtrust.acme.AcmeProblem;
import io.localtrust.locality.Addresses;
import io.localtrust.locality.Locality;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The validators' guard against server-side request forgery: they connect only to addresses on
 * the local network — loopback, RFC 1918, link-local and ULA ({@link io.localtrust.locality.IpRanges#LOCAL})
 * plus any ranges the {@link Locality} adds — and every socket they open goes through
 * {@link #connect}, which checks the address <em>before</em> a socket exists.
 *
 * <p>Why: an ACME client chooses the identifier, and an http-01 device chooses where to redirect.
 * Without this guard anyone able to place an order could make the gateway fetch from, or probe,
 * hosts on the internet (or the unspecified and multicast addresses) on their behalf. The gateway
 * issues certificates only for the LAN, so it has no reason to connect anywhere else.
 *
 * <p>The unspecified address ({@code 0.0.0.0}, {@code ::}), multicast and the limited broadcast
 * address are refused even if a configured range contains them. A subnet's directed broadcast
 * cannot be told apart without its netmask; the kernel refuses TCP to it.
 */
public final class LocalOnly {
    private static final byte[] BROADCAST = {(byte) 255, (byte) 255, (byte) 255, (byte) 255};

    private final Locality locality;
    private final Dialer dialer;

    /** A guard that accepts the addresses {@code locality} calls local. */
    public LocalOnly(Locality locality) {
        this(locality, Dialer.tcp());
    }

    LocalOnly(Locality locality, Dialer dialer) {
        this.locality = Objects.requireNonNull(locality, "locality");
        this.dialer = Objects.requireNonNull(dialer, "dialer");
    }

    /** The default guard: {@link Locality#defaults()}, i.e. {@code IpRanges.LOCAL} only. */
    public static LocalOnly lan() {
        return new LocalOnly(Locality.defaults());
    }

    /** Why the validators may not connect to {@code address}; empty when they may. */
    public Optional<String> refusal(InetAddress address) {
        InetAddress a = Addresses.unmapped(Objects.requireNonNull(address, "address"));
        String text = Addresses.text(a);
        if (a.isAnyLocalAddress()) {
            return Optional.of("refused: " + text + " is the unspecified address, not a device; the gateway validates only on the LAN");
        }
        if (a.isMulticastAddress()) {
            return Optional.of("refused: " + text + " is a multicast address, not a device; the gateway validates only on the LAN");
        }
        if (a instanceof Inet4Address && java.util.Arrays.equals(a.getAddress(), BROADCAST)) {
            return Optional.of("refused: " + text + " is the broadcast address, not a device; the gateway validates only on the LAN");
        }
        if (!locality.isLocalAddress(a)) {
            return Optional.of("refused: " + text + " is not a local address; the gateway validates only on the LAN");
        }
        return Optional.empty();
    }

    /**
     * Checks a validation target's address.
     *
     * @throws AcmeProblem {@code rejectedIdentifier} when the address is not local
     */
    public void requireLocal(InetAddress address) throws AcmeProblem {
        Optional<String> why = refusal(address);
        if (why.isPresent()) {
            throw new AcmeProblem(AcmeError.REJECTED_IDENTIFIER, why.get());
        }
    }

    /**
     * Connects to {@code address:port} if the address is local; the only way the validators open a socket.
     *
     * @throws AcmeProblem {@code rejectedIdentifier}, before any socket is made, when it is not
     * @throws IOException when the connection fails
     */
    Socket connect(InetAddress address, int port, Duration timeout) throws AcmeProblem, IOException {
        requireLocal(address);
        return dialer.connect(new InetSocketAddress(address, port), timeout);
    }
}
