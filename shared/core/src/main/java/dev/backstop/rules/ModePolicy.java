package dev.backstop.rules;

import dev.backstop.config.Mode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A rule's mode, fixed or stepped by where the resource lives: the first {@code when} case whose
 * accounts, organizational units and resource tags all hold gives the mode, else the default.
 *
 * <pre>{@code
 * mode:
 *   default: notify
 *   when:
 *     - tags: {env: dev}
 *       mode: enforce
 *     - ous: [sandbox]
 *       mode: enforce
 * }</pre>
 *
 * @param fallback the mode when no case holds (the whole policy for a fixed mode)
 * @param file the file that gives the policy (a rule's own, or the one overriding it); empty for a fixed mode
 */
public record ModePolicy(Mode fallback, List<Case> cases, String file) {

    /**
     * One {@code when} case; an empty condition holds for every resource.
     *
     * @param ous organizational unit names as the {@code organization} section lists them
     * @param line where the case starts in its file
     */
    public record Case(List<String> accounts, List<String> ous, Map<String, String> tags, Mode mode, int line) {

        public Case {
            accounts = List.copyOf(accounts);
            ous = List.copyOf(ous);
            tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
            Objects.requireNonNull(mode, "mode");
        }

        /** Why the case holds, as {@code explain} and notices say it; empty when it does not. */
        Optional<String> holds(String account, Optional<String> unit, Map<String, String> resourceTags) {
            List<String> because = new ArrayList<>();
            if (!accounts.isEmpty()) {
                if (!accounts.contains(account)) {
                    return Optional.empty();
                }
                because.add("account " + account);
            }
            if (!ous.isEmpty()) {
                if (unit.isEmpty() || !ous.contains(unit.get())) {
                    return Optional.empty();
                }
                because.add("organizational unit " + unit.get());
            }
            for (Map.Entry<String, String> tag : tags.entrySet()) {
                if (!tag.getValue().equals(resourceTags.get(tag.getKey()))) {
                    return Optional.empty();
                }
                because.add("tag " + tag.getKey() + "=" + tag.getValue());
            }
            return Optional.of(because.isEmpty() ? "every resource" : String.join(", ", because));
        }
    }

    /** The mode and why: {@code enforce (when case at team.yaml:14: tag env=dev)}. */
    public record Effective(Mode mode, String why) {
    }

    public ModePolicy {
        Objects.requireNonNull(fallback, "fallback");
        cases = List.copyOf(cases);
        Objects.requireNonNull(file, "file");
    }

    public static ModePolicy fixed(Mode mode) {
        return new ModePolicy(mode, List.of(), "");
    }

    /** True when some case asks for the resource's tags, which only a look at the resource can tell. */
    public boolean dependsOnTags() {
        return cases.stream().anyMatch(entry -> !entry.tags().isEmpty());
    }

    /** Every mode the policy can give, for deciding early that a rule can never run. */
    public Set<Mode> possible() {
        Set<Mode> modes = EnumSet.of(fallback);
        cases.forEach(entry -> modes.add(entry.mode()));
        return modes;
    }

    /** The organizational units its cases name. */
    public Set<String> units() {
        return cases.stream().flatMap(entry -> entry.ous().stream()).collect(Collectors.toSet());
    }

    /** The mode for a resource with these tags in this account (and its unit, if the files name one). */
    public Effective resolve(String account, Optional<String> unit, Map<String, String> tags) {
        if (cases.isEmpty()) {
            return new Effective(fallback, "the rule's mode");
        }
        for (Case entry : cases) {
            Optional<String> because = entry.holds(account, unit, tags);
            if (because.isPresent()) {
                return new Effective(entry.mode(), "when case at " + file + ":" + entry.line() + ": " + because.get());
            }
        }
        return new Effective(fallback, "no when case holds, so the rule's default");
    }

    /** The policy in words, for {@code explain}. */
    public String describe() {
        if (cases.isEmpty()) {
            return fallback.label();
        }
        return cases.stream().map(entry -> entry.mode().label() + " where " + conditions(entry))
                .collect(Collectors.joining("; ")) + "; otherwise " + fallback.label();
    }

    private static String conditions(Case entry) {
        List<String> parts = new ArrayList<>();
        if (!entry.accounts().isEmpty()) {
            parts.add("account in " + entry.accounts());
        }
        if (!entry.ous().isEmpty()) {
            parts.add("unit in " + entry.ous());
        }
        entry.tags().forEach((key, value) -> parts.add("tag " + key + "=" + value));
        return parts.isEmpty() ? "any resource" : String.join(" and ", parts);
    }
}
