package io.localtrust.localdns;

import io.localtrust.store.NameStore.NameBinding;
import io.localtrust.store.StoreException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The records of the gateway's {@link LocalZone}, for {@link Authoritative}: SOA and NS at the
 * apex; a bound name's A or AAAA; NODATA (no answer, SOA in authority) for another type or an
 * empty non-terminal; NXDOMAIN with the SOA for an unknown name; unavailable (SERVFAIL) when the
 * store cannot be read.
 */
final class ZoneAnswers implements ZoneContent {
    private final LocalZone zone;
    private final BoundNames names;

    ZoneAnswers(LocalZone zone, BoundNames names) {
        this.zone = zone;
        this.names = names;
    }

    @Override
    public void answer(Name qname, int type, Message r) throws Unavailable {
        try {
            answerInZone(qname, type, r);
        } catch (StoreException e) {
            throw new Unavailable(e.getMessage(), e);
        }
    }

    private void answerInZone(Name qname, int type, Message r) throws StoreException {
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
}
