package dev.backstop.cli.rules;

import dev.backstop.config.Mode;
import dev.backstop.event.AlarmEvent;
import dev.backstop.event.AlarmPayloadParser;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.EventFiles;
import dev.backstop.rules.ActionSpec;
import dev.backstop.rules.Rule;
import dev.backstop.rules.RuleBook;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides what the handler would do with an event, the way {@code RemediationEngine} does, up to
 * the first AWS call (and as {@code AlarmEngine} does for alarms): failed calls are ignored, each matching rule's mode is capped by the global
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
        List<EventPlan.Match> matches = rules.match(event).stream()
                .map(rule -> match(rule, event, ignored != null))
                .toList();
        return new EventPlan(source, entry.where(), entry.eventId(), entry.eventName(), ignored, matches, null);
    }

    /**
     * An alarm, as the alarm handlers decide it: principal exemptions never apply (an alarm has no
     * caller); what the changes before the alarm decide is left to run time and said so.
     */
    EventPlan plan(String source, AlarmPayloadParser.Entry entry) {
        if (entry.error() != null) {
            return EventPlan.rejected(source, entry.where(), null, null, entry.error().getMessage());
        }
        AlarmEvent alarm = entry.alarm();
        List<EventPlan.Match> matches = rules.match(alarm).stream().map(rule -> alarmMatch(rule, alarm)).toList();
        return new EventPlan(source, entry.where(), alarm.id(), "alarm \"" + alarm.alarmName() + "\" " + alarm.state(),
                null, matches, null);
    }

    private EventPlan.Match alarmMatch(Rule rule, AlarmEvent alarm) {
        Mode mode = rule.mode().capTo(globalMode);
        if (mode == Mode.OFF) {
            return new EventPlan.Match(rule.id(), mode, false, null, List.of());
        }
        Optional<String> accountExemption = rule.unless().forAlarm(alarm, now);
        if (accountExemption.isPresent()) {
            return new EventPlan.Match(rule.id(), mode, true, accountExemption.get(), List.of());
        }
        List<String> checks = new ArrayList<>();
        if (rule.correlate().requiresChange()) {
            checks.add("acts only after " + String.join(" or ", rule.correlate().require()) + " to the alarm's resources in the "
                    + rule.correlate().windowInWords() + " before it (CloudTrail LookupEvents)");
        }
        if (rule.unless().dependOnResource()) {
            String resourceChecks = RuleWords.runTimeChecks(rule.unless(), now);
            checks.add(resourceChecks.isEmpty() ? "the resource's exemptions" : resourceChecks);
        }
        String exemption = checks.isEmpty() ? null : "decided at run time: " + String.join("; ", checks);
        return new EventPlan.Match(rule.id(), mode, false, exemption, rule.actions());
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
