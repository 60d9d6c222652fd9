package io.localtrust.gateway;

import io.localtrust.authority.IssuanceRefused;
import io.localtrust.store.StoreException;

/**
 * One route's handler. It throws the domain's exceptions as they are; {@link Problems} turns
 * them into HTTP problems in one place.
 */
@FunctionalInterface
public interface Endpoint {
    Reply handle(Call call) throws HttpProblem, StoreException, IssuanceRefused;
}
