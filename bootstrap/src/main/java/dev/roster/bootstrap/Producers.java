package dev.roster.bootstrap;

import dev.roster.adapters.mail.SmtpSettings;
import dev.roster.application.RosterSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.eclipse.microprofile.config.ConfigProvider;

/** CDI producers: the checked configuration and the clock. */
@ApplicationScoped
public class Producers {
    private volatile RosterConfig config;

    /** The configuration, read and checked on first use (start-up forces that first use). */
    public RosterConfig config() {
        RosterConfig c = config;
        if (c == null) {
            synchronized (this) {
                if (config == null) {
                    config = new RosterConfig(ConfigProvider.getConfig());
                }
                c = config;
            }
        }
        return c;
    }

    @Produces
    @Singleton
    RosterSettings settings() {
        return config().settings;
    }

    @Produces
    @Singleton
    SmtpSettings smtp() {
        return config().smtp;
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
