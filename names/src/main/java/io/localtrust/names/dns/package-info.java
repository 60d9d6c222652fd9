/** The names zone over DNS: method 1 (an embedded local address), method 2 (the registered address), DNS-01 TXT values. */
package io.localtrust.names.dns;
