package dev.roster.adapters.scim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.types.GroupResource;
import com.unboundid.scim2.common.types.SchemaResource;
import com.unboundid.scim2.common.types.UserResource;
import com.unboundid.scim2.common.utils.JsonUtils;
import com.unboundid.scim2.common.utils.SchemaUtils;
import dev.roster.application.port.in.ScimCaller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.beans.IntrospectionException;
import java.util.List;

/**
 * SCIM discovery of one account's endpoint (RFC 7644 §4): what is supported, the two resource types
 * and their schemas (the core User and Group schemas as the SDK describes them; Roster keeps the
 * attributes its mapping names, see docs/scim.md).
 */
@Path("accounts/{accountId}")
@RequestScoped
public class ScimDiscoveryResource {
    static final String SPC_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    static final String RT_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";

    @Inject
    ScimRequest request;
    @Context
    UriInfo uri;

    private String base(ScimCaller c) {
        return uri.getBaseUri().resolve("accounts/" + c.account().value() + "/").toString();
    }

    private static Response ok(Object node) {
        return Response.ok(ScimJson.write(JsonUtils.valueToNode(node)), ScimJson.MEDIA_TYPE).build();
    }

    @GET
    @Path("ServiceProviderConfig")
    public Response serviceProviderConfig() {
        ScimCaller c = request.caller();
        ObjectNode n = ScimJson.object();
        n.putArray("schemas").add(SPC_SCHEMA);
        n.put("documentationUri", "https://github.com/roster/roster/blob/main/docs/scim.md");
        n.putObject("patch").put("supported", true);
        n.putObject("bulk").put("supported", false).put("maxOperations", 0).put("maxPayloadSize", 0);
        n.putObject("filter").put("supported", true).put("maxResults", ScimLists.MAX_COUNT);
        n.putObject("changePassword").put("supported", false);
        n.putObject("sort").put("supported", false);
        n.putObject("etag").put("supported", true);
        n.putArray("authenticationSchemes").addObject().put("type", "oauthbearertoken").put("name", "SCIM token")
                .put("description", "A SCIM token of this account as Authorization: Bearer <token>.").put("primary", true);
        n.putObject("meta").put("resourceType", "ServiceProviderConfig").put("location", base(c) + "ServiceProviderConfig");
        return ok(n);
    }

    private ObjectNode resourceType(ScimCaller c, String name, String endpoint, String schema) {
        ObjectNode n = ScimJson.object();
        n.putArray("schemas").add(RT_SCHEMA);
        n.put("id", name);
        n.put("name", name);
        n.put("endpoint", "/" + endpoint);
        n.put("schema", schema);
        n.putObject("meta").put("resourceType", "ResourceType").put("location", base(c) + "ResourceTypes/" + name);
        return n;
    }

    private List<ObjectNode> resourceTypes(ScimCaller c) {
        return List.of(resourceType(c, "User", "Users", ScimUsers.USER_SCHEMA),
                resourceType(c, "Group", "Groups", ScimGroupsResource.GROUP_SCHEMA));
    }

    @GET
    @Path("ResourceTypes")
    public Response resourceTypes() {
        return ok(ScimLists.page(List.copyOf(resourceTypes(request.caller())), 1, 10));
    }

    @GET
    @Path("ResourceTypes/{id}")
    public Response resourceType(@PathParam("id") String id) {
        return ok(resourceTypes(request.caller()).stream().filter(n -> n.get("id").asText().equals(id)).findFirst()
                .orElseThrow(() -> new ScimFault(404, null, "No such ResourceType: User and Group exist.")));
    }

    private List<ObjectNode> schemas(ScimCaller c) {
        try {
            return List.of(schema(c, SchemaUtils.getSchema(UserResource.class)),
                    schema(c, SchemaUtils.getSchema(GroupResource.class)));
        } catch (IntrospectionException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode schema(ScimCaller c, SchemaResource s) {
        ObjectNode n = JsonUtils.valueToNode(s);
        ObjectNode meta = n.putObject("meta");
        meta.put("resourceType", "Schema");
        meta.put("location", base(c) + "Schemas/" + s.getId());
        if (!n.has("schemas")) {
            ArrayNode a = n.putArray("schemas");
            a.add("urn:ietf:params:scim:schemas:core:2.0:Schema");
        }
        return n;
    }

    @GET
    @Path("Schemas")
    public Response schemas() {
        return ok(ScimLists.page(List.copyOf(schemas(request.caller())), 1, 10));
    }

    @GET
    @Path("Schemas/{id}")
    public Response schema(@PathParam("id") String id) {
        return ok(schemas(request.caller()).stream().filter(n -> n.get("id").asText().equals(id)).findFirst()
                .orElseThrow(() -> new ScimFault(404, null, "No such Schema.")));
    }
}
