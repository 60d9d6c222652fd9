package io.localtrust.acme.validation;

/** The identifier types the validators handle: {@code dns} (RFC 8555 §9.7.7) and {@code ip} (RFC 8738). */
public enum IdentifierType { DNS, IP }
