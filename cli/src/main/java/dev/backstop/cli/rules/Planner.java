package dev.backstop.cli.rules;

import dev.backstop.config.Mode;
import dev.backstop.event.AlarmEvent;
import dev.backstop.event.AlarmPayloadParser;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.EventFiles;
import dev.backstop.event.Trigger;
import dev.backstop.rules.Rule;
import dev.backstop.rules.RuleBook;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides what the handler would do with a trigger, the way the engine's rule loop does, up to the
 * first AWS call, with the engine's own matching ({@link RuleBook#match(Trigger)}) and exemptions
 * ({@code Exemptions.forTrigger}): failed calls are ignored, each matching rule's mode is capped
 * by the global mode, rules in mode off run nothing, and exemptions of the caller (an alarm has
 * none) and of the account are applied. What needs AWS is reported as decided at run time, never
 * guessed: exemptions that need the resource (tags, time-boxed resource exemptions), and the
 * changes an alarm rule requires before it ({@code correlate.require}, looked up in CloudTrail).
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
        return plan(source, entry.where(), entry.event());
    }

    EventPlan plan(String source, AlarmPayloadParser.Entry entry) {
        if (entry.error() != null) {
            return EventPlan.rejected(source, entry.where(), null, null, entry.error().getMessage());
        }
        return plan(source, entry.where(), entry.alarm());
    }

    private EventPlan plan(String source, String where, Trigger trigger) {
        String ignored = trigger instanceof CloudTrailEvent event && event.detail().failed()
                ? "the API call failed (" + event.detail().errorCode() + "); the handler never acts on a failed call"
                : null;
        List<EventPlan.Match> matches = rules.match(trigger).stream()
                .map(rule -> match(rule, trigger, ignored != null))
                .toList();
        return new EventPlan(source, where, trigger.id(), trigger.summary(), ignored, matches, null);
    }

    private EventPlan.Match match(Rule rule, Trigger trigger, boolean ignored) {
        Mode mode = rule.mode().capTo(globalMode);
        if (mode == Mode.OFF) {
            return new EventPlan.Match(rule.id(), mode, false, null, List.of());
        }
        Optional<String> exemption = rule.unless().forTrigger(trigger, now);
        if (exemption.isPresent()) {
            return new EventPlan.Match(rule.id(), mode, true, exemption.get(), List.of());
        }
        List<String> checks = new ArrayList<>();
        if (trigger instanceof AlarmEvent && rule.correlate().requiresChange()) {
            checks.add("acts only after " + String.join(" or ", rule.correlate().require()) + " to the alarm's resources in the "
                    + rule.correlate().windowInWords() + " before it (CloudTrail LookupEvents)");
        }
        if (rule.unless().dependOnResource()) {
            String resourceChecks = RuleWords.runTimeChecks(rule.unless(), now);
            checks.add(resourceChecks.isEmpty() ? "the resource's exemptions" : resourceChecks);
        }
        String undecided = checks.isEmpty() ? null : "decided at run time: " + String.join("; ", checks);
        return new EventPlan.Match(rule.id(), mode, false, undecided, ignored ? List.of() : rule.actions());
    }
}
