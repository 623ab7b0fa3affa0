package dev.roster.application.port.in;

/** Use case: the mail relay's tick — send due outbox rows, record the outcome, schedule retries. */
public interface DeliverInvitationsUseCase {
    /** Returns how many rows were handled in this tick. */
    int deliverDue();
}
