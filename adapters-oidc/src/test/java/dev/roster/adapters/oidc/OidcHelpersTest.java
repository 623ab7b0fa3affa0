package dev.roster.adapters.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The adapter's small translations: Nimbus refusals into reason slugs, DNS TXT values into text. */
class OidcHelpersTest {
    @Test
    void nimbusRefusalsBecomeReasonSlugs() {
        assertThat(NimbusIdentityProvider.reasonOf("Unexpected JWT audience: [other]")).isEqualTo("wrong_audience");
        assertThat(NimbusIdentityProvider.reasonOf("Unexpected JWT nonce (nonce) claim: x")).isEqualTo("nonce_mismatch");
        assertThat(NimbusIdentityProvider.reasonOf("Expired JWT")).isEqualTo("token_expired");
        assertThat(NimbusIdentityProvider.reasonOf("Signed JWT rejected: Another algorithm expected, or no matching key(s) found"))
                .isEqualTo("bad_signature");
    }

    @Test
    void txtValuesLoseTheirQuotes() {
        assertThat(JndiDnsTxtLookup.unquote("\"roster-verification=abc\"")).isEqualTo("roster-verification=abc");
        assertThat(JndiDnsTxtLookup.unquote("\"roster-verif\" \"ication=abc\"")).isEqualTo("roster-verification=abc");
    }
}
