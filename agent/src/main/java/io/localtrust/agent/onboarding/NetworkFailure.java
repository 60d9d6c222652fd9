package io.localtrust.agent.onboarding;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import javax.net.ssl.SSLException;

/**
 * Why a connection to the gateway failed, in words a device owner reads on the console and the
 * onboarding page: "connection refused", "timed out" — never a Java exception's class name.
 */
public final class NetworkFailure {
    private NetworkFailure() {
    }

    /** The innermost reason of {@code e}, as a short phrase. */
    public static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof HttpConnectTimeoutException) {
                return "connection timed out";
            }
            if (c instanceof HttpTimeoutException || c instanceof SocketTimeoutException) {
                return "no answer in time";
            }
            if (c instanceof ConnectException) {
                return "connection refused";
            }
            if (c instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (c instanceof UnknownHostException) {
                return "unknown host " + c.getMessage();
            }
            if (c instanceof SSLException) {
                return "TLS failed: " + (t.getMessage() == null ? "the handshake did not complete" : t.getMessage());
            }
        }
        return t.getMessage() == null ? "the connection failed" : t.getMessage();
    }
}
