package io.localtrust.x509;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The three parts of a DER certificate (RFC 5280 §4.1: {@code SEQUENCE { tbsCertificate,
 * signatureAlgorithm, signatureValue }}) found by their TLV headers alone, without decoding their
 * contents, and a certificate put together from them. This is what lets an issuer sign the very
 * bytes of a TBSCertificate it has already parsed and linted, and keep that parse for the signed
 * certificate ({@link Cert#withSignature}). Definite lengths only (DER); anything else is refused.
 */
final class CertificateDer {
    private static final int SEQUENCE = 0x30;
    private static final int BIT_STRING = 0x03;

    /** Offsets in {@code der}: the TBSCertificate is [tbsStart, algStart), the algorithm [algStart, sigStart). */
    record Parts(int tbsStart, int algStart, int sigStart) {
    }

    private CertificateDer() {
    }

    static Parts parts(byte[] der) {
        int[] outer = header(der, 0, SEQUENCE);
        if (outer[0] + outer[1] != der.length) {
            throw new IllegalArgumentException("not one DER certificate: the outer SEQUENCE does not span the input");
        }
        int tbs = outer[0];
        int[] t = header(der, tbs, SEQUENCE);
        int alg = t[0] + t[1];
        int[] a = header(der, alg, SEQUENCE);
        int sig = a[0] + a[1];
        int[] s = header(der, sig, BIT_STRING);
        if (s[0] + s[1] != der.length) {
            throw new IllegalArgumentException("not one DER certificate: data after the signature");
        }
        return new Parts(tbs, alg, sig);
    }

    static byte[] tbs(byte[] der) {
        Parts p = parts(der);
        return Arrays.copyOfRange(der, p.tbsStart(), p.algStart());
    }

    /** The certificate {@code der} holds, with {@code signature} as its signature value. */
    static byte[] withSignature(byte[] der, byte[] signature) {
        Parts p = parts(der);
        int signedLength = p.sigStart() - p.tbsStart();
        byte[] bitsLength = length(signature.length + 1);
        int bitsTlv = 1 + bitsLength.length + 1 + signature.length;
        byte[] outerLength = length(signedLength + bitsTlv);
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 + outerLength.length + signedLength + bitsTlv);
        out.write(SEQUENCE);
        out.writeBytes(outerLength);
        out.write(der, p.tbsStart(), signedLength);
        out.write(BIT_STRING);
        out.writeBytes(bitsLength);
        out.write(0); // no unused bits
        out.writeBytes(signature);
        return out.toByteArray();
    }

    /** Reads the tag and length at {@code at}: {contents start, contents length}; the contents must fit. */
    private static int[] header(byte[] der, int at, int tag) {
        if (at + 2 > der.length || (der[at] & 0xff) != tag) {
            throw new IllegalArgumentException("not a DER certificate: expected tag " + tag + " at offset " + at);
        }
        int first = der[at + 1] & 0xff;
        int pos = at + 2;
        long length;
        if (first < 0x80) {
            length = first;
        } else {
            int n = first & 0x7f;
            if (n == 0 || n > 4 || pos + n > der.length) {
                throw new IllegalArgumentException("not a DER certificate: bad length at offset " + at);
            }
            length = 0;
            for (int i = 0; i < n; i++) {
                length = (length << 8) | (der[pos++] & 0xff);
            }
            if (length < 0x80 || length >> (8 * (n - 1)) == 0) {
                throw new IllegalArgumentException("not a DER certificate: length not in its shortest form at offset " + at);
            }
        }
        if (pos + length > der.length) {
            throw new IllegalArgumentException("not a DER certificate: length past the end at offset " + at);
        }
        return new int[] {pos, (int) length};
    }

    /** A DER length, in its shortest form. */
    private static byte[] length(int length) {
        if (length < 0x80) {
            return new byte[] {(byte) length};
        }
        int n = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
        byte[] out = new byte[n + 1];
        out[0] = (byte) (0x80 | n);
        for (int i = 0; i < n; i++) {
            out[n - i] = (byte) (length >>> (8 * i));
        }
        return out;
    }
}
