package dev.roster.adapters.scim;

import static dev.roster.domain.MemberTestData.aMember;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.application.port.in.ScimProvisioningUseCase.ScimMember;
import dev.roster.application.port.in.ScimProvisioningUseCase.UserData;
import dev.roster.application.port.ScimLink;
import dev.roster.domain.membership.Membership;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The request bodies Okta and Entra ID really send (fixtures under {@code src/test/resources/scim},
 * README there says where each comes from), read and applied by the adapter's mapping and patch code.
 */
class ScimIdpShapesTest {
    static final String LOCATION = "https://roster.example.com/scim/v2/accounts/a/Users/u";

    static String fixture(String name, Map<String, String> values) {
        try (InputStream in = ScimIdpShapesTest.class.getResourceAsStream("/scim/" + name)) {
            String s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> e : values.entrySet()) {
                s = s.replace("{{" + e.getKey() + "}}", e.getValue());
            }
            return s;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode body(String name, Map<String, String> values) {
        return ScimJson.parse(fixture(name, values).getBytes(StandardCharsets.UTF_8));
    }

    static ScimMember member(String email) {
        Membership m = aMember().withEmail(email).build();
        return new ScimMember(m, new ScimLink(m.id(), m.accountId(), "ext-1", "Test", "Member", Instant.EPOCH));
    }

    static UserData patched(String fixture, ScimMember m) {
        ObjectNode after = ScimPatches.applyToUser(ScimPatches.normalize(body(fixture, Map.of())), ScimUsers.toNode(m, LOCATION));
        return ScimUsers.fromNode(after);
    }

    @Test
    void oktaCreateIsReadWithItsNameExternalIdAndActiveAndItsPasswordIgnored() {
        UserData d = ScimUsers.fromNode(body("okta-create-user.json", Map.of()));
        assertThat(d).isEqualTo(new UserData("test.user@okta.local", "Test", "User", null, "Test User",
                "00ujl29u0le5T6Aj10h7", true));
        assertThat(d.personName()).isEqualTo("Test User");
    }

    @Test
    void oktaDeactivatesWithAPathlessReplace() {
        UserData d = patched("okta-deactivate-pathless.json", member("test.user@okta.local"));
        assertThat(d.active()).isFalse();
        assertThat(d.userName()).isEqualTo("test.user@okta.local");
        assertThat(d.givenName()).as("untouched").isEqualTo("Test");
    }

    @Test
    void oktaPutsTheWholeUserItRead() {
        UserData d = ScimUsers.fromNode(body("okta-put-user.json", Map.of("userId", "x")));
        assertThat(d.givenName()).isEqualTo("Another");
        assertThat(d.personName()).isEqualTo("Another User");
        assertThat(d.active()).isTrue();
    }

    @Test
    void entraSendsCapitalisedReplaceAndAStringBoolean() {
        assertThat(patched("entra-disable-string-boolean.json", member("ann@example.com")).active()).isFalse();
        assertThat(patched("entra-disable-aadoptscim062020.json", member("ann@example.com")).active()).isFalse();
    }

    @Test
    void entraUpdatesAttributesOneByOneOrPathlessWithDottedKeysAndBothMeanTheSame() {
        UserData before = patched("entra-update-attributes.json", member("ann@example.com"));
        UserData after = patched("entra-update-attributes-aadoptscim062020.json", member("ann@example.com"));
        assertThat(before).isEqualTo(after);
        assertThat(after.givenName()).isEqualTo("Ogmjrc");
        assertThat(after.familyName()).isEqualTo("Rkdjnz");
        assertThat(after.displayName()).isEqualTo("Pvlo");
        assertThat(after.externalId()).isEqualTo("4eafe6d5-b66d-4ee3-9c03-2fd8e0fb5c95");
        assertThat(after.userName()).as("the email is the userName and stays").isEqualTo("ann@example.com");
    }

    @Test
    void aPathlessValueThatNamesOnlyGivenNameKeepsFamilyName() {
        ObjectNode patch = ScimJson.parse("""
                {"Operations":[{"op":"Replace","value":{"name":{"givenName":"Anna"}}}]}""".getBytes(StandardCharsets.UTF_8));
        UserData d = ScimUsers.fromNode(ScimPatches.applyToUser(ScimPatches.normalize(patch),
                ScimUsers.toNode(member("ann@example.com"), LOCATION)));
        assertThat(d.givenName()).isEqualTo("Anna");
        assertThat(d.familyName()).isEqualTo("Member");
    }

    @Test
    void groupMembersChangeInEveryFormTheProvidersSend() {
        Set<String> now = new LinkedHashSet<>(List.of("m1", "m2"));
        assertThat(ScimPatches.applyToGroup(ScimPatches.normalize(body("okta-group-members.json",
                Map.of("removeId", "m1", "addId", "m3"))), "EDITOR", now)).containsExactly("m2", "m3");
        assertThat(ScimPatches.applyToGroup(ScimPatches.normalize(body("entra-group-add-member.json",
                Map.of("memberId", "m3"))), "EDITOR", now)).containsExactly("m1", "m2", "m3");
        assertThat(ScimPatches.applyToGroup(ScimPatches.normalize(body("entra-group-remove-member.json",
                Map.of("memberId", "m2"))), "EDITOR", now)).containsExactly("m1");
        assertThat(ScimPatches.applyToGroup(ScimPatches.normalize(body("entra-group-remove-member-aadoptscim062020.json",
                Map.of("memberId", "m2"))), "EDITOR", now)).containsExactly("m1");
        assertThat(ScimPatches.applyToGroup(ScimPatches.normalize(body("okta-group-rename-pathless.json",
                Map.of("groupId", "EDITOR"))), "EDITOR", now)).as("id and name stay what they are").isEqualTo(now);
        assertThatThrownBy(() -> ScimPatches.applyToGroup(ScimPatches.normalize(body("okta-group-rename-pathless.json",
                Map.of("groupId", "Editors"))), "EDITOR", now))
                .isInstanceOfSatisfying(ScimFault.class, f -> assertThat(f.scimType()).isEqualTo("mutability"));
    }

    @Test
    void aUserNameThatIsNotAnEmailIsReadAsSentAndRefusedLater() {
        assertThat(ScimUsers.fromNode(body("entra-create-user-not-an-email.json", Map.of())).userName())
                .isEqualTo("Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1");
        assertThat(ScimUsers.fromNode(body("entra-create-user.json", Map.of())).personName()).isEqualTo("givenName familyName");
    }
}
