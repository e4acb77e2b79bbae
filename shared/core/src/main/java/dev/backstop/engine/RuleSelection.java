package dev.backstop.engine;

import dev.backstop.config.Mode;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import dev.backstop.rules.Rule;
import dev.backstop.rules.RuleBook;
import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.stream.IntStream;

/**
 * The rules that act on a trigger, as the engine's rule loop finds them before any action reads
 * AWS: the rules that match, each in its mode capped by the global mode, with the actions that
 * apply to the trigger; a rule in mode off, or none of whose actions applies, does nothing. The
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
     * @param mode the rule's mode capped by the global mode
     */
    public record Selected(Rule rule, Mode mode, List<Integer> actions) {

        public Selected {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(mode, "mode");
            actions = List.copyOf(actions);
        }

        /** False for a rule in mode off, and one none of whose actions applies to the trigger. */
        public boolean acts() {
            return mode != Mode.OFF && !actions.isEmpty();
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
        return matched(rules, trigger, applies).stream().filter(Selected::acts).toList();
    }

    /**
     * Every rule the trigger matches, in id order, those that do nothing included; a rule in mode
     * off is asked nothing of its actions.
     */
    public List<Selected> matched(RuleBook rules, Trigger trigger, BiPredicate<ActionSpec, Trigger> applies) {
        return rules.match(trigger).stream().map(rule -> {
            Mode mode = rule.mode().capTo(globalMode);
            List<Integer> applicable = mode == Mode.OFF ? List.of() : IntStream.range(0, rule.actions().size())
                    .filter(index -> applies.test(rule.actions().get(index), trigger)).boxed().toList();
            return new Selected(rule, mode, applicable);
        }).toList();
    }
}
