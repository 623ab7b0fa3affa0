package dev.roster.application.service;

import dev.roster.domain.role.RoleCatalog;
import dev.roster.application.port.in.NotFoundException;
import dev.roster.application.port.in.ViewMeUseCase;
import dev.roster.application.port.out.AccountRepository;
import dev.roster.application.port.out.IdentityRepository;
import dev.roster.application.port.out.MembershipRepository;
import dev.roster.domain.account.Account;
import dev.roster.domain.identity.Identity;
import dev.roster.domain.identity.IdentityId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;

/** Service for {@code GET /me}: the caller's identity and the memberships it may use, with their permissions. */
@ApplicationScoped
@Transactional
public class ViewMeService implements ViewMeUseCase {
    private IdentityRepository identities;
    private MembershipRepository memberships;
    private AccountRepository accounts;
    private RoleCatalog catalog;

    protected ViewMeService() {
    }

    @Inject
    public ViewMeService(IdentityRepository identities, MembershipRepository memberships, AccountRepository accounts,
                         RoleCatalog catalog) {
        this.identities = identities;
        this.memberships = memberships;
        this.accounts = accounts;
        this.catalog = catalog;
    }

    @Override
    public Me me(IdentityId user) {
        return me(user, null);
    }

    @Override
    public Me me(IdentityId user, String establishedBy) {
        // a session established through an account's provider opens that account only
        String ssoAccount = establishedBy != null && establishedBy.startsWith("sso:") ? establishedBy.substring(4) : null;
        Identity identity = identities.find(user).orElseThrow(() -> new NotFoundException("User"));
        List<MyMembership> mine = memberships.findAllOfIdentity(user).stream()
                .filter(m -> !m.pending())
                .filter(m -> ssoAccount == null || m.accountId().value().equals(ssoAccount))
                .map(m -> new MyMembership(m, accounts.find(m.accountId()).map(Account::name).orElse(""),
                        m.permissions(catalog)))
                .toList();
        return new Me(identity, mine);
    }
}
