package dev.roster.application.port.out;

/** Outgoing port: where the current request comes from, for the audit trail. */
public interface RequestContext {
    /** The client's IP address, or null outside a request. */
    String ip();

    /** The request's correlation id, or null outside a request. */
    String requestId();
}
