package dev.roster.adapters.scim;

import dev.roster.application.port.in.NotFoundException;
import dev.roster.application.port.in.StaleMemberException;
import dev.roster.application.port.in.UseCaseException;
import dev.roster.domain.common.DomainException;
import dev.roster.domain.common.FieldError;
import dev.roster.domain.common.InvalidValueException;
import dev.roster.domain.membership.MemberExistsException;
import dev.roster.domain.membership.OwnerProtectedException;
import dev.roster.domain.membership.PermissionDeniedException;
import dev.roster.domain.role.RoleNotGrantableException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Every refusal of the SCIM endpoint as a SCIM error body (RFC 7644 §3.12), {@code application/scim+json}:
 * the domain's and the use cases' refusals, the SDK's, the container's (unknown path, wrong method or
 * media type); anything unexpected is a 500 with a correlation id and the stack trace in the log only.
 * Registered only in the SCIM application.
 */
public class ScimErrors implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(ScimErrors.class.getName());

    public static Response.ResponseBuilder response(int status, String scimType, String detail) {
        return Response.status(status).type(ScimJson.MEDIA_TYPE).entity(ScimJson.error(status, scimType, detail));
    }

    @Override
    public Response toResponse(Throwable e) {
        return toBuilder(e).build();
    }

    static Response.ResponseBuilder toBuilder(Throwable e) {
        if (e instanceof ScimFault f) {
            return response(f.status(), f.scimType(), f.getMessage());
        }
        if (e instanceof MemberExistsException) {
            return response(409, "uniqueness", "A member with this userName (email) already exists in the account.");
        }
        if (e instanceof InvalidValueException v) {
            String detail = v.errors().stream().map(FieldError::message).collect(Collectors.joining(" "));
            return response(400, "invalidValue", detail.isBlank() ? v.getMessage() : detail);
        }
        if (e instanceof OwnerProtectedException) {
            return response(403, null, "The account owner cannot be deactivated, removed or have its roles changed "
                    + "through SCIM. Leave the owner out of the assignment, or transfer ownership in Roster first.");
        }
        if (e instanceof RoleNotGrantableException || e instanceof PermissionDeniedException) {
            return response(403, null, e.getMessage());
        }
        if (e instanceof NotFoundException n) {
            return response(404, null, n.getMessage());
        }
        if (e instanceof StaleMemberException) {
            return response(412, null, "The member changed since it was read (If-Match does not match its ETag). Read it again.");
        }
        if (e instanceof DomainException || e instanceof UseCaseException) {
            return response(400, null, e.getMessage());
        }
        if (e instanceof WebApplicationException w) {
            int status = w.getResponse().getStatus();
            return response(status, null, switch (status) {
                case 404 -> "Not found. The SCIM base URL is /scim/v2/accounts/{accountId}, followed by /Users, /Groups, "
                        + "/ServiceProviderConfig, /ResourceTypes or /Schemas.";
                case 405 -> "This method is not allowed here.";
                case 406 -> "Accept application/scim+json or application/json.";
                case 415 -> "Send application/scim+json or application/json.";
                default -> "The request was refused (" + status + ").";
            });
        }
        String id = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "SCIM request failed, correlation id " + id, e);
        return response(500, null, "Internal error; correlation id " + id + ".");
    }
}
