package dev.backstop.cli.rules;

import dev.backstop.config.Mode;
import dev.backstop.engine.ProtectedCallers;
import dev.backstop.engine.ModeChoice;
import dev.backstop.engine.RuleSelection;
import dev.backstop.event.AlarmEvent;
import dev.backstop.event.AlarmPayloadParser;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.EventFiles;
import dev.backstop.event.FindingEvent;
import dev.backstop.event.FindingParser;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import dev.backstop.rules.Declared;
import dev.backstop.rules.ModePolicy;
import dev.backstop.rules.Rule;
import dev.backstop.rules.RuleBook;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;

/**
 * Decides what the handler would do with a trigger, the way the engine's rule loop does, up to the
 * first AWS call, with the engine's own matching ({@link RuleSelection}: the rules the trigger
 * matches, each rule's mode resolved for the event's account and organizational unit
 * ({@link ModeChoice}) and capped by the global mode and the team file's kill switch, and which of
 * its actions apply to the trigger, asked of the actions themselves) and exemptions
 * ({@code Exemptions.forTrigger}): failed calls are ignored, and so are findings no AWS product
 * wrote, samples and closed findings; rules in mode off run nothing,
 * exemptions of the caller (an alarm has none) and of the account are applied, and a call a
 * protected principal made is told, never acted on. What needs AWS is
 * reported as decided at run time, never guessed: a mode stepped by resource tags, exemptions that
 * need the resource (tags, time-boxed resource exemptions), whether the change is to declared
 * state, and the changes an alarm rule requires before it ({@code correlate.require}, looked up in
 * CloudTrail). A veto window is said where the rule would enforce.
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

    EventPlan plan(String source, FindingParser.Entry entry) {
        if (entry.error() != null) {
            return EventPlan.rejected(source, entry.where(), null, null, entry.error().getMessage());
        }
        return plan(source, entry.where(), entry.finding());
    }

    private EventPlan plan(String source, String where, Trigger trigger) {
        String ignored = ignored(trigger);
        String protectedCaller = ignored == null && trigger instanceof CloudTrailEvent event
                ? protectedCallers.madeBy(event).map(why -> why + "; a rule that matches is notified as PROTECTED")
                        .orElse(null)
                : null;
        List<EventPlan.Match> matches = selection.matched(rules, trigger, answers).stream()
                .map(match -> match(match, trigger, ignored != null || protectedCaller != null))
                .toList();
        return new EventPlan(source, where, trigger.id(), trigger.summary(), ignored, protectedCaller, matches, null);
    }

    /** Why the handler acts on no rule for the trigger, as its engine steps say; else null. */
    private static String ignored(Trigger trigger) {
        if (trigger instanceof CloudTrailEvent event && event.detail().failed()) {
            return "the API call failed (" + event.detail().errorCode() + "); the handler never acts on a failed call";
        }
        if (trigger instanceof FindingEvent finding) {
            return !finding.writtenByAws() ? "written by product " + finding.productArn() + ", not by an AWS service;"
                    + " the handler rejects it" : finding.closed().map(why -> why + "; the handler ignores it").orElse(null);
        }
        return null;
    }

    private EventPlan.Match match(RuleSelection.Selected selected, Trigger trigger, boolean actsOnNone) {
        Rule rule = selected.rule();
        ModeChoice choice = selected.choice();
        ModePolicy.Effective effective = choice.resolve(Map.of());
        Mode mode = effective.mode();
        String why = effective.why() + (choice.needsTags() ? "; cases on resource tags (" + tagCases(rule.modes())
                + ") are decided at run time" : "");
        if (!selected.acts()) {
            // As in the engine: a rule that can only be off, or none of whose actions answers the trigger,
            // does nothing, exempted or not.
            return new EventPlan.Match(rule.id(), mode, why, false, null, List.of());
        }
        Optional<String> exemption = rule.unless().forTrigger(trigger, now);
        if (exemption.isPresent()) {
            return new EventPlan.Match(rule.id(), mode, why, true, exemption.get(), List.of());
        }
        List<String> checks = new ArrayList<>();
        if (rule.enforceAfter().isPresent() && choice.upper() == Mode.ENFORCE) {
            checks.add("an enforcing action waits " + words(rule.enforceAfter().get()) + " for a veto (enforce-after)");
        }
        if (rule.declared() != Declared.REVERT) {
            checks.add("a change to declared state (a pipeline principal's, or to a resource a stack or managed-by tag"
                    + " declares) is " + (rule.declared() == Declared.RESPECT ? "notified, not reverted"
                            : "reverted, and the pipelines' owner told"));
        }
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
        return new EventPlan.Match(rule.id(), mode, why, false, undecided, actsOnNone ? List.of() : answering);
    }

    /** A stepped mode's cases on tags: {@code tag env=dev -> enforce}. */
    static String tagCases(ModePolicy modes) {
        return modes.cases().stream().filter(entry -> !entry.tags().isEmpty())
                .map(entry -> entry.tags().entrySet().stream().map(tag -> "tag " + tag.getKey() + "=" + tag.getValue())
                        .collect(Collectors.joining(" and ")) + " -> " + entry.mode())
                .collect(Collectors.joining(", "));
    }

    private static String words(Duration duration) {
        long minutes = duration.toMinutes();
        return minutes % 1440 == 0 ? minutes / 1440 + "d" : minutes % 60 == 0 ? minutes / 60 + "h" : minutes + "m";
    }
}
