package dev.roster.adapters.rest.http;

import jakarta.json.JsonStructure;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** JSON success responses (the body serialised here, so no entity provider is involved). */
public final class Responses {
    private Responses() {
    }

    public static Response ok(JsonStructure body) {
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8")).build();
    }

    /** 202 with a fixed JSON body: the one answer of requests whose outcome must not be told apart. */
    public static Response accepted(String json) {
        return Response.status(202).type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8")).entity(json).build();
    }

    public static Response.ResponseBuilder status(int status, JsonStructure body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8")).entity(body.toString());
    }
}
