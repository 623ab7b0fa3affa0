package dev.roster.domain.role;

import java.util.List;
import java.util.Set;

/**
 * One role of a catalog: its own permissions ({@code adds}), the roles it implies and the roles whose
 * holders may grant or revoke it.
 */
public record RoleDefinition(String name, String description, Set<String> adds, List<String> implies,
                             List<String> grantableBy) {
    public RoleDefinition {
        adds = Set.copyOf(adds);
        implies = List.copyOf(implies);
        grantableBy = List.copyOf(grantableBy);
    }
}
