package dev.backstop.cli.rules;

import dev.backstop.config.Mode;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.EventFiles;
import dev.backstop.rules.ActionSpec;
import dev.backstop.rules.Rule;
import dev.backstop.rules.RuleBook;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Decides what the handler would do with an event, the way {@code RemediationEngine} does, up to
 * the first AWS call: failed calls are ignored, each matching rule's mode is capped by the global
 * mode, rules in mode off run nothing, and caller exemptions are applied. Exemptions that need
 * the resource (tags, time-boxed resource exemptions) are reported as undecided, never guessed.
 */
final class Planner {

    private final RuleBook rules;
    private final Mode globalMode;
    private final Instant now;

    Planner(RuleBook rules, Mode globalMode, Instant now) {
        this.rules = rules;
        this.globalMode = globalMode;
        this.now = now;
    }

    EventPlan plan(String source, EventFiles.Entry entry) {
        if (entry.error() != null) {
            return EventPlan.rejected(source, entry.where(), entry.eventId(), entry.eventName(), entry.error().getMessage());
        }
        CloudTrailEvent event = entry.event();
        String ignored = event.detail().failed()
                ? "the API call failed (" + event.detail().errorCode() + "); the handler never acts on a failed call"
                : null;
        List<EventPlan.Match> matches = rules.match(event.json()).stream()
                .map(rule -> match(rule, event, ignored != null))
                .toList();
        return new EventPlan(source, entry.where(), entry.eventId(), entry.eventName(), ignored, matches, null);
    }

    private EventPlan.Match match(Rule rule, CloudTrailEvent event, boolean ignored) {
        Mode mode = rule.mode().capTo(globalMode);
        if (mode == Mode.OFF) {
            return new EventPlan.Match(rule.id(), mode, false, null, List.of());
        }
        Optional<String> callerExemption = rule.unless().forCaller(event, now);
        if (callerExemption.isPresent()) {
            return new EventPlan.Match(rule.id(), mode, true, callerExemption.get(), List.of());
        }
        String exemption = null;
        if (rule.unless().dependOnResource()) {
            String checks = RuleWords.runTimeChecks(rule.unless(), now);
            exemption = "decided at run time: " + (checks.isEmpty() ? "the resource's exemptions" : checks);
        }
        List<ActionSpec> actions = ignored ? List.of() : rule.actions();
        return new EventPlan.Match(rule.id(), mode, false, exemption, actions);
    }
}
