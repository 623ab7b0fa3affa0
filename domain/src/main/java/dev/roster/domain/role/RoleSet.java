package dev.roster.domain.role;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The roles a member holds, sorted and without repeats. Whether they fit a catalog (known names, one
 * role in the tiered catalog) is {@link RoleCatalog#validate}'s question.
 */
public record RoleSet(SortedSet<RoleName> names) {
    public static final RoleSet EMPTY = new RoleSet(new TreeSet<>());

    public RoleSet {
        names = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(names));
    }

    public static RoleSet of(String... names) {
        return new RoleSet(java.util.Arrays.stream(names).map(RoleName::new).collect(Collectors.toCollection(TreeSet::new)));
    }

    public static RoleSet of(Collection<RoleName> names) {
        return new RoleSet(new TreeSet<>(names));
    }

    /** Roles as a client sent them: required, each named once. */
    public static RoleSet parse(List<String> raw) {
        if (raw == null) {
            throw new InvalidRolesException("Roles are required.");
        }
        Set<String> distinct = new TreeSet<>(raw);
        if (distinct.size() != raw.size()) {
            throw new InvalidRolesException("Roles must not repeat.");
        }
        try {
            return of(distinct.toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            throw new InvalidRolesException("Role names must not be empty.");
        }
    }

    public boolean contains(RoleName role) {
        return names.contains(role);
    }

    public int size() {
        return names.size();
    }

    /** The names as sorted strings (for the API and the audit trail). */
    public List<String> strings() {
        return names.stream().map(RoleName::value).toList();
    }

    /** Roles in this set that are not in {@code other}. */
    public Set<RoleName> minus(RoleSet other) {
        Set<RoleName> out = new TreeSet<>(names);
        out.removeAll(other.names);
        return out;
    }

    @Override
    public String toString() {
        return strings().toString();
    }

}
