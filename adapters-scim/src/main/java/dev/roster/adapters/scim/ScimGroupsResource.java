package dev.roster.adapters.scim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.filters.Filter;
import dev.roster.application.port.in.ScimCaller;
import dev.roster.application.port.in.ScimProvisioningUseCase;
import dev.roster.application.port.in.ScimProvisioningUseCase.ScimGroup;
import dev.roster.domain.membership.MemberId;
import dev.roster.domain.membership.Membership;
import dev.roster.domain.role.RoleName;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * SCIM Groups of one account: its role catalog, one Group per role ({@code id} and {@code displayName}
 * are the role's name). Changing a Group's members grants or revokes that role under the catalog's
 * rules; Groups themselves are not created, renamed or deleted through SCIM.
 */
@Path("accounts/{accountId}/Groups")
@RequestScoped
public class ScimGroupsResource {
    static final String GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
    static final String FIXED = "Groups are the roles of the account's catalog; they cannot be created or deleted "
            + "through SCIM. In the identity provider, push or link groups whose names are the roles (e.g. ADMIN, "
            + "EDITOR, VIEWER) and assign people to them.";

    @Inject
    ScimProvisioningUseCase provisioning;
    @Inject
    ScimRequest request;
    @Context
    UriInfo uri;

    private String base(ScimCaller c) {
        return uri.getBaseUri().resolve("accounts/" + c.account().value() + "/").toString();
    }

    ObjectNode toNode(ScimCaller c, ScimGroup g) {
        ObjectNode n = ScimJson.object();
        n.putArray("schemas").add(GROUP_SCHEMA);
        n.put("id", g.role().value());
        n.put("displayName", g.role().value());
        ArrayNode members = n.putArray("members");
        for (Membership m : g.members()) {
            members.addObject().put("value", m.id().value()).put("display", m.email().value())
                    .put("$ref", base(c) + "Users/" + m.id().value());
        }
        ObjectNode meta = n.putObject("meta");
        meta.put("resourceType", "Group");
        meta.put("location", base(c) + "Groups/" + g.role().value());
        return n;
    }

    private static RoleName role(String raw) {
        try {
            return new RoleName(raw);
        } catch (IllegalArgumentException e) {
            throw new ScimFault(404, null, "No such Group (role) in this account's catalog.");
        }
    }

    @GET
    public Response list(@QueryParam("filter") String filter, @QueryParam("startIndex") String startIndex,
                         @QueryParam("count") String count, @QueryParam("excludedAttributes") String excluded) {
        ScimCaller c = request.caller();
        Filter f = ScimLists.filter(filter);
        int start = ScimLists.integer("startIndex", startIndex, 1, 1, Integer.MAX_VALUE);
        int n = ScimLists.integer("count", count, ScimLists.MAX_COUNT, 0, ScimLists.MAX_COUNT);
        Set<String> drop = ScimLists.excluded(excluded);
        List<ObjectNode> matching = provisioning.groups(c).stream().map(g -> toNode(c, g))
                .filter(node -> ScimLists.matches(f, node)).map(node -> ScimLists.exclude(node, drop)).toList();
        return Response.ok(ScimJson.write(ScimLists.page(matching, start, n)), ScimJson.MEDIA_TYPE).build();
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id, @QueryParam("excludedAttributes") String excluded) {
        ScimCaller c = request.caller();
        ObjectNode node = ScimLists.exclude(toNode(c, provisioning.group(c, role(id))), ScimLists.excluded(excluded));
        return Response.ok(ScimJson.write(node), ScimJson.MEDIA_TYPE).build();
    }

    @PATCH
    @Path("{id}")
    public Response patch(@PathParam("id") String id, @QueryParam("excludedAttributes") String excluded, InputStream body) {
        ScimCaller c = request.caller();
        ScimGroup current = provisioning.group(c, role(id));
        ObjectNode normalized = ScimPatches.normalize(ScimJson.read(body));
        Set<String> holders = ids(current);
        Set<String> after = ScimPatches.applyToGroup(normalized, current.role().value(), holders);
        return changed(c, current, after, excluded);
    }

    @PUT
    @Path("{id}")
    public Response replace(@PathParam("id") String id, InputStream body) {
        ScimCaller c = request.caller();
        ScimGroup current = provisioning.group(c, role(id));
        ObjectNode node = ScimJson.read(body);
        var name = ScimUsers.field(node, "displayName");
        if (name != null && !name.asText().equals(current.role().value())) {
            throw ScimFault.mutability("A group is a role of the account; it cannot be renamed.");
        }
        ObjectNode asPatch = ScimJson.object();
        ObjectNode op = asPatch.putArray("Operations").addObject().put("op", "replace").put("path", "members");
        var members = ScimUsers.field(node, "members");
        op.set("value", members == null || members.isNull() ? ScimJson.array() : members);
        Set<String> after = ScimPatches.applyToGroup(ScimPatches.normalize(asPatch), current.role().value(), ids(current));
        return changed(c, current, after, null);
    }

    private Response changed(ScimCaller c, ScimGroup current, Set<String> after, String excluded) {
        Set<MemberId> wanted = new LinkedHashSet<>();
        for (String id : after) {
            try {
                wanted.add(new MemberId(id));
            } catch (IllegalArgumentException e) {
                throw ScimFault.invalidValue("No member of this account has the id " + id + ".");
            }
        }
        ScimGroup g = provisioning.changeGroup(c, current.role(), Set.of(), Set.of(), wanted);
        ObjectNode node = ScimLists.exclude(toNode(c, g), ScimLists.excluded(excluded));
        return Response.ok(ScimJson.write(node), ScimJson.MEDIA_TYPE).build();
    }

    private static Set<String> ids(ScimGroup g) {
        return g.members().stream().map(m -> m.id().value()).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    @POST
    public Response create() {
        request.caller();
        throw new ScimFault(403, null, FIXED);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        request.caller();
        throw new ScimFault(403, null, FIXED);
    }
}
