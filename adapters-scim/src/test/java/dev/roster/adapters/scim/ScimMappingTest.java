package dev.roster.adapters.scim;

import static dev.roster.domain.MemberTestData.aMember;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.application.port.in.ScimProvisioningUseCase.ScimMember;
import dev.roster.domain.membership.Membership;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The User mapping, the SDK's filters on it, paging and malformed input (issue 20). */
class ScimMappingTest {
    static ObjectNode user(String email) {
        Membership m = aMember().withEmail(email).withRoles("EDITOR").build();
        return ScimUsers.toNode(new ScimMember(m, null), "https://h/scim/v2/accounts/a/Users/" + m.id().value());
    }

    @Test
    void aMemberIsAUserWithItsEmailAsUserNameAndAWorkEmailAndAWeakEtag() {
        ObjectNode n = user("ann@example.com");
        assertThat(n.get("userName").asText()).isEqualTo("ann@example.com");
        assertThat(n.get("emails").get(0).get("type").asText()).isEqualTo("work");
        assertThat(n.get("active").asBoolean()).isTrue();
        assertThat(n.get("meta").get("version").asText()).isEqualTo("W/\"0\"");
        assertThat(n.get("groups").get(0).get("value").asText()).isEqualTo("EDITOR");
        assertThat(n.has("externalId")).isFalse();
    }

    @Test
    void theFiltersTheProvidersSendMatchAsTheyShould() {
        ObjectNode ann = user("ann@example.com");
        assertThat(ScimLists.matches(ScimLists.filter("userName eq \"ANN@Example.com\""), ann)).as("case-insensitive").isTrue();
        assertThat(ScimLists.matches(ScimLists.filter("userName eq \"bob@example.com\""), ann)).isFalse();
        assertThat(ScimLists.matches(ScimLists.filter("emails[type eq \"work\"].value eq \"ann@example.com\""), ann)).isTrue();
        assertThat(ScimLists.matches(ScimLists.filter("emails[type eq \"home\"].value eq \"ann@example.com\""), ann)).isFalse();
        assertThat(ScimLists.matches(ScimLists.filter(
                "emails[type eq \"work\"].value eq \"ANN@example.com\" and userName eq \"ann@example.com\""), ann)).isTrue();
        ann.put("externalId", "00u1");
        assertThat(ScimLists.matches(ScimLists.filter("externalId eq \"00u1\" and userName eq \"ann@example.com\""), ann)).isTrue();
        assertThat(ScimLists.matches(ScimLists.filter("externalId eq \"00u2\" and userName eq \"ann@example.com\""), ann)).isFalse();
        assertThat(ScimLists.matches(null, ann)).isTrue();
    }

    @Test
    void aFilterTheSdkCannotParseIsA400InvalidFilter() {
        assertThatThrownBy(() -> ScimLists.filter("userName eq"))
                .isInstanceOfSatisfying(ScimFault.class, f -> {
                    assertThat(f.status()).isEqualTo(400);
                    assertThat(f.scimType()).isEqualTo("invalidFilter");
                });
    }

    @Test
    void pagesAreOneBasedWithIntegers() {
        List<ObjectNode> all = List.of(user("a@example.com"), user("b@example.com"), user("c@example.com"));
        ObjectNode page = ScimLists.page(all, 2, 1);
        assertThat(page.get("totalResults").isInt()).isTrue();
        assertThat(page.get("totalResults").asInt()).isEqualTo(3);
        assertThat(page.get("startIndex").asInt()).isEqualTo(2);
        assertThat(page.get("itemsPerPage").asInt()).isEqualTo(1);
        assertThat(page.get("Resources").get(0).get("userName").asText()).isEqualTo("b@example.com");
        assertThat(ScimLists.page(all, 9, 5).get("Resources")).isEmpty();
        assertThat(ScimLists.integer("count", "0", 200, 0, 200)).isZero();
        assertThat(ScimLists.integer("startIndex", "-3", 1, 1, Integer.MAX_VALUE)).isEqualTo(1);
        assertThatThrownBy(() -> ScimLists.integer("count", "ten", 200, 0, 200)).isInstanceOf(ScimFault.class);
    }

    @Test
    void excludedAttributesDropMembersButNeverIdOrMeta() {
        ObjectNode g = ScimJson.object().put("id", "ADMIN").put("displayName", "ADMIN");
        g.putArray("members").addObject().put("value", "m1");
        g.putObject("meta");
        ScimLists.exclude(g, ScimLists.excluded("members,id,meta"));
        assertThat(g.has("members")).isFalse();
        assertThat(g.has("id")).isTrue();
        assertThat(g.has("meta")).isTrue();
    }

    @Test
    void malformedBodiesAndOpsAre400sNever500s() {
        assertThatThrownBy(() -> ScimJson.parse("[1]".getBytes(StandardCharsets.UTF_8))).isInstanceOf(ScimFault.class);
        assertThatThrownBy(() -> ScimJson.parse("{".getBytes(StandardCharsets.UTF_8))).isInstanceOf(ScimFault.class);
        assertThatThrownBy(() -> ScimPatches.normalize(ScimJson.parse("{\"Operations\":[{\"op\":\"move\"}]}".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(ScimFault.class);
        assertThatThrownBy(() -> ScimPatches.normalize(ScimJson.parse("{}".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(ScimFault.class);
        assertThatThrownBy(() -> ScimUsers.fromNode(ScimJson.parse("{\"active\":\"maybe\"}".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOfSatisfying(ScimFault.class, f -> assertThat(f.scimType()).isEqualTo("invalidValue"));
        assertThatThrownBy(() -> ScimPatches.applyToUser(ScimPatches.normalize(ScimJson.parse(
                "{\"Operations\":[{\"op\":\"replace\",\"path\":\"name[\",\"value\":1}]}".getBytes(StandardCharsets.UTF_8))),
                user("a@example.com"))).isInstanceOf(ScimFault.class);
    }

    @Test
    void anErrorBodyIsScimShaped() {
        String json = ScimJson.error(409, "uniqueness", "taken");
        assertThat(json).contains("urn:ietf:params:scim:api:messages:2.0:Error").contains("\"scimType\":\"uniqueness\"")
                .contains("\"detail\":\"taken\"");
    }
}
