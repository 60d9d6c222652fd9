package io.localtrust.names.dns;

import io.localtrust.localdns.ZoneContent;
import io.localtrust.names.NamesZone;
import io.localtrust.names.store.ZoneEntry;
import io.localtrust.store.StoreException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * The records of the names zone, below what {@link io.localtrust.localdns.Authoritative} checks:
 * <ul>
 *   <li>the apex: SOA and NS;</li>
 *   <li>{@code <sub>.<zone>}: the address the device registered (method 2), and the TXT values
 *       set (where acme-dns serves them: a user's {@code _acme-challenge} CNAME points here);</li>
 *   <li>{@code _acme-challenge.<sub>.<zone>}: the TXT values set, so a device's own name and its
 *       wildcard validate DNS-01 with no CNAME at all;</li>
 *   <li>{@code <address>.<sub>.<zone>}: the local address the label embeds (method 1,
 *       {@link EmbeddedAddress}); a public one, or a label that embeds none, does not exist.</li>
 * </ul>
 * A name under an unregistered subdomain does not exist (NXDOMAIN): only a registered device's
 * names resolve. An existing name without the type asked is NODATA (RFC 2308). Comparisons are
 * on lowercase labels: DNS names are case-insensitive (RFC 4343).
 */
final class NameAnswers implements ZoneContent {
    static final String ACME_CHALLENGE = "_acme-challenge";
    private final NamesZone zone;
    private final ZoneView view;
    private final EmbeddedAddress embedded;

    NameAnswers(NamesZone zone, ZoneView view, EmbeddedAddress embedded) {
        this.zone = zone;
        this.view = view;
        this.embedded = embedded;
    }

    @Override
    public void answer(Name qname, int type, Message r) throws Unavailable {
        try {
            answerName(qname, type, r);
        } catch (StoreException e) {
            throw new Unavailable(e.getMessage(), e);
        }
    }

    private void answerName(Name qname, int type, Message r) throws StoreException {
        int depth = qname.labels() - zone.apex().labels();
        boolean any = type == Type.ANY;
        if (depth == 0) {
            if (type == Type.SOA || any) {
                r.addRecord(soa(), Section.ANSWER);
            }
            if (type == Type.NS || any) {
                for (Name ns : zone.nameServers()) {
                    r.addRecord(new NSRecord(zone.apex(), DClass.IN, zone.ttl(), ns), Section.ANSWER);
                }
            }
            noData(r);
            return;
        }
        Optional<ZoneEntry> entry = depth <= 2 ? view.entry(label(qname, depth - 1)) : Optional.empty();
        if (entry.isEmpty()) {
            nxDomain(r);
            return;
        }
        if (depth == 1) {
            entry.get().address().map(NameAnswers::literal).ifPresent(a -> address(qname, a, type, r));
            txt(qname, entry.get().txt(), type, r);
            noData(r);
            return;
        }
        String first = label(qname, 0);
        if (first.equals(ACME_CHALLENGE)) {
            txt(qname, entry.get().txt(), type, r);
            noData(r);
            return;
        }
        Optional<InetAddress> a = embedded.parse(first);
        if (a.isEmpty()) {
            nxDomain(r);
            return;
        }
        address(qname, a.get(), type, r);
        noData(r);
    }

    private void address(Name qname, InetAddress a, int type, Message r) {
        boolean any = type == Type.ANY;
        if (a instanceof Inet4Address v4 && (type == Type.A || any)) {
            r.addRecord(new ARecord(qname, DClass.IN, zone.ttl(), v4), Section.ANSWER);
        } else if (a instanceof Inet6Address v6 && (type == Type.AAAA || any)) {
            r.addRecord(new AAAARecord(qname, DClass.IN, zone.ttl(), v6), Section.ANSWER);
        }
    }

    private void txt(Name qname, List<String> values, int type, Message r) {
        if (type == Type.TXT || type == Type.ANY) {
            for (String v : values) {
                r.addRecord(new TXTRecord(qname, DClass.IN, zone.ttl(), v), Section.ANSWER);
            }
        }
    }

    /** An existing name with nothing of the type asked: NOERROR, the SOA in AUTHORITY. */
    private void noData(Message r) throws StoreException {
        if (r.getSection(Section.ANSWER).isEmpty()) {
            r.addRecord(soa(), Section.AUTHORITY);
        }
    }

    private void nxDomain(Message r) throws StoreException {
        r.getHeader().setRcode(Rcode.NXDOMAIN);
        r.addRecord(soa(), Section.AUTHORITY);
    }

    /** The label {@code i} from the left, lowercase (dnsjava keeps the case asked). */
    private static String label(Name name, int i) {
        return name.getLabelString(i).toLowerCase(Locale.ROOT);
    }

    /** The zone's SOA; its serial is the store revision (mod 2^32), so it grows with every change. */
    private SOARecord soa() throws StoreException {
        return new SOARecord(zone.apex(), DClass.IN, zone.ttl(), zone.nameServers().getFirst(), zone.hostmaster(),
                view.revision() & 0xffffffffL, 3600, 600, 86400, zone.ttl());
    }

    /** A stored address literal; never a lookup (dnsjava's {@code Address} parses literals only). */
    private static InetAddress literal(String text) {
        try {
            return org.xbill.DNS.Address.getByAddress(text);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("the store holds '" + text + "' as an address", e);
        }
    }
}
