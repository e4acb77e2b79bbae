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
 * Which rules a trigger matches, in which mode, and which of their actions answer it: the first
 * step of the engine's rule loop, and all of {@code ./backstop plan}'s matching, so that the two
 * decide alike. An action answers a trigger when the function holds it and its own
 * {@code appliesTo} says so (a call from an expected network, an alarm that names no function).
 *
 * <pre>{@code
 * for (RulesInForce.Match match : new RulesInForce(globalMode, runner::appliesTo).match(book, trigger)) { ... }
 * }</pre>
 */
public final class RulesInForce {

    /**
     * A matched rule.
     *
     * @param mode the rule's mode capped by the global mode
     * @param actions the positions in the rule of the actions that answer the trigger (a position,
     *     not the spec, names a step, since one rule may list a spec twice)
     */
    public record Match(Rule rule, Mode mode, List<Integer> actions) {

        public Match {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(mode, "mode");
            actions = List.copyOf(actions);
        }

        /** False for a rule in mode off, and one none of whose actions answers the trigger: it does nothing. */
        public boolean acts() {
            return mode != Mode.OFF && !actions.isEmpty();
        }
    }

    private final Mode globalMode;
    private final BiPredicate<ActionSpec, Trigger> answers;

    /**
     * @param answers whether an action of a rule answers the trigger: the engine's {@code ActionRunner},
     *     or the command line's offline catalogue
     */
    public RulesInForce(Mode globalMode, BiPredicate<ActionSpec, Trigger> answers) {
        this.globalMode = globalMode;
        this.answers = answers;
    }

    /** Every rule the trigger matches, in id order; a rule in mode off is asked nothing of its actions. */
    public List<Match> match(RuleBook book, Trigger trigger) {
        return book.match(trigger).stream().map(rule -> {
            Mode mode = rule.mode().capTo(globalMode);
            List<Integer> actions = mode == Mode.OFF ? List.of() : IntStream.range(0, rule.actions().size())
                    .filter(index -> answers.test(rule.actions().get(index), trigger)).boxed().toList();
            return new Match(rule, mode, actions);
        }).toList();
    }
}
