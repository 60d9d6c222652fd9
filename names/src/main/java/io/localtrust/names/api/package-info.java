/** The HTTPS API: acme-dns compatible register, update and health; key-proof registration; address updates. */
package io.localtrust.names.api;
