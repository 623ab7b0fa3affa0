package dev.roster.application.port.out;

/** Outgoing port: where the current request comes from, for the audit trail. */
public interface RequestContext {
    /** The client's IP address, or null outside a request. */
    String ip();

    /**
     * The source the request's limits are counted by: by default the client address ({@link #ip()}, or
     * null outside a request); an adapter may group addresses (an IPv6 /64) as its own throttle does.
     */
    default String source() {
        return ip();
    }

    /** The request's correlation id, or null outside a request. */
    String requestId();
}
