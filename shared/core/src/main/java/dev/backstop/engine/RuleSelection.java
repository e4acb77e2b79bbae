package dev.backstop.engine;

import dev.backstop.config.Mode;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import dev.backstop.rules.Rule;
import dev.backstop.rules.RuleBook;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.stream.IntStream;

/**
 * The rules that act on a trigger, as the engine's rule loop finds them before any action reads
 * AWS: the rules that match, each in its mode capped by the global mode, with the actions that
 * apply to the trigger; a rule in mode off, or none of whose actions applies, is no match. The
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
     * @param mode the rule's mode capped by the global mode, never off
     */
    public record Selected(Rule rule, Mode mode, List<Integer> actions) {

        public Selected {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(mode, "mode");
            actions = List.copyOf(actions);
        }
    }

    private final Mode globalMode;

    public RuleSelection(Mode globalMode) {
        this.globalMode = globalMode;
    }

    /**
     * The rules that act on the trigger, in id order; {@code applies} says whether an action
     * applies (the function holds it and its parameters admit the trigger).
     */
    public List<Selected> select(RuleBook rules, Trigger trigger, BiPredicate<ActionSpec, Trigger> applies) {
        List<Selected> selected = new ArrayList<>();
        for (Rule rule : rules.match(trigger)) {
            Mode mode = rule.mode().capTo(globalMode);
            if (mode == Mode.OFF) {
                continue;
            }
            List<Integer> applicable = IntStream.range(0, rule.actions().size())
                    .filter(index -> applies.test(rule.actions().get(index), trigger)).boxed().toList();
            if (!applicable.isEmpty()) {
                selected.add(new Selected(rule, mode, applicable));
            }
        }
        return selected;
    }
}
