package io.localtrust.gateway;

import io.localtrust.authority.CertIdHash;
import io.localtrust.authority.IssuingCa;
import io.localtrust.store.CertificateStore;
import io.localtrust.store.IssuedCertificate;
import io.localtrust.store.StoreException;
import io.localtrust.x509.BouncyCastle;
import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * The issuing CAs the running gateway answers for, and which of them issued each certificate
 * in the store. Every issuing CA has the same subject name (new-intermediate keeps it), so a
 * certificate's issuer is told by its authority key identifier, else by its signature.
 *
 * <p>The set only shrinks while running: a replaced CA the root revokes ({@code gateway
 * revoke-intermediate}) is {@linkplain #drop dropped}, and its certificates get no answer from
 * it any more. Which CA issued a serial is learnt at pre-signing for every certificate, and
 * from the store for one issued since (a serial the store does not know is not remembered, so a
 * flood of made-up serials costs no memory).
 */
final class Issuers {
    /** The owner of a certificate no live CA issued (a revoked or unkept CA). */
    private static final int NONE = -1;

    private final List<LiveIssuer> all;
    private final CertificateStore store;
    private final Set<LiveIssuer> dropped = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<BigInteger, Integer> owner = new ConcurrentHashMap<>();

    Issuers(List<IssuingCa> cas, CertificateStore store, Clock clock) {
        if (cas.isEmpty() || !cas.get(0).current()) {
            throw new IllegalArgumentException("the current issuing CA comes first");
        }
        this.all = cas.stream().map(ca -> new LiveIssuer(ca, clock)).toList();
        this.store = store;
    }

    /** The CAs still answered for, the current one first. */
    List<LiveIssuer> live() {
        return all.stream().filter(i -> !dropped.contains(i)).toList();
    }

    /** The CA that issues now. */
    LiveIssuer current() {
        return all.get(0);
    }

    boolean isLive(LiveIssuer issuer) {
        return !dropped.contains(issuer);
    }

    /** The live CA a CertID names (in the hash algorithm it uses), if any. */
    Optional<LiveIssuer> named(CertificateID id, CertIdHash alg) {
        for (LiveIssuer i : all) {
            if (!dropped.contains(i) && i.named(id, alg)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /**
     * The CA whose certificates name the CRL path of the time before per-CA CRL paths
     * ({@code /crl/intermediate.crl}): the oldest live CA (see docs/gateway-run.md).
     */
    LiveIssuer legacyCrlIssuer() {
        // live() is current first, then replaced ones newest first: reversed, the oldest comes first and
        // wins a tie of notBefore (two CAs made within the same second)
        return live().reversed().stream().min(Comparator.comparing(i -> i.certificate().notBefore())).orElse(current());
    }

    /** Whether this serial is known to be {@code issuer}'s (no store read). */
    boolean knownAs(BigInteger serial, LiveIssuer issuer) {
        Integer o = owner.get(serial);
        return o != null && o != NONE && all.get(o) == issuer && isLive(issuer);
    }

    /** The live CA that issued this serial; empty for a serial the store does not know or a CA no longer live. */
    Optional<LiveIssuer> issuerOf(BigInteger serial) throws StoreException {
        Integer o = owner.get(serial);
        if (o == null) {
            Optional<IssuedCertificate> c = store.certificate(serial);
            if (c.isEmpty()) {
                return Optional.empty();
            }
            o = index(c.get());
        }
        if (o == NONE || dropped.contains(all.get(o))) {
            return Optional.empty();
        }
        return Optional.of(all.get(o));
    }

    /** Learns which CA issued this certificate; returns its position ({@link #NONE}: none of ours). */
    int index(IssuedCertificate c) {
        int o = identify(c.der());
        owner.put(c.serial(), o);
        return o;
    }

    /** Stops answering for the CAs with these serials (the root revoked them); returns those that were live. */
    List<LiveIssuer> drop(Set<BigInteger> revokedCas) {
        List<LiveIssuer> gone = new ArrayList<>();
        for (LiveIssuer i : all) {
            if (revokedCas.contains(i.serial()) && dropped.add(i)) {
                gone.add(i);
            }
        }
        return gone;
    }

    private int identify(byte[] der) {
        Certificate cert;
        try {
            cert = Certificate.getInstance(der);
        } catch (RuntimeException e) {
            return NONE;
        }
        AuthorityKeyIdentifier aki = cert.getTBSCertificate().getExtensions() == null ? null
                : AuthorityKeyIdentifier.fromExtensions(cert.getTBSCertificate().getExtensions());
        if (aki != null && aki.getKeyIdentifier() != null) {
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).hasKeyId(aki.getKeyIdentifier())) {
                    return i;
                }
            }
            return NONE;
        }
        // no key identifier: the CA whose key verifies the signature
        X509CertificateHolder holder = new X509CertificateHolder(cert);
        for (int i = 0; i < all.size(); i++) {
            try {
                if (holder.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(BouncyCastle.provider())
                        .build(new X509CertificateHolder(all.get(i).certificate().der())))) {
                    return i;
                }
            } catch (Exception notThisOne) {
                // an unreadable or mismatched key: try the next CA
            }
        }
        return NONE;
    }
}
