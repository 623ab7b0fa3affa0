package dev.roster.bootstrap;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/** The JAX-RS application: the contract's resources under {@code /api/v1}; no WADL is served. */
@ApplicationPath("/api/v1")
public class RosterApplication extends Application {
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.wadl.disableWadl", true);
    }
}
