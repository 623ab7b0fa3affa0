package dev.roster.adapters.rest;

import dev.roster.application.RosterSettings;
import dev.roster.domain.membership.Membership;
import java.net.URI;

/** Absolute links in responses, built from {@code roster.public-url}, never from the request's Host. */
final class Links {
    private Links() {
    }

    static URI member(RosterSettings settings, Membership m) {
        return URI.create(settings.publicUrl().replaceAll("/+$", "") + "/api/v1/accounts/" + m.accountId().value()
                + "/users/" + m.id().value());
    }
}
