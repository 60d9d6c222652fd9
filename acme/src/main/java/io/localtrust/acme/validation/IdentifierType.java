package io.localtrust.acme.validation;

/** The ACME identifier types the gateway validates: {@code dns} names and {@code ip} addresses (RFC 8738). */
public enum IdentifierType { DNS, IP }
