package io.localtrust.names.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localtrust.locality.Addresses;
import io.localtrust.locality.Cidr;
import io.localtrust.locality.Locality;
import io.localtrust.names.NamesZone;
import io.localtrust.names.proof.ApiKeys;
import io.localtrust.names.proof.KeyProof;
import io.localtrust.names.proof.ProofRejected;
import io.localtrust.names.store.Account;
import io.localtrust.names.store.NamesStore;
import io.localtrust.store.StoreException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Our own endpoints, beside acme-dns's:
 * <ul>
 *   <li>{@code POST /device/register}, body a registration proof ({@link KeyProof}): the account of
 *       the dev-id the device key derives, made (201) or, for a key registered before, given a new
 *       API key (200: a device that lost its key gets a new one by proving its key again; the old
 *       one stops working). The proof's id is recorded, so a replayed proof is refused (401).</li>
 *   <li>{@code GET /device/zone}: the zone, {@code {"zone": …}}, what a proof is addressed to.</li>
 *   <li>{@code POST /device/address}, with the API credentials, body {@code {"address": …}}: the
 *       address {@code <dev-id>.<zone>} answers (method 2). A local address, or the caller's own
 *       source address: never someone else's public address.</li>
 * </ul>
 */
final class DeviceEndpoints {
    private final NamesZone zone;
    private final NamesStore store;
    private final ApiKeys keys;
    private final KeyProof proofs;
    private final Credentials credentials;
    private final Locality locality;
    private final Clock clock;

    DeviceEndpoints(NamesZone zone, NamesStore store, ApiKeys keys, KeyProof proofs, Credentials credentials, Clock clock) {
        this.zone = zone;
        this.store = store;
        this.keys = keys;
        this.proofs = proofs;
        this.credentials = credentials;
        this.locality = Locality.defaults();
        this.clock = clock;
    }

    ApiResponse register(ApiRequest r) throws ApiProblem, StoreException {
        KeyProof.Verified proof;
        try {
            proof = proofs.verify(new String(r.body(), StandardCharsets.US_ASCII));
        } catch (ProofRejected e) {
            throw e.reason() == ProofRejected.Reason.MALFORMED ? ApiProblem.badRequest("malformed_proof", e.getMessage())
                    : new ApiProblem(401, "bad_proof", e.getMessage());
        }
        List<Cidr> allowFrom = Credentials.allowFrom(proof.allowFrom());
        Optional<InetAddress> address = proof.address().isPresent() ? Optional.of(address(proof.address().get(), r)) : Optional.empty();
        if (!store.useProof(proof.jti(), proof.expires(), clock.instant())) {
            throw new ApiProblem(401, "bad_proof", "registration proof rejected: it was used before (a replay)");
        }
        String key = keys.key();
        String hash = keys.hash(key);
        Optional<Account> before = store.byDeviceKey(proof.thumbprint());
        Account a;
        if (before.isPresent()) {
            a = store.rotate(proof.thumbprint(), hash, allowFrom);
        } else {
            a = new Account(keys.uuid(), hash, proof.devId().label(), allowFrom, Optional.of(proof.thumbprint()), clock.instant());
            store.register(a);
        }
        if (address.isPresent()) {
            store.setAddress(a.subdomain(), Addresses.text(address.get()), clock.instant());
        }
        ObjectNode out = AcmeDnsEndpoints.credentialsDocument(zone, a, key);
        out.put("devid", a.subdomain());
        return ApiResponse.json(before.isPresent() ? 200 : 201, Json.bytes(out));
    }

    /** The zone: what a registration proof is addressed to ({@code aud}). */
    ApiResponse zone(ApiRequest r) {
        return ApiResponse.json(200, Json.bytes(Json.newObject().put("zone", zone.text())));
    }

    ApiResponse address(ApiRequest r) throws ApiProblem, StoreException {
        Account a = credentials.authenticate(r);
        JsonNode body = Json.object(r.body());
        InetAddress address = address(Json.text(body, "address")
                .orElseThrow(() -> ApiProblem.badRequest("bad_address", "\"address\" is missing")), r);
        String text = Addresses.text(address);
        store.setAddress(a.subdomain(), text, clock.instant());
        ObjectNode out = Json.newObject();
        out.put("address", text);
        out.put("fulldomain", zone.fullName(a.subdomain()));
        return ApiResponse.json(200, Json.bytes(out));
    }

    /** A literal that is local, or the caller's own address. */
    private InetAddress address(String text, ApiRequest r) throws ApiProblem {
        InetAddress a = Addresses.literal(text).map(Addresses::unmapped)
                .orElseThrow(() -> ApiProblem.badRequest("bad_address", "'" + text + "' is not an IP address"));
        if (!locality.isLocalAddress(a) && !a.equals(Addresses.unmapped(r.source()))) {
            throw ApiProblem.badRequest("bad_address", a.getHostAddress() + " is public and not the address the request"
                    + " came from: a name here never points at someone else's address");
        }
        return a;
    }
}
