package io.localtrust.localdns;

import java.util.Optional;

/**
 * What {@link DnsServer} asks for each query it receives: the reply to the query's bytes, or empty
 * for what deserves none (a response, fewer than 2 bytes). Never throws for bad input; a bug that
 * throws is logged by the server and the query goes unanswered.
 */
@FunctionalInterface
public interface DnsResponder {
    Optional<DnsReply> answer(byte[] wire);
}
