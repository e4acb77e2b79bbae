package dev.backstop.cli.rules;

import dev.backstop.rules.ActionSpec;
import dev.backstop.rules.Exemptions;
import dev.backstop.rules.TimeBoxedExemption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** A rule's exemptions and actions in the words the plan and explain commands print. */
final class RuleWords {

    private RuleWords() {
    }

    /** An action with its parameters: {@code s3.block-public-access(allowedPorts=[22, 443])}. */
    static String action(ActionSpec spec) {
        if (spec.params().isEmpty()) {
            return spec.action();
        }
        return spec.action() + new TreeMap<>(spec.params()).entrySet().stream()
                .map(param -> param.getKey() + "=" + param.getValue())
                .collect(Collectors.joining(", ", "(", ")"));
    }

    /** What only a look at the action's target can decide, or empty when the event decides everything. */
    static String runTimeChecks(Exemptions unless, Instant now) {
        List<String> checks = new ArrayList<>();
        unless.tags().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(tag -> checks.add("the resource has tag " + tag.getKey() + "=" + tag.getValue()));
        unless.timeBoxed().stream()
                .filter(exemption -> exemption.resource() != null && now.isBefore(exemption.expires()))
                .forEach(exemption -> checks.add("the resource is " + exemption.resource() + " (" + until(exemption) + ")"));
        return checks.isEmpty() ? "" : "exempt if " + String.join(", or ", checks);
    }

    /** Every exemption of a rule, one a line; empty for a rule that exempts nothing. */
    static List<String> exemptions(Exemptions unless) {
        List<String> lines = new ArrayList<>();
        unless.principals().forEach(glob -> lines.add("callers matching " + glob
                + " (the caller's ARN, or the role an assumed-role session was issued by)"));
        if (!unless.accounts().isEmpty()) {
            lines.add("calls made in account" + (unless.accounts().size() == 1 ? " " : "s ")
                    + String.join(", ", unless.accounts()));
        }
        unless.tags().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(tag -> lines.add("resources tagged " + tag.getKey() + "=" + tag.getValue()
                        + " (read at run time from the action's target)"));
        for (TimeBoxedExemption exemption : unless.timeBoxed()) {
            String target = exemption.principal() != null ? "callers matching " + exemption.principal()
                    : exemption.account() != null ? "calls made in account " + exemption.account()
                    : "resource " + exemption.resource() + " (checked at run time)";
            lines.add(target + ", " + until(exemption));
        }
        return lines;
    }

    private static String until(TimeBoxedExemption exemption) {
        return "until " + exemption.expires() + ", owner " + exemption.owner() + ": " + exemption.reason();
    }
}
