package dev.roster.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.roster.domain.audit.AuditAction;
import dev.roster.domain.common.EmailAddress;
import dev.roster.domain.common.PersonName;
import dev.roster.domain.identity.IdentityEvent;
import dev.roster.domain.membership.MemberEvent;
import dev.roster.domain.membership.MemberStatus;
import dev.roster.domain.role.RoleSet;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, "every domain event kind has its audit entry": each kind the sealed {@link MemberEvent} and
 * {@link IdentityEvent} permit (found by reflection, so a new kind is in this test the moment it
 * compiles) gets an entry from {@link AuditTrail#entryOf}, and no two kinds share an action except the
 * pair that is one action on purpose. Java 17 has no pattern {@code switch} (a preview there), so this
 * test is the check a compiler would otherwise make.
 */
class AuditTrailCoverageTest {
    /**
     * The one action two kinds share by design: a failed login, whether the email names an identity or
     * not (ADR 0034 folds both by source).
     */
    private static final Map<AuditAction, Set<Class<?>>> SHARED = Map.of(AuditAction.LOGIN_FAIL,
            Set.of(IdentityEvent.LoginFailed.class, IdentityEvent.UnknownEmailLoginFailed.class));

    @Test
    void everyEventKindHasAnEntryAndItsOwnAction() {
        Map<Class<?>, Set<AuditAction>> actions = new LinkedHashMap<>();
        for (Class<?> kind : MemberEvent.class.getPermittedSubclasses()) {
            actions.put(kind, actionsOf(kind, e -> AuditTrail.entryOf((MemberEvent) e).action()));
        }
        for (Class<?> kind : IdentityEvent.class.getPermittedSubclasses()) {
            actions.put(kind, actionsOf(kind, e -> AuditTrail.entryOf((IdentityEvent) e).action()));
        }
        assertThat(actions).as("the sealed interfaces were read").hasSizeGreaterThanOrEqualTo(17);

        Map<AuditAction, List<Class<?>>> byAction = new LinkedHashMap<>();
        actions.forEach((kind, as) -> as.forEach(a -> byAction.computeIfAbsent(a, x -> new ArrayList<>()).add(kind)));
        byAction.forEach((action, kinds) -> {
            if (kinds.size() > 1) {
                assertThat(Set.copyOf(kinds)).as("%s is written for %s: each event kind needs its own action", action, kinds)
                        .isEqualTo(SHARED.get(action));
            }
        });
    }

    /** The actions an event kind is recorded as, over both values of each boolean it carries. */
    private static Set<AuditAction> actionsOf(Class<?> kind, Function<Object, AuditAction> entry) {
        Set<AuditAction> found = EnumSet.noneOf(AuditAction.class);
        for (boolean flag : new boolean[] {false, true}) {
            Object event = sample(kind, flag);
            try {
                found.add(entry.apply(event));
            } catch (IllegalArgumentException missing) {
                fail("%s has no audit entry in AuditTrail.entryOf: %s", kind.getSimpleName(), missing.getMessage());
            }
        }
        return found;
    }

    private static Object sample(Class<?> kind, boolean flag) {
        RecordComponent[] components = kind.getRecordComponents();
        if (components == null) {
            return fail("%s is not a record: give this test a way to make one", kind.getName());
        }
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = sampleOf(types[i], flag, kind);
        }
        try {
            Constructor<?> c = kind.getDeclaredConstructor(types);
            c.setAccessible(true);
            return c.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot make a " + kind.getName(), e);
        }
    }

    private static Object sampleOf(Class<?> type, boolean flag, Class<?> kind) {
        if (type == String.class) {
            return "sample";
        }
        if (type == boolean.class) {
            return flag;
        }
        if (type == int.class) {
            return 2;
        }
        if (type == Instant.class) {
            return Instant.parse("2026-12-06T10:00:00Z");
        }
        if (type == EmailAddress.class) {
            return new EmailAddress("ann@example.com");
        }
        if (type == PersonName.class) {
            return new PersonName("Ann");
        }
        if (type == RoleSet.class) {
            return RoleSet.of("VIEWER");
        }
        if (type == MemberStatus.class) {
            return MemberStatus.ACTIVE;
        }
        return fail("%s carries a %s: add a sample value for it here", kind.getSimpleName(), type.getName());
    }
}
