package dev.backstop.cli.rules;

import dev.backstop.config.Mode;
import dev.backstop.engine.ProtectedCallers;
import dev.backstop.engine.RuleSelection;
import dev.backstop.event.AlarmEvent;
import dev.backstop.event.AlarmPayloadParser;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.EventFiles;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import dev.backstop.rules.Rule;
import dev.backstop.rules.RuleBook;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * Decides what the handler would do with a trigger, the way the engine's rule loop does, up to the
 * first AWS call, with the engine's own matching ({@link RuleSelection}: the rules the trigger
 * matches, each rule's mode capped by the global mode, and which of its actions apply to the
 * trigger, asked of the actions themselves) and exemptions ({@code Exemptions.forTrigger}): failed calls are
 * ignored, rules in mode off run nothing, exemptions of the caller (an alarm has none) and of
 * the account are applied, and a call a protected principal made is told, never acted on. What needs AWS is reported as decided at run time, never
 * guessed: exemptions that need the resource (tags, time-boxed resource exemptions), and the
 * changes an alarm rule requires before it ({@code correlate.require}, looked up in CloudTrail).
 */
final class Planner {

    private final RuleBook rules;
    private final RuleSelection selection;
    private final BiPredicate<ActionSpec, Trigger> answers;
    private final ProtectedCallers protectedCallers;
    private final Instant now;

    /**
     * @param answers whether an action answers a trigger, asked of the catalogue's own actions
     * @param protectedPrincipals the deployment's protected principals (ProtectedPrincipalArns)
     */
    Planner(RuleBook rules, Mode globalMode, BiPredicate<ActionSpec, Trigger> answers, List<String> protectedPrincipals,
            Instant now) {
        this.rules = rules;
        this.selection = new RuleSelection(globalMode);
        this.answers = answers;
        this.protectedCallers = new ProtectedCallers(protectedPrincipals);
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
        String protectedCaller = ignored == null && trigger instanceof CloudTrailEvent event
                ? protectedCallers.madeBy(event).map(why -> why + "; a rule that matches is notified as PROTECTED")
                        .orElse(null)
                : null;
        List<EventPlan.Match> matches = selection.matched(rules, trigger, answers).stream()
                .map(match -> match(match, trigger, ignored != null || protectedCaller != null))
                .toList();
        return new EventPlan(source, where, trigger.id(), trigger.summary(), ignored, protectedCaller, matches, null);
    }

    private EventPlan.Match match(RuleSelection.Selected selected, Trigger trigger, boolean actsOnNone) {
        Rule rule = selected.rule();
        Mode mode = selected.mode();
        if (!selected.acts()) {
            // As in the engine: a rule none of whose actions answers the trigger does nothing, exempted or not.
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
        List<ActionSpec> answering = selected.actions().stream().map(rule.actions()::get).toList();
        return new EventPlan.Match(rule.id(), mode, false, undecided, actsOnNone ? List.of() : answering);
    }
}
