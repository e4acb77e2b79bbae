package dev.backstop.engine;

import dev.backstop.config.Mode;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import dev.backstop.rules.Rule;
import dev.backstop.rules.RuleBook;
import java.util.ArrayList;
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
 * trigger; a rule that can only be off here, or none of whose actions applies, is no match. The
 * engine acts on the answer; {@code ./backstop backtest} replays history through the same answer.
 *
 * <pre>{@code
 * for (RuleSelection.Selected selected : selection.select(book, trigger, runner::appliesTo)) { ... }
 * }</pre>
 */
public final class RuleSelection {

    /**
     * A matched rule in force, with the positions in the rule of the actions that apply to the
     * trigger: a position, not the spec, names a step, since one rule may list a spec twice.
     *
     * @param choice the rule's mode for the trigger, never only off
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
    }

    private final Mode globalMode;

    public RuleSelection(Mode globalMode) {
        this.globalMode = globalMode;
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
        List<Selected> selected = new ArrayList<>();
        for (Rule rule : rules.match(trigger)) {
            ModeChoice choice = ModeChoice.of(rule, trigger.account(), rules, globalMode, switched);
            if (choice.upper() == Mode.OFF || !choice.needsTags() && choice.resolve(Map.of()).mode() == Mode.OFF) {
                continue;
            }
            List<Integer> applicable = IntStream.range(0, rule.actions().size())
                    .filter(index -> wanted.test(rule.id() + "#" + index))
                    .filter(index -> applies.test(rule.actions().get(index), trigger)).boxed().toList();
            if (!applicable.isEmpty()) {
                selected.add(new Selected(rule, choice, applicable));
            }
        }
        return selected;
    }
}
