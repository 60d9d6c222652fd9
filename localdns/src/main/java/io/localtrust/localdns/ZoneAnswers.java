package io.localtrust.localdns;

import io.localtrust.store.NameStore.NameBinding;
import io.localtrust.store.StoreException;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * One query in, one answer out, as an authoritative-only server for the {@link LocalZone}
 * (RFC 1034 §4.3.2, without recursion): AA set; SOA and NS at the apex; a bound name's A or AAAA;
 * NODATA (no answer, SOA in authority) for another type or an empty non-terminal; NXDOMAIN with
 * the SOA for an unknown name; REFUSED outside the zone or class IN; FORMERR for what does not
 * parse; NOTIMP for opcodes other than QUERY; SERVFAIL when the store cannot be read.
 */
final class ZoneAnswers {
    private static final Logger LOG = LoggerFactory.getLogger(ZoneAnswers.class);
    /** What we advertise and accept over UDP with EDNS (the DNS flag day 2020 size). */
    static final int EDNS_PAYLOAD = 1232;
    /** Without EDNS (RFC 1035 §4.2.1). */
    static final int PLAIN_UDP = 512;
    private final LocalZone zone;
    private final BoundNames names;

    /** An answer and the largest UDP message the asker accepts. */
    record Reply(Message message, int udpLimit) {
    }

    ZoneAnswers(LocalZone zone, BoundNames names) {
        this.zone = zone;
        this.names = names;
    }

    /** The reply to a query's bytes; empty for what deserves none (a response, or under 2 bytes). */
    Optional<Reply> answer(byte[] wire) {
        Message query;
        try {
            query = new Message(wire);
        } catch (IOException e) {
            return formErr(wire);
        }
        Header h = query.getHeader();
        if (h.getFlag(Flags.QR)) {
            return Optional.empty(); // never answer an answer: no loops between servers
        }
        OPTRecord opt = query.getOPT();
        int limit = opt == null ? PLAIN_UDP : Math.max(PLAIN_UDP, Math.min(opt.getPayloadSize(), EDNS_PAYLOAD));
        Message r = new Message(h.getID());
        r.getHeader().setFlag(Flags.QR);
        r.getHeader().setOpcode(h.getOpcode());
        if (h.getFlag(Flags.RD)) {
            r.getHeader().setFlag(Flags.RD);
        }
        if (opt != null) {
            r.addRecord(new OPTRecord(EDNS_PAYLOAD, 0, 0), Section.ADDITIONAL);
        }
        Record q = query.getQuestion();
        if (h.getOpcode() != Opcode.QUERY) {
            r.getHeader().setRcode(Rcode.NOTIMP);
            return Optional.of(new Reply(r, limit));
        }
        if (q == null || h.getCount(Section.QUESTION) != 1) {
            r.getHeader().setRcode(Rcode.FORMERR);
            return Optional.of(new Reply(r, limit));
        }
        r.addRecord(q, Section.QUESTION);
        if (!q.getName().subdomain(zone.apex()) || (q.getDClass() != DClass.IN && q.getDClass() != DClass.ANY)) {
            r.getHeader().setRcode(Rcode.REFUSED);
            return Optional.of(new Reply(r, limit));
        }
        try {
            answerInZone(q.getName(), q.getType(), r);
        } catch (StoreException e) {
            LOG.warn("cannot read the local zone's names: {}", e.getMessage());
            r.removeAllRecords(Section.ANSWER);
            r.removeAllRecords(Section.AUTHORITY);
            r.getHeader().setRcode(Rcode.SERVFAIL);
        }
        return Optional.of(new Reply(r, limit));
    }

    private void answerInZone(Name qname, int type, Message r) throws StoreException {
        r.getHeader().setFlag(Flags.AA);
        BoundNames.Snapshot bound = names.current();
        if (qname.equals(zone.apex())) {
            boolean any = type == Type.ANY;
            if (type == Type.SOA || any) {
                r.addRecord(soa(bound.revision()), Section.ANSWER);
            }
            if (type == Type.NS || any) {
                r.addRecord(new NSRecord(zone.apex(), DClass.IN, zone.ttl(), zone.nameServer()), Section.ANSWER);
            }
            if (r.getSection(Section.ANSWER).isEmpty()) {
                r.addRecord(soa(bound.revision()), Section.AUTHORITY);
            }
            return;
        }
        String key = qname.toString(true).toLowerCase(Locale.ROOT);
        NameBinding b = bound.byName().get(key);
        if (b == null) {
            if (!bound.hasBelow(key)) {
                r.getHeader().setRcode(Rcode.NXDOMAIN);
            }
            r.addRecord(soa(bound.revision()), Section.AUTHORITY);
            return;
        }
        InetAddress address = address(b);
        if (address instanceof Inet4Address v4 && (type == Type.A || type == Type.ANY)) {
            r.addRecord(new ARecord(qname, DClass.IN, zone.ttl(), v4), Section.ANSWER);
        } else if (address instanceof Inet6Address v6 && (type == Type.AAAA || type == Type.ANY)) {
            r.addRecord(new AAAARecord(qname, DClass.IN, zone.ttl(), v6), Section.ANSWER);
        } else {
            r.addRecord(soa(bound.revision()), Section.AUTHORITY);
        }
    }

    /** The stored address literal; never a lookup (dnsjava's {@code Address} parses literals only). */
    private static InetAddress address(NameBinding b) {
        try {
            return org.xbill.DNS.Address.getByAddress(b.address());
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("the store binds " + b.name() + " to '" + b.address() + "', not an address", e);
        }
    }

    /** The zone's SOA; its serial is the store revision (mod 2^32), so it grows with every change. */
    private SOARecord soa(long revision) {
        return new SOARecord(zone.apex(), DClass.IN, zone.ttl(), zone.nameServer(), zone.hostmaster(),
                revision & 0xffffffffL, 3600, 600, 86400, zone.ttl());
    }

    /**
     * REFUSED echoing the id, without parsing the rest: for a source over its rate. Empty for what
     * deserves no reply (under 2 bytes, or a response).
     */
    static Optional<Reply> refused(byte[] wire) {
        return headerOnly(wire, Rcode.REFUSED);
    }

    /** FORMERR echoing the id, for bytes that do not parse as a DNS message (RFC 1035 §4.1.1). */
    private static Optional<Reply> formErr(byte[] wire) {
        return headerOnly(wire, Rcode.FORMERR);
    }

    private static Optional<Reply> headerOnly(byte[] wire, int rcode) {
        if (wire.length < 2) {
            return Optional.empty();
        }
        if (wire.length >= 3 && (wire[2] & 0x80) != 0) {
            return Optional.empty(); // a garbled response: no reply
        }
        Message r = new Message(((wire[0] & 0xff) << 8) | (wire[1] & 0xff));
        r.getHeader().setFlag(Flags.QR);
        r.getHeader().setRcode(rcode);
        return Optional.of(new Reply(r, PLAIN_UDP));
    }
}
