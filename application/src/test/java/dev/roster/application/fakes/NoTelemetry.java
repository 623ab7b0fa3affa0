package dev.roster.application.fakes;

import dev.roster.application.port.out.Telemetry;

/** Telemetry that counts nothing. */
public final class NoTelemetry implements Telemetry {
    @Override
    public void loginSucceeded() {
    }

    @Override
    public void loginFailed() {
    }

    @Override
    public void lockedOut() {
    }

    @Override
    public void invitationSent() {
    }

    @Override
    public void invitationFailed() {
    }
}
