package dev.roster.application.port.in;

/** Use case: the relay's webhook tick — deliver due events, record each attempt, schedule retries. */
public interface DeliverWebhooksUseCase {
    /** Returns how many deliveries were attempted in this tick. */
    int deliverDue();

    /** For each enabled endpoint with waiting deliveries (by id): when its oldest waiting one was queued. */
    java.util.Map<String, java.time.Instant> oldestWaiting();
}
