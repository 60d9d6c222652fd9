/** A device's proof of its key (a JWS), and the API keys the service hands out, stored hashed. */
package io.localtrust.names.proof;
