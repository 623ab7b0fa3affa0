package dev.roster.adapters.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.filters.Filter;
import dev.roster.application.port.in.ScimCaller;
import dev.roster.application.port.in.ScimProvisioningUseCase;
import dev.roster.application.port.in.ScimProvisioningUseCase.ScimMember;
import dev.roster.application.port.in.ScimProvisioningUseCase.UserData;
import dev.roster.domain.membership.MemberId;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Set;

/** SCIM Users of one account (RFC 7644 §3): the account's members. */
@Path("accounts/{accountId}/Users")
@RequestScoped
public class ScimUsersResource {
    @Inject
    ScimProvisioningUseCase provisioning;
    @Inject
    ScimRequest request;
    @Context
    UriInfo uri;

    private ScimCaller caller() {
        return request.caller();
    }

    String location(ScimCaller c, MemberId id) {
        return uri.getBaseUri().resolve("accounts/" + c.account().value() + "/Users/" + id.value()).toString();
    }

    static MemberId memberId(String raw) {
        try {
            return new MemberId(raw);
        } catch (IllegalArgumentException e) {
            throw new ScimFault(404, null, "No such User in this account.");
        }
    }

    private Response user(int status, ScimMember m) {
        ScimCaller c = caller();
        String location = location(c, m.member().id());
        Response.ResponseBuilder b = Response.status(status).type(ScimJson.MEDIA_TYPE)
                .entity(ScimJson.write(ScimUsers.toNode(m, location)))
                .header("ETag", ScimUsers.etag(m.member()));
        if (status == 201) {
            b.location(URI.create(location));
        }
        return b.build();
    }

    @GET
    public Response list(@QueryParam("filter") String filter, @QueryParam("startIndex") String startIndex,
                         @QueryParam("count") String count, @QueryParam("excludedAttributes") String excluded) {
        ScimCaller c = caller();
        Filter f = ScimLists.filter(filter);
        int start = ScimLists.integer("startIndex", startIndex, 1, 1, Integer.MAX_VALUE);
        int n = ScimLists.integer("count", count, ScimLists.MAX_COUNT, 0, ScimLists.MAX_COUNT);
        Set<String> drop = ScimLists.excluded(excluded);
        List<ObjectNode> matching = provisioning.all(c).stream()
                .map(m -> ScimUsers.toNode(m, location(c, m.member().id())))
                .filter(node -> ScimLists.matches(f, node))
                .map(node -> ScimLists.exclude(node, drop))
                .toList();
        return Response.ok(ScimJson.write(ScimLists.page(matching, start, n)), ScimJson.MEDIA_TYPE).build();
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        return user(200, provisioning.get(caller(), memberId(id)));
    }

    @POST
    public Response create(InputStream body) {
        ScimCaller c = caller();
        UserData data = ScimUsers.fromNode(ScimJson.read(body));
        return user(201, provisioning.create(c, data));
    }

    @PUT
    @Path("{id}")
    public Response replace(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch, InputStream body) {
        ScimCaller c = caller();
        MemberId member = memberId(id);
        provisioning.get(c, member); // 404 before the body is judged
        UserData data = ScimUsers.fromNode(ScimJson.read(body));
        return user(200, provisioning.replace(c, member, version(ifMatch), data));
    }

    @PATCH
    @Path("{id}")
    public Response patch(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch, InputStream body) {
        ScimCaller c = caller();
        MemberId member = memberId(id);
        ScimMember current = provisioning.get(c, member);
        ObjectNode normalized = ScimPatches.normalize(ScimJson.read(body));
        ObjectNode before = ScimUsers.toNode(current, location(c, member));
        ObjectNode after = ScimPatches.applyToUser(normalized, before);
        Long expected = version(ifMatch);
        ScimMember changed = provisioning.replace(c, member, expected == null ? current.member().version() : expected,
                ScimUsers.fromNode(after));
        return user(200, changed);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        ScimCaller c = caller();
        MemberId member = memberId(id);
        Long expected = version(ifMatch);
        if (expected != null && provisioning.get(c, member).member().version() != expected) {
            throw new ScimFault(412, null, "The member changed since it was read (If-Match does not match its ETag).");
        }
        provisioning.delete(c, member);
        return Response.noContent().build();
    }

    /** The version of an If-Match ({@code W/"3"}, {@code "3"}); null when absent or {@code *}. */
    static Long version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        String v = ifMatch.strip();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ScimFault(412, null, "If-Match does not match the member's ETag.");
        }
    }
}
