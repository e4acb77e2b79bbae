package dev.backstop.rules;

import dev.backstop.config.Mode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What a new version of the rules changes against the rules in force before it, weakening first:
 * the kill switch set, rules turned off, downgraded or removed, modes stepped down for some
 * accounts, units or tags, veto windows added or lengthened, declared state respected, rules that
 * no longer escalate, exemptions added or extended, pipeline principals and tags added (their
 * changes are declared state); then what strengthens or adds. Whoever can write the team's rule
 * file can switch Backstop off with it, so every change of that kind is said, in words, in the
 * load's audit record and notification.
 *
 * <pre>{@code
 * List<String> changes = RuleFileChanges.between(before, after);
 * // ["rule cloudtrail-logging-stopped turned off (was enforce)", "rule s3-bucket-acl-public: exemption added: account 111122223333"]
 * }</pre>
 */
public final class RuleFileChanges {

    private RuleFileChanges() {
    }

    /** Every change, weakening ones first; empty when the rules are the same in effect. */
    public static List<String> between(RuleBook before, RuleBook after) {
        Map<String, Rule> old = byId(before);
        Map<String, Rule> now = byId(after);
        List<String> weakened = new ArrayList<>();
        List<String> other = new ArrayList<>();
        directives(before.directives(), after.directives(), weakened, other);
        for (Rule was : old.values()) {
            Rule is = now.get(was.id());
            if (is == null) {
                weakened.add("rule " + was.id() + " removed (was " + was.mode().label() + ")");
                continue;
            }
            mode(was, is, weakened, other);
            steps(was, is, weakened, other);
            vetoWindow(was, is, weakened, other);
            if (was.declared() != is.declared()) {
                (is.declared() == Declared.RESPECT ? weakened : other).add("rule " + is.id() + ": declared state "
                        + is.declared().label() + " (was " + was.declared().label() + ")");
            }
            if (was.escalation().isPresent() && is.escalation().isEmpty()) {
                weakened.add("rule " + is.id() + " no longer escalates (was " + was.escalation().get().action() + ")");
            }
            exemptions(was, is, weakened);
        }
        for (Rule is : now.values()) {
            if (!old.containsKey(is.id())) {
                other.add("rule " + is.id() + " added (" + is.mode().label() + ": " + String.join(", ",
                        is.actions().stream().map(ActionSpec::action).toList()) + ")");
            }
        }
        List<String> all = new ArrayList<>(weakened);
        all.addAll(other);
        return all;
    }

    private static void mode(Rule was, Rule is, List<String> weakened, List<String> other) {
        if (was.mode() == is.mode()) {
            return;
        }
        if (is.mode() == Mode.OFF) {
            weakened.add("rule " + is.id() + " turned off (was " + was.mode().label() + ")");
        } else if (is.mode().ordinal() > was.mode().ordinal()) {
            weakened.add("rule " + is.id() + " downgraded from " + was.mode().label() + " to " + is.mode().label());
        } else {
            other.add("rule " + is.id() + " raised from " + was.mode().label() + " to " + is.mode().label());
        }
    }

    /** A stepped mode whose cases changed: a case below the default, new or moved, turns the rule down somewhere. */
    private static void steps(Rule was, Rule is, List<String> weakened, List<String> other) {
        String before = was.modes().describe();
        String after = is.modes().describe();
        if (before.equals(after) || was.modes().cases().isEmpty() && is.modes().cases().isEmpty()) {
            return;
        }
        boolean below = is.modes().cases().stream().anyMatch(entry -> entry.mode().ordinal() > is.modes().fallback().ordinal());
        (below ? weakened : other).add("rule " + is.id() + ": mode now " + after + " (was " + before + ")");
    }

    private static void vetoWindow(Rule was, Rule is, List<String> weakened, List<String> other) {
        if (was.enforceAfter().equals(is.enforceAfter())) {
            return;
        }
        String before = was.enforceAfter().map(window -> "after a veto window of " + SectionsParser.words(window))
                .orElse("at once");
        String after = is.enforceAfter().map(window -> "after a veto window of " + SectionsParser.words(window))
                .orElse("at once");
        boolean later = is.enforceAfter().isPresent()
                && (was.enforceAfter().isEmpty() || is.enforceAfter().get().compareTo(was.enforceAfter().get()) > 0);
        (later ? weakened : other).add("rule " + is.id() + ": enforces " + after + " (was " + before + ")");
    }

    /** The file's own sections: the kill switch, and the principals and tags whose changes are declared state. */
    private static void directives(Directives before, Directives after, List<String> weakened, List<String> other) {
        if (after.killSwitch().isPresent() && before.killSwitch().isEmpty()) {
            KillSwitch set = after.killSwitch().get();
            weakened.add("kill switch set by " + set.by() + ": " + set.reason() + " (every rule notifies only)");
        } else if (after.killSwitch().isEmpty() && before.killSwitch().isPresent()) {
            other.add("kill switch cleared");
        }
        for (String principal : added(before.pipelines().principals().stream().map(Object::toString).toList(),
                after.pipelines().principals().stream().map(Object::toString).toList())) {
            weakened.add("pipeline principal added: " + principal + " (its changes are declared state)");
        }
        for (Map.Entry<String, String> tag : after.pipelines().tags().entrySet()) {
            if (!Objects.equals(before.pipelines().tags().get(tag.getKey()), tag.getValue())) {
                weakened.add("pipeline tag added: " + tag.getKey() + "=" + tag.getValue()
                        + " (resources carrying it are declared state)");
            }
        }
    }

    private static void exemptions(Rule was, Rule is, List<String> weakened) {
        Exemptions before = was.unless();
        Exemptions after = is.unless();
        for (String principal : added(before.principals().stream().map(Object::toString).toList(),
                after.principals().stream().map(Object::toString).toList())) {
            weakened.add("rule " + is.id() + ": exemption added: principal " + principal);
        }
        for (String account : added(before.accounts(), after.accounts())) {
            weakened.add("rule " + is.id() + ": exemption added: account " + account);
        }
        for (Map.Entry<String, String> tag : after.tags().entrySet()) {
            if (!Objects.equals(before.tags().get(tag.getKey()), tag.getValue())) {
                weakened.add("rule " + is.id() + ": exemption added: tag " + tag.getKey() + "=" + tag.getValue());
            }
        }
        for (TimeBoxedExemption exemption : after.timeBoxed()) {
            Optional<TimeBoxedExemption> earlier = before.timeBoxed().stream()
                    .filter(old -> target(old).equals(target(exemption))).findFirst();
            if (earlier.isEmpty()) {
                weakened.add("rule " + is.id() + ": exemption added: " + exemption.describe());
            } else if (exemption.expires().isAfter(earlier.get().expires())) {
                weakened.add("rule " + is.id() + ": exemption extended from " + earlier.get().expires() + ": "
                        + exemption.describe());
            }
        }
    }

    private static List<String> added(List<String> before, List<String> after) {
        TreeSet<String> added = new TreeSet<>(after);
        added.removeAll(before);
        return List.copyOf(added);
    }

    private static String target(TimeBoxedExemption exemption) {
        return exemption.principal() + "|" + exemption.account() + "|" + exemption.resource();
    }

    private static Map<String, Rule> byId(RuleBook book) {
        Map<String, Rule> rules = new LinkedHashMap<>();
        book.rules().forEach(rule -> rules.put(rule.id(), rule));
        return rules;
    }
}
