package dev.roster.adapters.rest.invitations;

import dev.roster.adapters.rest.http.JsonBody;
import dev.roster.adapters.rest.http.JsonFactory;
import dev.roster.adapters.rest.http.JsonFields;
import dev.roster.adapters.rest.http.Responses;
import dev.roster.adapters.rest.security.Public;
import dev.roster.adapters.rest.security.Throttled;

import dev.roster.application.port.in.InvitationUseCase;
import dev.roster.application.port.in.InvitationUseCase.AcceptCommand;
import dev.roster.application.port.in.InvitationUseCase.Accepted;
import dev.roster.application.port.in.InvitationUseCase.InvitationView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/** Invitation links: lookup (does not consume) and accept. The token travels in the body, never in a URL. */
@Path("invitations")
@RequestScoped
@Public
public class InvitationsResource {
    @Context
    HttpHeaders headers;

    @Inject
    InvitationUseCase invitations;

    @POST
    @Path("lookup")
    @Throttled(Throttled.Kind.INVITATION)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response lookup(InputStream body) {
        JsonBody b = JsonBody.read(headers.getMediaType(), body, "token");
        InvitationView v = invitations.lookup(b.requiredString("token"));
        JsonObjectBuilder json = JsonFactory.object()
                .add("email", v.email())
                .add("accountName", v.accountName());
        JsonFields.putString(json, "invitedBy", v.invitedBy());
        json.add("expiresAt", JsonFields.time(v.expiresAt()));
        // issue 19: an account with SSO offers its provider (required: the only way to accept)
        ssoGate.invitationSso(b.requiredString("token")).ifPresent(x -> json.add("sso", JsonFactory.object()
                .add("enforcement", x.enforcement().name().toLowerCase(java.util.Locale.ROOT))
                .add("displayName", x.displayName())
                .add("startUrl", x.startUrl())));
        return Responses.ok(json.build());
    }

    /** Issue 19: an invitation to an account that requires SSO is accepted through its provider. */
    @Inject
    dev.roster.application.port.in.SsoGateUseCase ssoGate;

    @POST
    @Path("accept")
    @Throttled(Throttled.Kind.INVITATION)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response accept(InputStream body) {
        JsonBody b = JsonBody.read(headers.getMediaType(), body, "token", "password", "name");
        ssoGate.requirePasswordAcceptance(b.requiredString("token")); // issue 19: 409 sso-required where SSO is required
        Accepted a = invitations.accept(new AcceptCommand(b.requiredString("token"), b.string("password"), b.string("name")));
        return Responses.ok(JsonFactory.object().add("email", a.email()).add("accountId", a.accountId().value()).build());
    }
}
