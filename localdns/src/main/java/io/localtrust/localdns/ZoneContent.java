package io.localtrust.localdns;

import org.xbill.DNS.Message;
import org.xbill.DNS.Name;

/**
 * The records of one zone, for {@link Authoritative}: it has checked the message (a QUERY, one
 * question, class IN, a name at or below the apex, AA set) and asks only for the answer, authority
 * and rcode of a name in the zone.
 */
@FunctionalInterface
public interface ZoneContent {

    /**
     * Adds the answer for {@code qname}/{@code type} to {@code reply}: records in ANSWER, or the SOA
     * in AUTHORITY with NXDOMAIN (no such name) or NOERROR (NODATA), RFC 2308.
     *
     * @throws Unavailable when the records cannot be read now (answered SERVFAIL)
     */
    void answer(Name qname, int type, Message reply) throws Unavailable;

    /** The zone's data cannot be read now (its store is down): the query gets SERVFAIL. */
    final class Unavailable extends Exception {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
