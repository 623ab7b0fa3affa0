package dev.roster.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.application.RosterSettings.HashParams;
import dev.roster.application.fakes.FakePasswordHasher;
import dev.roster.application.fakes.TestWorld;
import dev.roster.application.port.in.LoginUseCase.LoginCommand;
import dev.roster.application.port.in.LoginFailedException;
import dev.roster.domain.identity.Identity;
import dev.roster.domain.identity.IdentityId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A password stored under older hash parameters is hashed again with the current ones at the next successful login. */
class RehashOnLoginTest {
    static final String PW = "correct horse battery staple";
    static final HashParams OLDER = new HashParams(512, 1, 1);
    final TestWorld w = new TestWorld("tiered");
    IdentityId owner;

    @BeforeEach
    void signUp() {
        owner = w.signUp("Acme", "owner@example.com", "Olga Owner", PW).owner().member().identityId();
    }

    private String storedHash() {
        return w.store.identities.find(owner).orElseThrow().passwordHash();
    }

    private String storeHashMadeUnder(HashParams params) {
        Identity identity = w.store.identities.find(owner).orElseThrow();
        identity.setPasswordHash(new FakePasswordHasher(params).hash(PW));
        w.store.identities.update(identity);
        return identity.passwordHash();
    }

    @Test
    void aSuccessfulLoginStoresANewHashMadeWithTheCurrentParameters() {
        String old = storeHashMadeUnder(OLDER);
        assertThat(w.hasher.needsRehash(old)).isTrue();

        assertThat(w.auth.login(new LoginCommand("owner@example.com", PW)).token()).isNotBlank();

        String now = storedHash();
        assertThat(now).isNotEqualTo(old);
        assertThat(w.hasher.needsRehash(now)).isFalse();
        assertThat(w.hasher.verify(now, PW)).isTrue();
        assertThat(w.auth.login(new LoginCommand("owner@example.com", PW)).token()).isNotBlank();
    }

    @Test
    void aHashMadeWithTheCurrentParametersIsKept() {
        String current = storedHash();
        assertThat(w.hasher.needsRehash(current)).isFalse();

        w.auth.login(new LoginCommand("owner@example.com", PW));

        assertThat(storedHash()).isEqualTo(current);
    }

    @Test
    void aFailedLoginLeavesTheOldHashAlone() {
        String old = storeHashMadeUnder(OLDER);

        assertThatThrownBy(() -> w.auth.login(new LoginCommand("owner@example.com", "a wrong passphrase guess")))
                .isInstanceOf(LoginFailedException.class);

        assertThat(storedHash()).isEqualTo(old);
    }
}
