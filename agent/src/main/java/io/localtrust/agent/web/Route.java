package io.localtrust.agent.web;

import org.eclipse.jetty.server.Request;

/**
 * One HTTPS resource of the device beyond the admin page — e.g. the signed status token at
 * {@code /.well-known/local-device/status} (DESIGN.md §4): one class implementing this, added to
 * {@link AgentServer}'s routes. Answers every method; HSTS and the security headers are added by
 * the server.
 */
public interface Route {
    /** The exact path served. */
    String path();

    Page handle(Request request) throws Exception;
}
