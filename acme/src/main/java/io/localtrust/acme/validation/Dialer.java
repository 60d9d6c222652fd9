package io.localtrust.acme.validation;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * Opens TCP connections. The validators reach it only through {@link LocalOnly#connect}, so no
 * socket is ever opened to an address the guard has not accepted; tests inject a recording one.
 */
@FunctionalInterface
interface Dialer {
    Socket connect(InetSocketAddress address, Duration timeout) throws IOException;

    /** A plain TCP connection with a connect timeout. */
    static Dialer tcp() {
        return (address, timeout) -> {
            Socket s = new Socket();
            try {
                s.connect(address, Timeouts.millis(timeout));
                return s;
            } catch (IOException | RuntimeException e) {
                s.close();
                throw e;
            }
        };
    }
}
