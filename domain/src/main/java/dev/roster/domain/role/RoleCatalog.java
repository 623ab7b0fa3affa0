package dev.roster.domain.role;

import dev.roster.domain.account.Account;

import dev.roster.domain.common.Exceptions.InvalidRolesException;
import dev.roster.domain.common.Exceptions.RoleNotGrantableException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A role model: the roles, what each permits and implies, who may grant it, and the shape of a
 * member's role set ({@code tiered}: exactly one role; {@code cumulative}: any set).
 */
public final class RoleCatalog {
    /** Permission to see the member list. */
    public static final String USERS_VIEW = "users:view";
    /** Permission to invite, change and remove members. */
    public static final String USERS_MANAGE = "users:manage";
    /** Permission to read the audit trail. */
    public static final String AUDIT_VIEW = "audit:view";

    private final String name;
    private final boolean singleRole;
    private final Map<String, RoleDefinition> roles;
    private final Set<String> ownerRoles;

    private RoleCatalog(String name, boolean singleRole, List<RoleDefinition> roles, Set<String> ownerRoles) {
        this.name = name;
        this.singleRole = singleRole;
        this.roles = new LinkedHashMap<>();
        roles.forEach(r -> this.roles.put(r.name(), r));
        this.ownerRoles = Set.copyOf(ownerRoles);
    }

    /** The catalog selected by {@code roster.roles.catalog}. */
    public static RoleCatalog named(String name) {
        return switch (name) {
            case "tiered" -> tiered();
            case "cumulative" -> cumulative();
            default -> throw new IllegalArgumentException("roster.roles.catalog must be tiered or cumulative, was: " + name);
        };
    }

    /** Admin / Editor / Viewer, one role per member; the account creator is ADMIN and owner. */
    public static RoleCatalog tiered() {
        List<String> byAdmin = List.of("ADMIN");
        return new RoleCatalog("tiered", true, List.of(
                new RoleDefinition("ADMIN", "Full access: deployments, billing, notifications, audit logs and user management.",
                        Set.of("deployments:view", "deployments:view-all", "deployments:manage", "billing:view",
                                "notifications:manage", AUDIT_VIEW, USERS_VIEW, USERS_MANAGE), List.of(), byAdmin),
                new RoleDefinition("EDITOR", "Deployments, notifications and audit logs; no billing or user management.",
                        Set.of("deployments:view", "deployments:view-all", "deployments:manage", "notifications:manage",
                                AUDIT_VIEW), List.of(), byAdmin),
                new RoleDefinition("VIEWER", "Overview, Monitoring, Explore and Alerts tabs of deployments.",
                        Set.of("deployments:view"), List.of(), byAdmin)),
                Set.of("ADMIN"));
    }

    /** Viewer, Data Trustee, TCO Trustee, Account Trustee, Account Owner; several at once, each adding to what it implies. */
    public static RoleCatalog cumulative() {
        List<String> byTrustee = List.of("ACCOUNT_TRUSTEE", "ACCOUNT_OWNER");
        return new RoleCatalog("cumulative", false, List.of(
                new RoleDefinition("VIEWER", "Sees the shared analysis dashboard.", Set.of("dashboard:view"), List.of(), byTrustee),
                new RoleDefinition("DATA_TRUSTEE", "Viewer, plus manages data.", Set.of("data:manage"), List.of("VIEWER"), byTrustee),
                new RoleDefinition("TCO_TRUSTEE", "Viewer, plus manages TCO.", Set.of("tco:manage"), List.of("VIEWER"), byTrustee),
                new RoleDefinition("ACCOUNT_TRUSTEE", "Viewer and Data Trustee, plus manages users (cannot grant Account Trustee) and reads the audit trail.",
                        Set.of(USERS_VIEW, USERS_MANAGE, AUDIT_VIEW), List.of("VIEWER", "DATA_TRUSTEE"), List.of("ACCOUNT_OWNER")),
                new RoleDefinition("ACCOUNT_OWNER", "Everything, without limitations. Held by the account owner alone.",
                        Set.of("account:manage"), List.of("VIEWER", "DATA_TRUSTEE", "TCO_TRUSTEE", "ACCOUNT_TRUSTEE"), List.of())),
                Set.of("ACCOUNT_OWNER"));
    }

    public String name() {
        return name;
    }

    public boolean singleRole() {
        return singleRole;
    }

    public Collection<RoleDefinition> roles() {
        return roles.values();
    }

    /** The roles the account creator receives together with the owner flag. */
    public Set<String> ownerRoles() {
        return ownerRoles;
    }

    /** Rule 4: checks the shape of a role set and that every name exists; returns it sorted. */
    public Set<String> validate(Collection<String> requested) {
        if (requested == null) {
            throw new InvalidRolesException("Roles are required.");
        }
        Set<String> set = new TreeSet<>(requested);
        if (set.size() != requested.size()) {
            throw new InvalidRolesException("Roles must not repeat.");
        }
        for (String r : set) {
            if (!roles.containsKey(r)) {
                throw new InvalidRolesException("Unknown role " + r + ". Known roles: " + String.join(", ", roles.keySet()) + ".");
            }
        }
        if (singleRole && set.size() != 1) {
            throw new InvalidRolesException("Exactly one role is required in the tiered catalog.");
        }
        return Set.copyOf(set);
    }

    /** The roles held, with everything they imply. */
    public Set<String> effectiveRoles(Collection<String> held) {
        Set<String> out = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(held);
        while (!todo.isEmpty()) {
            String r = todo.pop();
            RoleDefinition def = roles.get(r);
            if (def != null && out.add(r)) {
                todo.addAll(def.implies());
            }
        }
        return out;
    }

    /** Every permission of the roles held, implied roles included. */
    public Set<String> permissionsOf(Collection<String> held) {
        Set<String> out = new TreeSet<>();
        for (String r : effectiveRoles(held)) {
            out.addAll(roles.get(r).adds());
        }
        return out;
    }

    /** Whether a holder of {@code actorRoles} may grant or revoke {@code role}. */
    public boolean canGrant(Collection<String> actorRoles, String role) {
        RoleDefinition def = roles.get(role);
        if (def == null) {
            return false;
        }
        Set<String> effective = effectiveRoles(actorRoles);
        return def.grantableBy().stream().anyMatch(effective::contains);
    }

    /** Rule 3: every role that changes between {@code before} and {@code after} must be grantable by the actor. */
    public void checkGrantable(Collection<String> actorRoles, Collection<String> before, Collection<String> after) {
        Set<String> changed = new TreeSet<>(after);
        changed.removeAll(before);
        Set<String> revoked = new TreeSet<>(before);
        revoked.removeAll(after);
        changed.addAll(revoked);
        for (String r : changed) {
            if (!canGrant(actorRoles, r)) {
                throw new RoleNotGrantableException(r);
            }
        }
    }
}
