package dev.backstop.engine;

import dev.backstop.config.Mode;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import dev.backstop.rules.Rule;
import dev.backstop.rules.RuleBook;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * The rules that act on a trigger, as the engine's rule loop finds them before any action reads
 * AWS: the rules that match, each with its mode for the trigger's account and unit under the
 * global mode and the kill switch ({@link ModeChoice}), with the actions that apply to the
 * trigger; a rule that can only be off here, or none of whose actions applies, does nothing. The
 * engine acts on the answer; {@code ./backstop backtest} replays history through the same answer,
 * and {@code ./backstop plan} shows it, with the matched rules that do nothing.
 *
 * <pre>{@code
 * for (RuleSelection.Selected selected : selection.select(book, trigger, runner::appliesTo)) { ... }
 * }</pre>
 */
public final class RuleSelection {

    /**
     * A matched rule, with the positions in the rule of the actions that apply to the trigger: a
     * position, not the spec, names a step, since one rule may list a spec twice.
     *
     * @param choice the rule's mode for the trigger
     */
    public record Selected(Rule rule, ModeChoice choice, List<Integer> actions) {

        public Selected {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(choice, "choice");
            actions = List.copyOf(actions);
        }

        /** The most active mode the rule can take on the trigger (a mode stepped by tags may end lower). */
        public Mode mode() {
            return choice.upper();
        }

        /** False for a rule that can only be off for the trigger, and one none of whose actions applies to it. */
        public boolean acts() {
            return !onlyOff(choice) && !actions.isEmpty();
        }
    }

    private final Mode globalMode;

    public RuleSelection(Mode globalMode) {
        this.globalMode = Objects.requireNonNull(globalMode, "globalMode");
    }

    /**
     * The rules that act on the trigger, in id order, with the kill switch as the rule files set it
     * (a replay knows no stack parameter); {@code applies} says whether an action applies (the
     * function holds it and its parameters admit the trigger).
     */
    public List<Selected> select(RuleBook rules, Trigger trigger, BiPredicate<ActionSpec, Trigger> applies) {
        return select(rules, trigger, KillSwitchWatch.State.of(false, rules), step -> true, applies);
    }

    /**
     * The rules that act on the trigger under the kill switch, keeping only the steps
     * ({@code RULE#INDEX}) {@code wanted} admits: a deferred decision runs its pending steps only.
     */
    List<Selected> select(RuleBook rules, Trigger trigger, KillSwitchWatch.State switched, Predicate<String> wanted,
            BiPredicate<ActionSpec, Trigger> applies) {
        return matched(rules, trigger, switched, wanted, applies).stream().filter(Selected::acts).toList();
    }

    /**
     * Every rule the trigger matches, in id order, those that do nothing included, with the kill
     * switch as the rule files set it; a rule that can only be off is asked nothing of its actions.
     */
    public List<Selected> matched(RuleBook rules, Trigger trigger, BiPredicate<ActionSpec, Trigger> applies) {
        return matched(rules, trigger, KillSwitchWatch.State.of(false, rules), step -> true, applies);
    }

    private List<Selected> matched(RuleBook rules, Trigger trigger, KillSwitchWatch.State switched, Predicate<String> wanted,
            BiPredicate<ActionSpec, Trigger> applies) {
        return rules.match(trigger).stream().map(rule -> {
            ModeChoice choice = ModeChoice.of(rule, trigger.account(), rules, globalMode, switched);
            List<Integer> applicable = onlyOff(choice) ? List.of() : IntStream.range(0, rule.actions().size())
                    .filter(index -> wanted.test(rule.id() + "#" + index))
                    .filter(index -> applies.test(rule.actions().get(index), trigger)).boxed().toList();
            return new Selected(rule, choice, applicable);
        }).toList();
    }

    /** Off whatever the resource: every case capped to off, or off with no case on tags to lift it. */
    private static boolean onlyOff(ModeChoice choice) {
        return choice.upper() == Mode.OFF || !choice.needsTags() && choice.resolve(Map.of()).mode() == Mode.OFF;
    }
}
