package io.localtrust.acme.validation;

import java.net.InetAddress;

/** Where and what to validate: the identifier as ordered, the address the server decided to connect to. */
public record ValidationTarget(IdentifierType type, String identifier, InetAddress address) {
}
