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

/** A rule's exemptions and actions in the words the plan command prints. */
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

    private static String until(TimeBoxedExemption exemption) {
        return "until " + exemption.expires() + ", owner " + exemption.owner() + ": " + exemption.reason();
    }
}
