package io.localtrust.agent.web;

/**
 * How the device's HTTPS server resumes TLS sessions: with <b>stateful</b> session tickets (the
 * session kept in the server's cache, the client given its id) instead of JSSE's default stateless
 * ones (the whole session encrypted into every ticket). Issue 5 asks for the fastest handshake
 * configuration: measured with {@code benchmarks/load/tls-configs.sh} (BENCHMARKS.md, the agent's TLS
 * section), JSSE spends about as much on sealing the stateless TLS 1.3 ticket it sends after every
 * full handshake as on the rest of the handshake; stateful tickets nearly double full handshakes per
 * second, and clients still resume (TLS 1.3 PSK by ticket id, TLS 1.2 by session id).
 *
 * <p>JSSE offers no per-context switch: {@code jdk.tls.server.enableSessionTicketExtension} is a
 * system property, read each time an {@code SSLContext} is made (its server session cache). So it
 * is set here, JVM-wide, when the agents' {@link io.localtrust.agent.AgentRuntime} starts — before any
 * device's context — unless the user set it ({@code -Djdk.tls.server.enableSessionTicketExtension=true}
 * keeps the JDK's default). Other server contexts made later in the same JVM (a gateway in the demo)
 * resume statefully too, which is standard TLS. The cost is memory: each device's cache is bounded at
 * {@link #CACHE_SIZE} sessions, held by soft references (collected under memory pressure).
 */
public final class SessionTickets {
    /** The JDK's system property (SSLSessionContextImpl). */
    public static final String PROPERTY = "jdk.tls.server.enableSessionTicketExtension";
    /** Sessions one device keeps for resumption (JSSE's default is 20,480). */
    public static final int CACHE_SIZE = 1024;

    private SessionTickets() {
    }

    /** Makes TLS server contexts created from now on use stateful tickets, unless the user chose otherwise. */
    public static void preferStateful() {
        synchronized (System.getProperties()) {
            if (System.getProperty(PROPERTY) == null) {
                System.setProperty(PROPERTY, "false");
            }
        }
    }
}
