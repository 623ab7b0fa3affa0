package dev.roster.adapters.scim;

import dev.roster.application.port.in.ScimCaller;
import jakarta.enterprise.context.RequestScoped;

/** The SCIM token of the current request, set by {@link ScimAuthFilter} and nothing else. */
@RequestScoped
public class ScimRequest {
    private ScimCaller caller;

    void authenticate(ScimCaller caller) {
        this.caller = caller;
    }

    /**
     * The caller. Without one the request did not come through the SCIM application (whose filter
     * authenticates every request): such a request is simply not found, whatever else it carries.
     */
    public ScimCaller caller() {
        if (caller == null) {
            throw new jakarta.ws.rs.NotFoundException();
        }
        return caller;
    }
}
