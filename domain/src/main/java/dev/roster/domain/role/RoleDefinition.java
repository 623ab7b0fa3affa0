package dev.roster.domain.role;

import java.util.List;
import java.util.Set;

/**
 * One role of a catalog: its own permissions ({@code adds}), the roles it implies and the roles whose
 * holders may grant or revoke it.
 */
public record RoleDefinition(RoleName name, String description, Set<Permission> adds, List<RoleName> implies,
                             List<RoleName> grantableBy) {
    public RoleDefinition {
        adds = Set.copyOf(adds);
        implies = List.copyOf(implies);
        grantableBy = List.copyOf(grantableBy);
    }

    static RoleDefinition of(String name, String description, Set<String> adds, List<String> implies, List<String> grantableBy) {
        return new RoleDefinition(new RoleName(name), description,
                adds.stream().map(Permission::new).collect(java.util.stream.Collectors.toSet()),
                implies.stream().map(RoleName::new).toList(), grantableBy.stream().map(RoleName::new).toList());
    }
}
