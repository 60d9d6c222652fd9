package io.localtrust.tokens;

import com.upokecenter.cbor.CBOREncodeOptions;
import com.upokecenter.cbor.CBORException;
import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;

/**
 * The envelope both COSE token forms share (the status token, {@link CoseCodec}; the attestation,
 * {@link CoseAttestation}): a tagged COSE_Sign1 (RFC 9052 §4.2), also accepted wrapped in the CWT
 * tag 61 (RFC 8392 §6), read strictly — well-formed CBOR without duplicate map keys, an array of
 * four, byte-string protected header, payload and signature, a map for the unprotected header, no
 * detached payload, a non-empty protected header, and the given labels only in the protected one.
 * What each form requires of the header (alg, typ, kid, x5chain) is its own business; the claim
 * readers ({@link #required}, {@link #optional}) are shared too.
 */
final class CoseSign1 {
    static final int TAG_COSE_SIGN1 = 18;
    static final int TAG_CWT = 61;
    static final int HEADER_CRIT = 2;
    static final int HEADER_TYP = 16;

    /** Duplicate map keys are an error (RFC 8949 §5.6); no shared-value references are resolved. */
    private static final CBOREncodeOptions STRICT = new CBOREncodeOptions("allowduplicatekeys=false;resolvereferences=false");

    /** The four parts, the protected header both as its bytes (which the signature covers) and decoded. */
    record Parts(byte[] protectedBytes, CBORObject header, CBORObject unprotected, byte[] payload, byte[] signature) {
    }

    private CoseSign1() {
    }

    /**
     * @param what         what the token is, for messages ("the token", "the attestation")
     * @param payloadRole  what a detached payload is not ("a status token")
     * @param protectedOnly header labels refused in the unprotected header
     */
    static Parts open(byte[] token, String what, String payloadRole, int... protectedOnly) throws TokenRejection {
        CBORObject message = decode(token, what);
        if (message.HasMostOuterTag(TAG_CWT)) {
            message = message.UntagOne();
        }
        if (message.getTagCount() != 1 || !message.HasMostOuterTag(TAG_COSE_SIGN1)) {
            throw malformed("not a tagged COSE_Sign1 (tag " + TAG_COSE_SIGN1 + ")");
        }
        message = message.UntagOne();
        if (message.getType() != CBORType.Array || message.size() != 4) {
            throw malformed("a COSE_Sign1 is an array of 4 items");
        }
        byte[] protectedBytes = bytes(message.get(0), "the protected header");
        CBORObject unprotected = message.get(1);
        if (unprotected.isTagged() || unprotected.getType() != CBORType.Map) {
            throw malformed("the unprotected header is not a map");
        }
        if (message.get(2).isNull()) {
            throw malformed("a detached payload is not " + payloadRole);
        }
        byte[] payload = bytes(message.get(2), "the payload");
        byte[] signature = bytes(message.get(3), "the signature");
        if (protectedBytes.length == 0) {
            throw new TokenRejection(TokenFailure.ALGORITHM_REJECTED, "the protected header is empty: alg must be protected");
        }
        CBORObject header = decode(protectedBytes, "the protected header");
        if (header.isTagged() || header.getType() != CBORType.Map) {
            throw malformed("the protected header is not a map");
        }
        for (int label : protectedOnly) {
            if (unprotected.ContainsKey(CBORObject.FromObject(label))) {
                throw malformed("header label " + label + " belongs in the protected header only");
            }
        }
        return new Parts(protectedBytes, header, unprotected, payload, signature);
    }

    /** No critical header parameter is understood: a token naming one is refused (RFC 9052 §3.1). */
    static void refuseCritical(CBORObject header) throws TokenRejection {
        if (header.ContainsKey(CBORObject.FromObject(HEADER_CRIT))) {
            throw new TokenRejection(TokenFailure.CRITICAL_HEADER, "crit (label 2): no critical header parameter is understood here");
        }
    }

    /** typ (label 16, RFC 9596) must be {@code type}, compared case-insensitively as a media type. */
    static void requireType(CBORObject header, String type) throws TokenRejection {
        CBORObject typ = header.get(CBORObject.FromObject(HEADER_TYP));
        if (typ == null || typ.isTagged() || typ.getType() != CBORType.TextString || !type.equalsIgnoreCase(typ.AsString())) {
            String found = typ == null ? "missing" : "'" + Printable.of(typ.getType() == CBORType.TextString && !typ.isTagged()
                    ? typ.AsString() : typ.toString()) + "'";
            throw new TokenRejection(TokenFailure.WRONG_TYPE, "typ (label 16) is " + found + ", not '" + type + "'");
        }
    }

    /** A claim (or a cnf member) that must be present, of {@code type}, untagged. */
    static CBORObject required(CBORObject map, int key, String name, CBORType type) throws TokenRejection {
        CBORObject value = optional(map, key, name, type);
        if (value == null) {
            throw new TokenRejection(TokenFailure.CLAIM_INVALID, "claim " + name + " is missing");
        }
        return value;
    }

    /** A claim that may be absent ({@code null}); present, it must be of {@code type}, untagged. */
    static CBORObject optional(CBORObject map, int key, String name, CBORType type) throws TokenRejection {
        CBORObject value = map.get(CBORObject.FromObject(key));
        if (value != null && (value.isTagged() || value.getType() != type)) {
            throw new TokenRejection(TokenFailure.CLAIM_INVALID, "claim " + name + " must be " + describe(type)
                    + " (untagged)");
        }
        return value;
    }

    private static String describe(CBORType type) {
        return switch (type) {
            case TextString -> "a text string";
            case ByteString -> "a byte string";
            case Integer -> "an integer";
            case Map -> "a map";
            default -> type.toString();
        };
    }

    static byte[] bytes(CBORObject item, String name) throws TokenRejection {
        if (item.isTagged() || item.getType() != CBORType.ByteString) {
            throw malformed(name + " is not a byte string");
        }
        return item.GetByteString();
    }

    static CBORObject decode(byte[] bytes, String what) throws TokenRejection {
        try {
            return CBORObject.DecodeFromBytes(bytes, STRICT);
        } catch (CBORException e) {
            throw malformed(what + " is not well-formed CBOR: " + Printable.of(String.valueOf(e.getMessage())));
        }
    }

    static TokenRejection malformed(String message) {
        return new TokenRejection(TokenFailure.MALFORMED, message);
    }
}
