package io.localtrust.localdns;

import java.util.Objects;
import java.util.Optional;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;

/**
 * An answer and the largest UDP message the asker accepts: {@link DnsServer} sends it whole over
 * TCP and cut to {@code udpLimit} over UDP (what does not fit is dropped and TC set, RFC 1035 §4.2.1).
 *
 * @param message  the response
 * @param udpLimit 512 without EDNS, else the asker's payload size capped at {@link Authoritative#EDNS_PAYLOAD}
 */
public record DnsReply(Message message, int udpLimit) {
    public DnsReply {
        Objects.requireNonNull(message, "message");
    }

    /**
     * REFUSED echoing the id, without parsing the rest: for a source over its rate. Empty for what
     * deserves no reply (under 2 bytes, or a response).
     */
    public static Optional<DnsReply> refused(byte[] wire) {
        return headerOnly(wire, Rcode.REFUSED);
    }

    /** FORMERR echoing the id, for bytes that do not parse as a DNS message (RFC 1035 §4.1.1). */
    static Optional<DnsReply> formErr(byte[] wire) {
        return headerOnly(wire, Rcode.FORMERR);
    }

    private static Optional<DnsReply> headerOnly(byte[] wire, int rcode) {
        if (wire.length < 2) {
            return Optional.empty();
        }
        if (wire.length >= 3 && (wire[2] & 0x80) != 0) {
            return Optional.empty(); // a garbled response: no reply
        }
        Message r = new Message(((wire[0] & 0xff) << 8) | (wire[1] & 0xff));
        r.getHeader().setFlag(Flags.QR);
        r.getHeader().setRcode(rcode);
        return Optional.of(new DnsReply(r, Authoritative.PLAIN_UDP));
    }
}
