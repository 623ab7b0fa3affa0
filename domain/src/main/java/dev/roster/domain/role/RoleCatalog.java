package dev.roster.domain.role;

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
    private final String name;
    private final boolean singleRole;
    private final Map<RoleName, RoleDefinition> roles;
    private final RoleSet ownerRoles;
    private final RoleSet formerOwnerRoles;

    private RoleCatalog(String name, boolean singleRole, List<RoleDefinition> roles, RoleSet ownerRoles,
                        RoleSet formerOwnerRoles) {
        this.name = name;
        this.singleRole = singleRole;
        this.roles = new LinkedHashMap<>();
        roles.forEach(r -> this.roles.put(r.name(), r));
        this.ownerRoles = ownerRoles;
        this.formerOwnerRoles = formerOwnerRoles;
    }

    /** The catalog of the given name ({@code tiered} or {@code cumulative}). */
    public static RoleCatalog named(String name) {
        return switch (name) {
            case "tiered" -> tiered();
            case "cumulative" -> cumulative();
            default -> throw new IllegalArgumentException("the role catalog must be tiered or cumulative, was: " + name);
        };
    }

    /** Admin / Editor / Viewer, one role per member; the account creator is ADMIN and owner. */
    public static RoleCatalog tiered() {
        List<String> byAdmin = List.of("ADMIN");
        String usersView = Permission.USERS_VIEW.value();
        String usersManage = Permission.USERS_MANAGE.value();
        String auditView = Permission.AUDIT_VIEW.value();
        return new RoleCatalog("tiered", true, List.of(
                RoleDefinition.of("ADMIN", "Full access: deployments, billing, notifications, audit logs and user management.",
                        Set.of("deployments:view", "deployments:view-all", "deployments:manage", "billing:view",
                                "notifications:manage", auditView, usersView, usersManage), List.of(), byAdmin),
                RoleDefinition.of("EDITOR", "Deployments, notifications and audit logs; no billing or user management.",
                        Set.of("deployments:view", "deployments:view-all", "deployments:manage", "notifications:manage",
                                auditView), List.of(), byAdmin),
                RoleDefinition.of("VIEWER", "Overview, Monitoring, Explore and Alerts tabs of deployments.",
                        Set.of("deployments:view"), List.of(), byAdmin)),
                RoleSet.of("ADMIN"), RoleSet.of("ADMIN"));
    }

    /** Viewer, Data Trustee, TCO Trustee, Account Trustee, Account Owner; several at once, each adding to what it implies. */
    public static RoleCatalog cumulative() {
        List<String> byTrustee = List.of("ACCOUNT_TRUSTEE", "ACCOUNT_OWNER");
        return new RoleCatalog("cumulative", false, List.of(
                RoleDefinition.of("VIEWER", "Sees the shared analysis dashboard.", Set.of("dashboard:view"), List.of(), byTrustee),
                RoleDefinition.of("DATA_TRUSTEE", "Viewer, plus manages data.", Set.of("data:manage"), List.of("VIEWER"), byTrustee),
                RoleDefinition.of("TCO_TRUSTEE", "Viewer, plus manages TCO.", Set.of("tco:manage"), List.of("VIEWER"), byTrustee),
                RoleDefinition.of("ACCOUNT_TRUSTEE", "Viewer and Data Trustee, plus manages users (cannot grant Account Trustee) and reads the audit trail.",
                        Set.of(Permission.USERS_VIEW.value(), Permission.USERS_MANAGE.value(), Permission.AUDIT_VIEW.value()),
                        List.of("VIEWER", "DATA_TRUSTEE"), List.of("ACCOUNT_OWNER")),
                RoleDefinition.of("ACCOUNT_OWNER", "Everything, without limitations. Held by the account owner alone.",
                        Set.of("account:manage"), List.of("VIEWER", "DATA_TRUSTEE", "TCO_TRUSTEE", "ACCOUNT_TRUSTEE"), List.of())),
                RoleSet.of("ACCOUNT_OWNER"), RoleSet.of("ACCOUNT_TRUSTEE"));
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

    public boolean knows(RoleName role) {
        return roles.containsKey(role);
    }

    /** The roles the account creator receives together with the owner flag. */
    public RoleSet ownerRoles() {
        return ownerRoles;
    }

    /**
     * The roles an owner keeps after handing the account to another member: the catalog's highest role
     * that can be granted at all (tiered: ADMIN; cumulative: ACCOUNT_TRUSTEE, since ACCOUNT_OWNER is
     * held by the owner alone).
     */
    public RoleSet formerOwnerRoles() {
        return formerOwnerRoles;
    }

    /** Rule 4: every name exists and the set has the catalog's shape; returns the set. */
    public RoleSet validate(RoleSet requested) {
        for (RoleName r : requested.names()) {
            if (!knows(r)) {
                throw new InvalidRolesException("Unknown role " + r + ". Known roles: "
                        + String.join(", ", roles.keySet().stream().map(RoleName::value).toList()) + ".");
            }
        }
        if (singleRole && requested.size() != 1) {
            throw new InvalidRolesException("Exactly one role is required in the tiered catalog.");
        }
        return requested;
    }

    /** The roles held, with everything they imply. */
    public Set<RoleName> effectiveRoles(RoleSet held) {
        Set<RoleName> out = new TreeSet<>();
        Deque<RoleName> todo = new ArrayDeque<>(held.names());
        while (!todo.isEmpty()) {
            RoleName r = todo.pop();
            RoleDefinition def = roles.get(r);
            if (def != null && out.add(r)) {
                todo.addAll(def.implies());
            }
        }
        return out;
    }

    /** Every permission of the roles held, implied roles included. */
    public Set<Permission> permissionsOf(RoleSet held) {
        Set<Permission> out = new TreeSet<>();
        for (RoleName r : effectiveRoles(held)) {
            out.addAll(roles.get(r).adds());
        }
        return out;
    }

    /** Whether a holder of {@code actorRoles} may grant or revoke {@code role}. */
    public boolean canGrant(RoleSet actorRoles, RoleName role) {
        RoleDefinition def = roles.get(role);
        if (def == null) {
            return false;
        }
        Set<RoleName> effective = effectiveRoles(actorRoles);
        return def.grantableBy().stream().anyMatch(effective::contains);
    }

    /** Rule 3: every role that changes between {@code before} and {@code after} must be grantable by the actor. */
    public void checkGrantable(RoleSet actorRoles, RoleSet before, RoleSet after) {
        Set<RoleName> changed = new TreeSet<>(after.minus(before));
        changed.addAll(before.minus(after));
        for (RoleName r : changed) {
            if (!canGrant(actorRoles, r)) {
                throw new RoleNotGrantableException(r);
            }
        }
    }
}
