package dev.roster.adapters.rest.http;

import dev.roster.application.RosterSettings;
import dev.roster.domain.membership.Membership;
import java.net.URI;

/** Absolute links in responses, built from {@code roster.public-url}, never from the request's Host. */
public final class Links {
    private Links() {
    }

    public static URI member(RosterSettings settings, Membership m) {
        return URI.create(settings.publicUrl().replaceAll("/+$", "") + "/api/v1/accounts/" + m.accountId().value()
                + "/users/" + m.id().value());
    }
}
