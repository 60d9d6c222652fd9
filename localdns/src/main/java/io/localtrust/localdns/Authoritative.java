package io.localtrust.localdns;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * One query in, one answer out, as an authoritative-only server for one zone (RFC 1034 §4.3.2,
 * without recursion): the message-level rules every zone shares, the records left to a
 * {@link ZoneContent}. No reply to a response (no loops between servers); FORMERR for what does
 * not parse (dnsjava rejects compression loops and names over 255 bytes) or has not exactly one
 * question; NOTIMP for opcodes other than QUERY; REFUSED outside the zone or class IN; SERVFAIL
 * when the content is unavailable. EDNS0 (RFC 6891): an OPT in, an OPT out, and the UDP limit the
 * asker gave, capped at {@value #EDNS_PAYLOAD}. Names compare case-insensitively (dnsjava's
 * {@link Name#subdomain}), and the question is echoed as asked.
 */
public final class Authoritative implements DnsResponder {
    private static final Logger LOG = LoggerFactory.getLogger(Authoritative.class);
    /** What we advertise and accept over UDP with EDNS (the DNS flag day 2020 size). */
    public static final int EDNS_PAYLOAD = 1232;
    /** Without EDNS (RFC 1035 §4.2.1). */
    public static final int PLAIN_UDP = 512;
    private final Name apex;
    private final ZoneContent content;

    public Authoritative(Name apex, ZoneContent content) {
        this.apex = Objects.requireNonNull(apex, "apex");
        this.content = Objects.requireNonNull(content, "content");
    }

    @Override
    public Optional<DnsReply> answer(byte[] wire) {
        Message query;
        try {
            query = new Message(wire);
        } catch (IOException | IllegalArgumentException e) {
            // dnsjava throws IllegalArgumentException subclasses (InvalidTTLException, InvalidTypeException, …)
            // for well-framed records with out-of-range fields: malformed all the same (found by NamesFuzzTest)
            return DnsReply.formErr(wire);
        }
        Header h = query.getHeader();
        if (h.getFlag(Flags.QR)) {
            return Optional.empty();
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
            return Optional.of(new DnsReply(r, limit));
        }
        if (q == null || h.getCount(Section.QUESTION) != 1) {
            r.getHeader().setRcode(Rcode.FORMERR);
            return Optional.of(new DnsReply(r, limit));
        }
        r.addRecord(q, Section.QUESTION);
        if (!q.getName().subdomain(apex) || (q.getDClass() != DClass.IN && q.getDClass() != DClass.ANY)) {
            r.getHeader().setRcode(Rcode.REFUSED);
            return Optional.of(new DnsReply(r, limit));
        }
        r.getHeader().setFlag(Flags.AA);
        try {
            content.answer(q.getName(), q.getType(), r);
        } catch (ZoneContent.Unavailable e) {
            LOG.warn("cannot read the names of {}: {}", apex, e.getMessage());
            r.removeAllRecords(Section.ANSWER);
            r.removeAllRecords(Section.AUTHORITY);
            r.getHeader().setRcode(Rcode.SERVFAIL);
        }
        return Optional.of(new DnsReply(r, limit));
    }
}
