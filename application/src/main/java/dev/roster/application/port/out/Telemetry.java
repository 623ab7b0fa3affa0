package dev.roster.application.port.out;

/** Outgoing port for operational counters (MicroProfile Metrics in production). */
public interface Telemetry {
    void loginSucceeded();

    void loginFailed();

    void lockedOut();

    void invitationSent();

    void invitationFailed();
}
