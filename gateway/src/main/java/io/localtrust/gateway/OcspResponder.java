package io.localtrust.gateway;

import io.localtrust.authority.CertIdHash;
import io.localtrust.authority.OcspSigner;
import io.localtrust.store.CertificateStore;
import io.localtrust.store.IssuedCertificate;
import io.localtrust.store.StoreException;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OCSP responder (RFC 6960, with the RFC 5019 profile's single-request, nonce-less shape):
 * {@code POST /ocsp} with an {@code application/ocsp-request} body, and
 * {@code GET /ocsp/{base64 request}} (standard or URL-safe base64, URL-encoded or not).
 *
 * <p>It answers for every live issuing CA ({@link Issuers}): the CertID's issuer hashes choose
 * the CA, and that CA signs the answer. A serial the store knows but another CA issued is
 * {@code unknown} for the CA the CertID names. The answer's CertID uses the request's hash
 * algorithm (§4.2.1): SHA-1, SHA-256, SHA-384 or SHA-512 ({@link CertIdHash}).
 *
 * <p>Answers are <b>pre-signed</b> in the SHA-1 form browsers and RFC 5019 clients send: one per
 * issued certificate, signed at start-up, re-signed when its status changes
 * ({@link #statusChanged}) and when older than half of {@link OcspSigner#VALIDITY}
 * ({@link #refreshStale}); serving is a map look-up. A SHA-2 CertID's answer is signed on its
 * first request and kept the same way (re-signed at a status change, never kept across one). A
 * serial no live CA issued gets a signed {@code unknown}, signed on first request and kept in a
 * bounded cache. A request about another CA (its CertID issuer hashes are none of ours) is
 * {@code unauthorized}; one that does not parse, asks about more than one certificate, or uses
 * another hash algorithm is {@code malformedRequest}. Both are unsigned, as the RFC says.
 */
public final class OcspResponder {
    private static final Logger LOG = LoggerFactory.getLogger(OcspResponder.class);
    static final String REQUEST_TYPE = "application/ocsp-request";
    static final String RESPONSE_TYPE = "application/ocsp-response";
    /** How many {@code unknown} answers are kept; beyond it the oldest go. */
    static final int UNKNOWN_CACHE = 10_000;
    /** How many GET request strings are remembered with their serial; beyond it the memory is emptied. */
    static final int PARSED_GETS = 10_000;
    private static final Map<String, String> GET_HEADERS =
            Map.of("Cache-Control", "max-age=60, public, no-transform, must-revalidate");
    /** Threads that pre-sign at start-up: the cores, at most 8. */
    static final int PRESIGN_THREADS = Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));

    private static final byte[] MALFORMED = unsigned(OCSPRespBuilder.MALFORMED_REQUEST);
    private static final byte[] UNAUTHORIZED = unsigned(OCSPRespBuilder.UNAUTHORIZED);
    private static final byte[] INTERNAL_ERROR = unsigned(OCSPRespBuilder.INTERNAL_ERROR);

    /** A signed answer; {@code seq} orders when its status was read, so a slower, older signing never wins. */
    private record Signed(byte[] der, Instant signedAt, long seq) {
    }

    /** What a request asks: this serial, of this CA, in this CertID hash. */
    private record Query(LiveIssuer issuer, CertIdHash hash, BigInteger serial) {
    }

    /** A SHA-2 answer about one of a CA's own certificates. */
    private record HashKey(BigInteger serial, CertIdHash hash) {
    }

    /** An {@code unknown}: which CA says it, in which hash, about which serial. */
    private record UnknownKey(BigInteger issuer, CertIdHash hash, BigInteger serial) {
    }

    private final Issuers issuers;
    private final CertificateStore store;
    private final Clock clock;
    /** SHA-1 answers, by serial: pre-signed by the CA that issued the serial. */
    private final ConcurrentHashMap<BigInteger, Signed> issued = new ConcurrentHashMap<>();
    /** SHA-2 answers, signed on first request by the CA that issued the serial. */
    private final ConcurrentHashMap<HashKey, Signed> otherHashes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Query> parsedGets = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    /** The sequence at the last change: an answer signed on request whose status was read before it is not kept. */
    private volatile long changedAt;
    private final Map<UnknownKey, Signed> unknown = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<UnknownKey, Signed> eldest) {
            return size() > UNKNOWN_CACHE;
        }
    };

    OcspResponder(Issuers issuers, CertificateStore store, Clock clock) {
        this.issuers = issuers;
        this.store = store;
        this.clock = clock;
    }

    /**
     * Signs an answer for every certificate still valid; expired ones are signed when asked about.
     * The signatures are made on every core (at 100,000 certificates, one thread took ~50 s, during
     * which the gateway does not serve), and only the serials are kept while signing, not the
     * certificates' DER (the store hands over all of them at once).
     */
    public int presignAll() throws StoreException {
        BigInteger[] serials = validSerials(clock.instant());
        int threads = Math.min(PRESIGN_THREADS, serials.length / 64 + 1);
        if (threads <= 1) {
            for (BigInteger s : serials) {
                resign(s);
            }
            return serials.length;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ocsp-presign");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Void>> parts = new ArrayList<>(threads);
            for (int p = 0; p < threads; p++) {
                int part = p;
                parts.add(pool.submit(() -> {
                    for (int i = part; i < serials.length; i += threads) {
                        resign(serials[i]);
                    }
                    return null;
                }));
            }
            for (Future<Void> f : parts) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pre-signing OCSP responses", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StoreException se) {
                throw se;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return serials.length;
    }

    /**
     * The serials of the certificates not expired at {@code now} that a live CA issued; learns
     * every certificate's CA on the way. The list of certificates is dropped on return.
     */
    private BigInteger[] validSerials(Instant now) throws StoreException {
        List<IssuedCertificate> all = store.certificates();
        List<BigInteger> serials = new ArrayList<>(all.size());
        for (IssuedCertificate c : all) {
            int owner = issuers.index(c);
            if (owner >= 0 && c.notAfter().isAfter(now)) {
                serials.add(c.serial());
            }
        }
        return serials.toArray(BigInteger[]::new);
    }

    /**
     * Re-signs these serials now (their status changed); forgets their SHA-2 answers and the
     * cached {@code unknown}s (one may have been issued since).
     */
    public void statusChanged(Collection<BigInteger> serials) throws StoreException {
        synchronized (unknown) { // with the check in lookup: an answer read before the change is never kept
            changedAt = sequence.incrementAndGet();
            unknown.clear();
            otherHashes.keySet().removeIf(k -> serials.contains(k.serial()));
        }
        for (BigInteger s : serials) {
            resign(s);
        }
    }

    /** Forgets every answer of CAs no longer live (the root revoked them): their certificates get none. */
    void issuersDropped() {
        synchronized (unknown) {
            changedAt = sequence.incrementAndGet();
            unknown.clear();
        }
        parsedGets.clear();
        issued.keySet().removeIf(s -> !live(s));
        otherHashes.keySet().removeIf(k -> !live(k.serial()));
    }

    private boolean live(BigInteger serial) {
        try {
            return issuers.issuerOf(serial).isPresent();
        } catch (StoreException e) {
            return false; // asked again, and re-signed, on its next request
        }
    }

    /** Re-signs every cached answer older than half its validity; returns how many. */
    public int refreshStale() throws StoreException {
        Instant cutoff = clock.instant().minus(OcspSigner.VALIDITY.dividedBy(2));
        int n = 0;
        for (var e : issued.entrySet()) {
            if (e.getValue().signedAt().isBefore(cutoff)) {
                resign(e.getKey());
                n++;
            }
        }
        otherHashes.values().removeIf(s -> s.signedAt().isBefore(cutoff));
        synchronized (unknown) {
            unknown.values().removeIf(s -> s.signedAt().isBefore(cutoff));
        }
        return n;
    }

    /** How many pre-signed SHA-1 answers are held. */
    public int cached() {
        return issued.size();
    }

    /** Signs the SHA-1 answer of a serial by the CA that issued it; nothing for a serial no live CA issued. */
    private Signed resign(BigInteger serial) throws StoreException {
        long seq = sequence.incrementAndGet();
        Optional<LiveIssuer> by = issuers.issuerOf(serial);
        if (by.isEmpty()) {
            issued.remove(serial);
            return null;
        }
        Signed s = new Signed(by.get().ca().ocsp().respond(serial, CertIdHash.SHA1), clock.instant(), seq);
        // A request thread and the change watcher may sign the same serial at once: the one that
        // read the status later is kept, so a revocation is never overwritten by an older "good".
        return issued.merge(serial, s, (old, mine) -> mine.seq() > old.seq() ? mine : old);
    }

    /** {@code POST /ocsp}. */
    Reply post(Call call) {
        return reply(respond(call.body()));
    }

    /** {@code GET /ocsp/{request}}. */
    Reply get(Call call) {
        String raw = call.pathParams().get(0);
        // RFC 5019 clients repeat the same GET (and caches key on it): a request seen before skips the
        // URL and base64 decoding, the ASN.1 parse and the issuer check. Only what it asks is kept, so
        // the answer is still the current one (a revocation shows at once).
        Query known = parsedGets.get(raw);
        if (known != null) {
            return new Reply(200, RESPONSE_TYPE, serve(known), GET_HEADERS);
        }
        Optional<byte[]> der = OcspGetPath.decode(raw);
        if (der.isEmpty()) {
            return reply(MALFORMED);
        }
        Parsed p = parse(der.get());
        if (p.query() != null) {
            if (parsedGets.size() >= PARSED_GETS) {
                parsedGets.clear(); // bounded: a flood of distinct requests only costs the parse again
            }
            parsedGets.put(raw, p.query());
        }
        // RFC 5019 §6: let HTTP caches keep a GET answer, but not past a short while, so a revocation shows.
        return new Reply(200, RESPONSE_TYPE, p.query() != null ? serve(p.query()) : p.error(), GET_HEADERS);
    }

    /** The DER OCSPResponse for a DER OCSPRequest: never throws, garbage in is malformedRequest out. */
    byte[] respond(byte[] requestDer) {
        Parsed p = parse(requestDer);
        return p.query() != null ? serve(p.query()) : p.error();
    }

    /** A request about a serial of one of our CAs, or the unsigned answer it gets. */
    private record Parsed(Query query, byte[] error) {
    }

    private Parsed parse(byte[] requestDer) {
        CertificateID id;
        try {
            OCSPReq req = new OCSPReq(requestDer);
            Req[] list = req.getRequestList();
            if (list.length != 1) {
                return new Parsed(null, MALFORMED);
            }
            id = list[0].getCertID();
        } catch (IOException | RuntimeException e) {
            return new Parsed(null, MALFORMED);
        }
        Optional<CertIdHash> alg = CertIdHash.of(id.getHashAlgOID());
        if (alg.isEmpty()) {
            return new Parsed(null, MALFORMED); // a hash we do not compute: we cannot even tell whose CertID it is
        }
        Optional<LiveIssuer> issuer = issuers.named(id, alg.get());
        if (issuer.isEmpty()) {
            return new Parsed(null, UNAUTHORIZED);
        }
        return new Parsed(new Query(issuer.get(), alg.get(), id.getSerialNumber()), null);
    }

    private byte[] serve(Query q) {
        if (!issuers.isLive(q.issuer())) {
            return UNAUTHORIZED; // a remembered GET about a CA the root has revoked since
        }
        try {
            return lookup(q);
        } catch (StoreException e) {
            LOG.warn("OCSP for serial {}: {}", q.serial().toString(16), e.getMessage());
            return INTERNAL_ERROR;
        }
    }

    private byte[] lookup(Query q) throws StoreException {
        Instant cutoff = clock.instant().minus(OcspSigner.VALIDITY.dividedBy(2));
        BigInteger serial = q.serial();
        if (issuers.knownAs(serial, q.issuer())) {
            Signed s = q.hash() == CertIdHash.SHA1 ? issued.get(serial) : otherHashes.get(new HashKey(serial, q.hash()));
            if (s != null && !s.signedAt().isBefore(cutoff)) {
                return s.der();
            }
        }
        UnknownKey uk = new UnknownKey(q.issuer().serial(), q.hash(), serial);
        synchronized (unknown) {
            Signed u = unknown.get(uk);
            if (u != null && !u.signedAt().isBefore(cutoff)) {
                return u.der();
            }
        }
        long seq = sequence.incrementAndGet();
        Optional<LiveIssuer> by = issuers.issuerOf(serial);
        if (by.isPresent() && by.get() == q.issuer()) {
            if (q.hash() == CertIdHash.SHA1) {
                Signed s = resign(serial);
                if (s != null) {
                    return s.der();
                }
            } else {
                Signed s = new Signed(q.issuer().ca().ocsp().respond(serial, q.hash()), clock.instant(), seq);
                synchronized (unknown) {
                    if (seq > changedAt) { // read before a change: served once, never kept
                        otherHashes.merge(new HashKey(serial, q.hash()), s, (old, mine) -> mine.seq() > old.seq() ? mine : old);
                    }
                }
                return s.der();
            }
        }
        // never issued, or issued by another CA (the CertID names the wrong one), or by a CA no longer live
        Signed u = new Signed(q.issuer().ca().ocsp().unknown(serial, q.hash()), clock.instant(), seq);
        synchronized (unknown) {
            if (seq > changedAt) {
                unknown.put(uk, u);
            }
        }
        return u.der();
    }

    private static Reply reply(byte[] der) {
        return Reply.ok(RESPONSE_TYPE, der);
    }

    private static byte[] unsigned(int status) {
        try {
            return new OCSPRespBuilder().build(status, null).getEncoded();
        } catch (OCSPException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
