package dev.roster.bootstrap;

import dev.roster.adapters.mail.MailLinks;
import dev.roster.adapters.mail.SmtpSettings;
import dev.roster.adapters.rest.security.ThrottleSettings;
import dev.roster.application.LoginThrottleSettings;
import dev.roster.application.AccountSettings;
import dev.roster.application.InvitationSettings;
import dev.roster.application.LoginSettings;
import dev.roster.application.RelaySettings;
import dev.roster.application.RosterSettings.HashParams;
import dev.roster.application.SessionSettings;
import dev.roster.application.RosterSettings;
import dev.roster.domain.identity.PasswordPolicy;
import dev.roster.domain.role.RoleCatalog;
import dev.roster.application.SignupSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.eclipse.microprofile.config.ConfigProvider;

/** CDI producers: the checked configuration and the clock. */
@ApplicationScoped
public class Producers {
    /**
     * The configuration, read and checked once, on first use (start-up forces that first use, so a bad
     * value stops the process there). A singleton rather than application-scoped: {@link RosterConfig}
     * is final and read through its fields, which a client proxy would not pass on.
     */
    @Produces
    @Singleton
    RosterConfig config() {
        return new RosterConfig(ConfigProvider.getConfig());
    }

    @Produces
    @Singleton
    RosterSettings settings(RosterConfig config) {
        return config.settings;
    }

    /** Settings per concern (issue 18): a service receives the part of {@link RosterSettings} it uses. */
    @Produces
    @Singleton
    RoleCatalog catalog(RosterConfig config) {
        return config.settings.catalog();
    }

    @Produces
    @Singleton
    InvitationSettings invitationSettings(RosterConfig config) {
        return InvitationSettings.of(config.settings);
    }

    @Produces
    @Singleton
    PasswordPolicy passwordPolicy(RosterConfig config) {
        return config.settings.passwordPolicy();
    }

    @Produces
    @Singleton
    HashParams hashParams(RosterConfig config) {
        return config.settings.hashParams();
    }

    @Produces
    @Singleton
    SessionSettings sessionSettings(RosterConfig config) {
        return SessionSettings.of(config.settings);
    }

    @Produces
    @Singleton
    LoginSettings loginSettings(RosterConfig config) {
        return LoginSettings.of(config.settings);
    }

    @Produces
    @Singleton
    RelaySettings relaySettings(RosterConfig config) {
        return RelaySettings.of(config.settings);
    }

    @Produces
    @Singleton
    AccountSettings accountSettings(RosterConfig config) {
        return AccountSettings.of(config.settings);
    }

    @Produces
    @Singleton
    SignupSettings signupLimits(RosterConfig config) {
        return config.signupLimits;
    }

    @Produces
    @Singleton
    SmtpSettings smtp(RosterConfig config) {
        return config.smtp;
    }

    /** Issue 18 (ADR 0045): the mail adapter makes its links and Message-IDs from roster.public-url. */
    @Produces
    @Singleton
    MailLinks mailLinks(RosterConfig config) {
        return new MailLinks(config.settings.publicUrl());
    }

    @Produces
    @Singleton
    ThrottleSettings throttle(RosterConfig config) {
        return config.throttle;
    }

    @Produces
    @Singleton
    LoginThrottleSettings loginThrottle(RosterConfig config) {
        return config.loginThrottle;
    }

    /** Issue 19: single sign-on settings. */
    @Produces
    @Singleton
    dev.roster.application.SsoSettings sso(RosterConfig config) {
        return config.sso;
    }

    /** ADR 0071: webhook signing secrets and SSO client secrets, sealed under one key. */
    @Produces
    @Singleton
    dev.roster.application.port.out.SecretBox secretBox(RosterConfig config) {
        try {
            return Secrets.box(config.secretKeys);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
