package dev.roster.application.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.application.port.out.AccountRepository;
import dev.roster.application.port.out.IdentityRepository;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.application.port.out.ScimLinkRepository;
import dev.roster.application.port.ScimLink;
import dev.roster.application.port.out.ScimTokenRepository;
import dev.roster.application.port.out.ScimTokenRepository.ScimToken;
import dev.roster.domain.account.Account;
import dev.roster.domain.common.EmailAddress;
import dev.roster.domain.common.PersonName;
import dev.roster.domain.identity.Identity;
import dev.roster.domain.membership.Membership;
import dev.roster.domain.role.RoleCatalog;
import dev.roster.domain.role.RoleSet;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The persistence contract of the SCIM ports (issue 20), run against the in-memory fakes and the JPA
 * adapter, so the fakes the service tests use cannot drift from the store.
 */
public abstract class ScimRepositoryContract extends StoreContract {
    protected static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    protected abstract AccountRepository accounts();

    protected abstract IdentityRepository identities();

    protected abstract MembershipRepository memberships();

    protected abstract ScimTokenRepository tokens();

    protected abstract ScimLinkRepository links();


    protected Account account;
    protected Account other;
    protected Membership owner;

    @BeforeEach
    void seed() {
        account = Account.create("Acme", T0);
        other = Account.create("Globex", T0);
        Identity o = Identity.register(new EmailAddress("owner@example.com"), new PersonName("Olga"), T0);
        owner = Membership.founder(account, o, new PersonName("Olga"), RoleCatalog.tiered(), true, T0);
        tx(() -> {
            accounts().add(account);
            accounts().add(other);
            identities().add(o);
            memberships().add(owner);
            return null;
        });
    }

    private ScimToken token(String id, Account a, String hash, Instant at) {
        return new ScimToken(id, a.id(), "Okta " + id, hash, at, null);
    }

    @Test
    void tokensAreListedPerAccountOldestFirstAndFoundByHashOnly() {
        tx(() -> {
            tokens().add(token("t2", account, "h2", T0.plusSeconds(2)));
            tokens().add(token("t1", account, "h1", T0.plusSeconds(1)));
            tokens().add(token("t3", other, "h3", T0));
            return null;
        });
        assertThat(tx(() -> tokens().listOf(account.id()))).extracting(ScimToken::id).containsExactly("t1", "t2");
        assertThat(tx(() -> tokens().findByHash("h3"))).get().extracting(ScimToken::account).isEqualTo(other.id());
        assertThat(tx(() -> tokens().findByHash("nope"))).isEmpty();
    }

    @Test
    void aTokenIsDeletedOnlyThroughItsOwnAccount() {
        tx(() -> {
            tokens().add(token("t1", account, "h1", T0));
            return null;
        });
        assertThat(tx(() -> tokens().delete(other.id(), "t1"))).isFalse();
        assertThat(tx(() -> tokens().findByHash("h1"))).isPresent();
        assertThat(tx(() -> tokens().delete(account.id(), "t1"))).isTrue();
        assertThat(tx(() -> tokens().findByHash("h1"))).isEmpty();
        assertThat(tx(() -> tokens().delete(account.id(), "t1"))).isFalse();
    }

    @Test
    void aTouchIsWrittenOncePerGranule() {
        tx(() -> {
            tokens().add(token("t1", account, "h1", T0));
            return null;
        });
        tx(() -> {
            tokens().touch("t1", T0.plusSeconds(10), T0.minusSeconds(50));
            return null;
        });
        assertThat(tx(() -> tokens().findByHash("h1")).orElseThrow().lastUsedAt()).isEqualTo(T0.plusSeconds(10));
        tx(() -> {
            tokens().touch("t1", T0.plusSeconds(20), T0.minusSeconds(40));
            return null;
        });
        assertThat(tx(() -> tokens().findByHash("h1")).orElseThrow().lastUsedAt()).isEqualTo(T0.plusSeconds(10));
        tx(() -> {
            tokens().touch("t1", T0.plusSeconds(80), T0.plusSeconds(20));
            return null;
        });
        assertThat(tx(() -> tokens().findByHash("h1")).orElseThrow().lastUsedAt()).isEqualTo(T0.plusSeconds(80));
    }

    @Test
    void aLinkIsSavedReplacedAndGoesWithItsMembership() {
        Identity i = Identity.register(new EmailAddress("ann@example.com"), new PersonName("Ann"), T0);
        Membership ann = Membership.provision(Membership.provisioner(account.id(), RoleCatalog.tiered(), T0), i,
                new PersonName("Ann"), RoleSet.of("VIEWER"), RoleCatalog.tiered(), T0);
        tx(() -> {
            identities().add(i);
            memberships().add(ann);
            links().save(new ScimLink(ann.id(), account.id(), "ext-1", "Ann", null, T0));
            return null;
        });
        assertThat(tx(() -> links().find(ann.id()))).contains(new ScimLink(ann.id(), account.id(), "ext-1", "Ann", null, T0));
        tx(() -> {
            links().save(new ScimLink(ann.id(), account.id(), "ext-2", "Ann", "Lee", T0));
            return null;
        });
        assertThat(tx(() -> links().findAll(account.id()))).containsOnlyKeys(ann.id())
                .extractingByKey(ann.id()).extracting(ScimLink::externalId).isEqualTo("ext-2");
        assertThat(tx(() -> links().findAll(other.id()))).isEmpty();
        assertThat(tx(() -> links().provisioned(java.util.List.of(ann.id(), owner.id())))).containsExactly(ann.id());
        assertThat(tx(() -> links().provisioned(java.util.List.of()))).isEmpty();
        tx(() -> {
            memberships().delete(stored(ann));
            return null;
        });
        assertThat(tx(() -> links().find(ann.id()))).isEmpty();
        assertThat(tx(() -> links().findAll(account.id()))).isEmpty();
    }

    private Membership stored(Membership m) {
        return memberships().find(m.accountId(), m.id()).orElseThrow();
    }
}
