package dev.backstop.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The organizational units the rule files name, each with its accounts ({@code organization}
 * section), for modes stepped by unit. Backstop does not call AWS Organizations: its home account
 * is rarely the management account, and the files say which units a rule treats alike.
 *
 * @param origin where the section was read, {@code FILE:LINE}; empty when no file has one
 */
public record Organization(Map<String, List<String>> units, String origin) {

    public static final Organization NONE = new Organization(Map.of(), "");

    public Organization {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        units.forEach((unit, accounts) -> copy.put(unit, List.copyOf(accounts)));
        units = Collections.unmodifiableMap(copy);
    }

    /** The unit the files put the account in. */
    public Optional<String> unitOf(String account) {
        return units.entrySet().stream().filter(unit -> unit.getValue().contains(account)).map(Map.Entry::getKey).findFirst();
    }
}
