package dev.roster.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request.Method;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import dev.roster.bootstrap.it.Api;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The validator that checks every IT answer against the document really refuses what the document does
 * not describe (so "all ITs pass" means something): extra fields, wrong slugs, undocumented statuses,
 * missing required headers, wrong shapes. Runs on the maintained file, without a server.
 */
class OpenApiDocumentTest {
    static final String MEMBER = "{\"id\":\"m1\",\"email\":\"ana@example.com\",\"name\":\"Ana\",\"status\":\"PENDING_INVITATION\","
            + "\"roles\":[\"EDITOR\"],\"owner\":false,\"lastActiveAt\":null,\"authMethod\":null,\"createdAt\":\"2026-11-25T10:15:30.123Z\","
            + "\"invitation\":{\"sentAt\":null,\"expiresAt\":\"2026-11-26T10:15:30.123Z\",\"expired\":false,\"sendCount\":1,"
            + "\"delivery\":\"QUEUED\",\"lastError\":null}}";
    static final String MEMBERS = "/api/v1/accounts/a1/users";
    static OpenApiInteractionValidator validator;

    @BeforeAll
    static void load() throws Exception {
        validator = Api.validatorFor(Files.readString(Path.of("src/main/resources/META-INF/openapi.yaml")));
    }

    static ValidationReport check(String path, Method method, int status, String contentType, String body, String... headers) {
        SimpleResponse.Builder r = SimpleResponse.Builder.status(status).withHeader("X-Request-Id", "r1");
        for (int i = 0; i < headers.length; i += 2) {
            r.withHeader(headers[i], headers[i + 1]);
        }
        if (contentType != null) {
            r.withContentType(contentType);
        }
        if (body != null) {
            r.withBody(body);
        }
        return validator.validateResponse(path, method, r.build());
    }

    static String problem(int status, String slug) {
        return "{\"type\":\"/problems/" + slug + "\",\"title\":\"T\",\"status\":" + status + ",\"detail\":\"D\"}";
    }

    @Test
    void describedAnswersPass() {
        assertThat(check(MEMBERS, Method.POST, 201, "application/json;charset=UTF-8", MEMBER,
                "Location", "http://h/api/v1/accounts/a1/users/m1", "ETag", "\"1\"").getMessages()).isEmpty();
        assertThat(check(MEMBERS + "/m1", Method.DELETE, 403, "application/problem+json", problem(403, "owner-protected"))
                .getMessages()).isEmpty();
        assertThat(check("/api/v1/auth/logout", Method.POST, 204, null, null).getMessages()).isEmpty();
        assertThat(check("/api/v1/accounts/a1/users", Method.GET, 200, "application/json",
                "{\"items\":[" + MEMBER + "],\"nextCursor\":null}").getMessages()).isEmpty();
    }

    @Test
    void anUndescribedFieldFails() {
        for (String type : new String[] {"application/json", "application/json;charset=UTF-8"}) {
            assertThat(check(MEMBERS, Method.POST, 201, type, MEMBER.replace("\"owner\":false", "\"owner\":false,\"hash\":\"x\""),
                    "Location", "l", "ETag", "\"1\"").hasErrors()).as(type).isTrue();
        }
    }

    @Test
    void aMissingFieldOrAWrongTypeFails() {
        assertThat(check(MEMBERS, Method.POST, 201, "application/json", MEMBER.replace("\"owner\":false,", ""),
                "Location", "l", "ETag", "\"1\"").hasErrors()).isTrue();
        assertThat(check("/api/v1/accounts/a1/roles", Method.GET, 200, "application/json",
                "{\"ADMIN\":{}}").hasErrors()).as("roles are an array").isTrue();
    }

    @Test
    void aSlugTheOperationDoesNotAnswerFails() {
        assertThat(check("/api/v1/invitations/accept", Method.POST, 410, "application/problem+json", problem(410, "signup-invalid"))
                .hasErrors()).isTrue();
        assertThat(check("/api/v1/invitations/accept", Method.POST, 410, "application/json", problem(410, "invitation-invalid"))
                .hasErrors()).as("a problem is application/problem+json").isTrue();
    }

    @Test
    void anUndescribedStatusOrAMissingHeaderFails() {
        assertThat(check("/api/v1/auth/login", Method.POST, 409, "application/problem+json", problem(409, "member-exists"))
                .hasErrors()).isTrue();
        assertThat(check(MEMBERS, Method.POST, 201, "application/json", MEMBER, "ETag", "\"1\"").hasErrors())
                .as("Location is required on 201").isTrue();
        assertThat(check("/api/v1/auth/logout", Method.POST, 204, "application/json", "{}").hasErrors())
                .as("204 has no content").isTrue();
    }

    /** Issue 21: an event of the feed as the server renders it (EventLog, AccountEvent) matches the document. */
    @Test
    void anEventFeedPageMatches() {
        String event = "{\"specversion\":\"1.0\",\"id\":\"e1\",\"source\":\"https://r.example.com/api/v1/accounts/a1\","
                + "\"type\":\"dev.roster.member.roles_changed\",\"subject\":\"m1\",\"time\":\"2026-12-06T10:00:00.123Z\","
                + "\"datacontenttype\":\"application/json\",\"data\":{\"accountId\":\"a1\",\"member\":{\"id\":\"m1\","
                + "\"email\":\"ana@example.com\",\"name\":\"Ana\",\"roles\":[\"EDITOR\"],\"status\":\"ACTIVE\",\"owner\":false},"
                + "\"actor\":{\"id\":\"m0\"},\"changes\":{\"before\":{\"roles\":[\"VIEWER\"]},\"after\":{\"roles\":[\"EDITOR\"]}}}}";
        assertThat(check("/api/v1/accounts/a1/events", Method.GET, 200, "application/json",
                "{\"items\":[" + event + "],\"nextCursor\":\"7\"}").getMessages()).isEmpty();
        assertThat(check("/api/v1/accounts/a1/events", Method.GET, 200, "application/json",
                "{\"items\":[" + event.replace("roles_changed", "exploded") + "],\"nextCursor\":\"7\"}").hasErrors()).isTrue();
        assertThat(check("/api/v1/accounts/a1/webhooks", Method.POST, 422, "application/problem+json",
                problem(422, "webhook-url-refused")).getMessages()).isEmpty();
    }
}
