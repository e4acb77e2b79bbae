package dev.backstop.engine;

import dev.backstop.config.Mode;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.rules.ActionSpec;
import dev.backstop.rules.Rule;
import dev.backstop.rules.RuleBook;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.stream.IntStream;

/**
 * What the rules decide about a CloudTrail event before any action reads AWS: whether the event is
 * left alone (a failed call, a call of Backstop's own), and which rules act on it, in which mode,
 * with which of their actions, unless its caller is exempt at that time. The engine acts on the
 * answer; {@code ./backstop backtest} replays history through the same answer.
 *
 * <pre>{@code
 * for (RuleSelection.Selected selected : selection.select(book, event, runner::appliesTo, now)) { ... }
 * }</pre>
 */
public final class RuleSelection {

    /**
     * One rule that acts on the event.
     *
     * @param mode the rule's mode capped by the global mode, never off
     * @param actions the positions in the rule's action list of the actions that apply to the event
     * @param exemption the caller exemption that holds every one of them back, if one does
     */
    public record Selected(Rule rule, Mode mode, List<Integer> actions, Optional<String> exemption) {

        public Selected {
            Objects.requireNonNull(rule, "rule");
            actions = List.copyOf(actions);
        }
    }

    private final Mode globalMode;
    private final PrincipalPatterns ownPrincipals;

    /**
     * @param ownPrincipals ARN patterns of Backstop's own principals, whose calls it never acts on
     */
    public RuleSelection(Mode globalMode, List<String> ownPrincipals) {
        this.globalMode = globalMode;
        this.ownPrincipals = new PrincipalPatterns(ownPrincipals);
    }

    /** Why no rule acts on a failed call: it changed nothing. */
    public static Optional<String> failedCall(CloudTrailEvent event) {
        return event.detail().failed()
                ? Optional.of("the API call failed (" + event.detail().errorCode() + "), so nothing changed")
                : Optional.empty();
    }

    /** Why no rule acts on Backstop's own call: its own changes come back through CloudTrail. */
    public Optional<String> ownCall(CloudTrailEvent event) {
        return ownPrincipals.matches(event.detail().userIdentity())
                ? Optional.of("made by Backstop's own principal")
                : Optional.empty();
    }

    /**
     * The rules that act on the event, in id order. A rule in mode off, or none of whose actions
     * applies ({@code applies}: the function holds the action and its parameters admit the event),
     * is no match. Caller exemptions are judged at {@code now}.
     */
    public List<Selected> select(RuleBook rules, CloudTrailEvent event, BiPredicate<ActionSpec, CloudTrailEvent> applies,
            Instant now) {
        List<Selected> selected = new ArrayList<>();
        for (Rule rule : rules.match(event)) {
            Mode mode = rule.mode().capTo(globalMode);
            if (mode == Mode.OFF) {
                continue;
            }
            // Positions, not specs, name the steps: one rule may list a spec twice.
            List<Integer> applicable = IntStream.range(0, rule.actions().size())
                    .filter(index -> applies.test(rule.actions().get(index), event)).boxed().toList();
            if (!applicable.isEmpty()) {
                selected.add(new Selected(rule, mode, applicable, rule.unless().forCaller(event, now)));
            }
        }
        return selected;
    }
}
