package dev.roster.application.service;

import dev.roster.application.port.in.DeliverInvitationsUseCase;
import dev.roster.application.port.out.Mailer;
import dev.roster.application.port.out.Mailer.MailFailure;
import dev.roster.application.port.out.Telemetry;
import dev.roster.application.service.DeliverySteps.Prepared;
import dev.roster.domain.common.LogSafe;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Service for the mail relay. Not transactional itself: it claims and prepares rows in one
 * transaction ({@link DeliverySteps#claim}), talks to SMTP outside any transaction, and records each
 * outcome in its own transaction. A crash between the two leaves the row claimed until its lease
 * ends; it is then sent again (at-least-once, same Message-ID, a fresh link).
 */
@ApplicationScoped
public class DeliveryService implements DeliverInvitationsUseCase {
    private static final Logger LOG = Logger.getLogger(DeliveryService.class.getName());

    private DeliverySteps steps;
    private Mailer mailer;
    private Telemetry telemetry;

    protected DeliveryService() {
    }

    @Inject
    public DeliveryService(DeliverySteps steps, Mailer mailer, Telemetry telemetry) {
        this.steps = steps;
        this.mailer = mailer;
        this.telemetry = telemetry;
    }

    @Override
    public int deliverDue() {
        steps.purgeExpiredSignups();
        List<Prepared> batch = steps.claim();
        for (Prepared p : batch) {
            try {
                mailer.send(p.mail());
                steps.sent(p.item());
                telemetry.invitationSent();
            } catch (MailFailure f) {
                LOG.log(Level.WARNING, "Mail {0} not delivered (attempt {1}): {2}",
                        new Object[] {p.item().id(), p.item().attempts(), LogSafe.line(f.getMessage())});
                steps.failed(p.item(), f);
                telemetry.invitationFailed();
            }
        }
        return batch.size();
    }
}
