package dev.roster.adapters.rest.security;

import dev.roster.application.port.out.RequestContext;
import jakarta.enterprise.context.RequestScoped;

/** The HTTP request's client address and correlation id, filled by {@link RequestIdFilter}. */
@RequestScoped
public class RestRequestContext implements RequestContext {
    private String ip;
    private String requestId;

    void set(String ip, String requestId) {
        this.ip = ip;
        this.requestId = requestId;
    }

    @Override
    public String ip() {
        return ip;
    }

    /** The throttle's source: the address, an IPv6 client by its /64 ({@link Throttle#source}). */
    @Override
    public String source() {
        return Throttle.source(ip);
    }

    @Override
    public String requestId() {
        return requestId;
    }
}
