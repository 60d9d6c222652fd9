"""Independent checks of localtrust status tokens, with Debian's python3-cbor2, python3-cryptography
and python3-jwt (PyJWT): nothing here shares code with the Java under test.

  verify-cose TOKEN...    decode each COSE_Sign1 (RFC 9052), rebuild its Sig_structure, verify the
                          signature with the x5chain leaf's key; print its claims as one JSON line, with
                          the RFC 7638 thumbprint and the dev-id computed here from the leaf
  verify-jwt TOKEN...     verify each JWT with PyJWT and the x5c leaf's key; one JSON line of header and claims
  sign KEY CLAIMS CERT... make an ES256 COSE_Sign1 CWT (token.cbor) and an ES256 JWT made by PyJWT (token.jwt)
                          with the chain CERT... (DER files), from a PEM key and JWT-named claims in JSON
A token that fails prints {"file": …, "error": "Type: reason"}; other failures exit 1 with a reason.
"""
import base64
import hashlib
import json
import sys

import cbor2
import jwt
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature, encode_dss_signature

COSE_TYPE = "application/local-device-status+cwt"
JWT_TYPE = "local-device-status+jwt"
COSE_ALGS = {-7: ("ES256", hashes.SHA256(), 32), -35: ("ES384", hashes.SHA384(), 48), -8: ("EdDSA", None, None)}
CLAIM_KEYS = {"iss": 1, "sub": 2, "exp": 4, "iat": 6, "firmware_version": -65537, "device_status": -65538}


def b64u(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def thumbprint(public_key):
    """RFC 7638: SHA-256 over the required JWK members, sorted, without whitespace."""
    if isinstance(public_key, ed25519.Ed25519PublicKey):
        raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        members = {"crv": "Ed25519", "kty": "OKP", "x": b64u(raw)}
    else:
        numbers = public_key.public_numbers()
        size = (public_key.curve.key_size + 7) // 8
        crv = {"secp256r1": "P-256", "secp384r1": "P-384"}[public_key.curve.name]
        members = {"crv": crv, "kty": "EC", "x": b64u(numbers.x.to_bytes(size, "big")),
                   "y": b64u(numbers.y.to_bytes(size, "big"))}
    canonical = json.dumps(members, sort_keys=True, separators=(",", ":")).encode("ascii")
    return b64u(hashlib.sha256(canonical).digest())


def dev_id(certificate):
    spki = certificate.public_key().public_bytes(serialization.Encoding.DER,
                                                 serialization.PublicFormat.SubjectPublicKeyInfo)
    return base64.b32encode(hashlib.sha256(spki).digest()[:16]).decode("ascii").rstrip("=").lower()


def fail(reason):
    print(reason, file=sys.stderr)
    sys.exit(1)


def each(verify, paths):
    for path in paths:
        try:
            result = verify(path)
        except Exception as e:
            result = {"error": "%s: %s" % (type(e).__name__, e)}
        result["file"] = path
        print(json.dumps(result))


def verify_cose(path):
    with open(path, "rb") as f:
        message = cbor2.loads(f.read())
    if not isinstance(message, cbor2.CBORTag) or message.tag != 18:
        raise ValueError("not a COSE_Sign1_Tagged (tag 18)")
    protected_bytes, unprotected, payload, signature = message.value
    protected = cbor2.loads(protected_bytes)
    alg_name, digest, size = COSE_ALGS[protected[1]]
    chain = protected[33] if isinstance(protected[33], list) else [protected[33]]
    leaf = x509.load_der_x509_certificate(chain[0])
    to_be_signed = cbor2.dumps(["Signature1", protected_bytes, b"", payload])
    key = leaf.public_key()
    if alg_name == "EdDSA":
        key.verify(signature, to_be_signed)
    else:
        if len(signature) != 2 * size:
            raise ValueError("signature is %d bytes, not r||s of %d" % (len(signature), 2 * size))
        r = int.from_bytes(signature[:size], "big")
        s = int.from_bytes(signature[size:], "big")
        key.verify(encode_dss_signature(r, s), to_be_signed, ec.ECDSA(digest))
    claims = cbor2.loads(payload)
    return {
        "alg": alg_name, "typ": protected.get(16), "chain": len(chain), "unprotected": len(unprotected),
        "iss": claims[1], "sub": claims[2], "exp": claims[4], "iat": claims[6],
        "cnf_kid": b64u(claims[8][3]), "nonce": claims[10].decode("ascii") if 10 in claims else None,
        "firmware_version": claims[-65537], "device_status": claims[-65538],
        "computed_jkt": thumbprint(key), "computed_dev_id": dev_id(leaf)}


def verify_jwt(path):
    with open(path, "r", encoding="ascii") as f:
        token = f.read()
    header = jwt.get_unverified_header(token)
    leaf = x509.load_der_x509_certificate(base64.b64decode(header["x5c"][0]))
    # times are the Java verifier's to judge (the tests run at a fixed instant): PyJWT checks the signature
    claims = jwt.decode(token, leaf.public_key(), algorithms=[header["alg"]],
                        options={"verify_exp": False, "verify_iat": False, "verify_nbf": False})
    return {"header": header, "claims": claims,
            "computed_jkt": thumbprint(leaf.public_key()), "computed_dev_id": dev_id(leaf)}


def load(key_path, claims_path, cert_paths):
    with open(key_path, "rb") as f:
        key = serialization.load_pem_private_key(f.read(), password=None)
    with open(claims_path, "r", encoding="utf-8") as f:
        claims = json.load(f)
    ders = []
    for p in cert_paths:
        with open(p, "rb") as f:
            ders.append(f.read())
    return key, claims, ders


def sign(key_path, claims_path, cert_paths):
    key, claims, ders = load(key_path, claims_path, cert_paths)
    with open("token.cbor", "wb") as f:
        f.write(sign_cose(key, claims, ders))
    with open("token.jwt", "w", encoding="ascii") as f:
        f.write(sign_jwt(key, claims, ders))


def sign_cose(key, claims, ders):
    protected = cbor2.dumps({1: -7, 16: COSE_TYPE, 33: ders if len(ders) > 1 else ders[0]})
    body = {CLAIM_KEYS[name]: claims[name] for name in CLAIM_KEYS}
    body[8] = {3: base64.urlsafe_b64decode(claims["cnf"]["jkt"] + "=")}
    if "nonce" in claims:
        body[10] = claims["nonce"].encode("ascii")
    payload = cbor2.dumps(body)
    der = key.sign(cbor2.dumps(["Signature1", protected, b"", payload]), ec.ECDSA(hashes.SHA256()))
    r, s = decode_dss_signature(der)
    signature = r.to_bytes(32, "big") + s.to_bytes(32, "big")
    return cbor2.dumps(cbor2.CBORTag(18, [protected, {}, payload, signature]))


def sign_jwt(key, claims, ders):
    headers = {"typ": JWT_TYPE, "x5c": [base64.b64encode(d).decode("ascii") for d in ders]}
    return jwt.encode(claims, key, algorithm="ES256", headers=headers)


if __name__ == "__main__":
    command = sys.argv[1]
    try:
        if command == "verify-cose":
            each(verify_cose, sys.argv[2:])
        elif command == "verify-jwt":
            each(verify_jwt, sys.argv[2:])
        elif command == "sign":
            sign(sys.argv[2], sys.argv[3], sys.argv[4:])
        else:
            fail("unknown command " + command)
    except Exception as e:  # one line for the Java test's assertion message
        fail("%s: %s" % (type(e).__name__, e))
