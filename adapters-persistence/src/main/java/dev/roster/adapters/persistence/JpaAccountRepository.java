package dev.roster.adapters.persistence;

import dev.roster.application.port.out.AccountRepository;
import dev.roster.domain.account.Account;
import dev.roster.domain.account.AccountId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/** JPA adapter of {@link AccountRepository}. */
@ApplicationScoped
public class JpaAccountRepository implements AccountRepository {
    @PersistenceContext(unitName = "roster")
    EntityManager em;

    public JpaAccountRepository() {
    }

    JpaAccountRepository(EntityManager em) {
        this.em = em;
    }

    @Override
    public void add(Account account) {
        em.persist(Mappers.toEntity(account));
    }

    @Override
    public Optional<Account> find(AccountId id) {
        return Optional.ofNullable(em.find(AccountEntity.class, id.value())).map(Mappers::toDomain);
    }
}
