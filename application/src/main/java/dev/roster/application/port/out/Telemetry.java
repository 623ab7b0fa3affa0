package dev.roster.application.port.out;

/** Outgoing port for operational counters (MicroProfile Metrics in production). */
public interface Telemetry {
    void loginSucceeded();

    void loginFailed();

    void lockedOut();

    void invitationSent();

    void invitationFailed();

    /** Does nothing: for tests and tools. */
    Telemetry NONE = new Telemetry() {
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
    };
}
