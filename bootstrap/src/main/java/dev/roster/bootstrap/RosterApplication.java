package dev.roster.bootstrap;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The JAX-RS application: the contract's resources under {@code /api/v1}. */
@ApplicationPath("/api/v1")
public class RosterApplication extends Application {
}
