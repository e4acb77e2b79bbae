package dev.backstop.engine;

import dev.backstop.config.Mode;
import dev.backstop.rules.ModePolicy;
import dev.backstop.rules.Rule;
import dev.backstop.rules.RuleBook;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A matched rule's mode for one trigger: its policy (fixed, or stepped by account, organizational
 * unit and resource tags) resolved for the trigger's account and unit, and capped by the ceiling
 * the global mode and the kill switch set. Tags are known only once an action has planned, so a
 * policy stepped by tags is resolved then.
 *
 * <p>{@code ./backstop plan} and {@code explain} resolve modes the same way, with the tags left to run time.
 *
 * @param ceilingReason what sets the ceiling, for the reason a capped mode gives
 */
public record ModeChoice(ModePolicy policy, String account, Optional<String> unit, Mode ceiling, String ceilingReason) {

    public ModeChoice {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(ceiling, "ceiling");
        Objects.requireNonNull(ceilingReason, "ceilingReason");
    }

    /**
     * The choice for a rule and a trigger's account under the stack's mode and the kill switch: the
     * account's unit is the one the rule files' {@code organization} section gives it.
     */
    public static ModeChoice of(Rule rule, String account, RuleBook book, Mode globalMode, KillSwitchWatch.State switched) {
        Mode ceiling = globalMode.capTo(switched.ceiling());
        String reason = switched.on() && switched.ceiling().compareTo(globalMode) > 0
                ? "the kill switch (" + switched.source() + ", by " + switched.by() + ": " + switched.reason() + ")"
                : "the stack's Mode (" + globalMode + ")";
        return new ModeChoice(rule.modes(), account, book.directives().organization().unitOf(account), ceiling, reason);
    }

    /** The most active mode any resource can get: what the step log keys by, and OFF when the rule can run nothing. */
    public Mode upper() {
        return policy.possible().stream().map(mode -> mode.capTo(ceiling)).min(Enum::compareTo).orElse(Mode.OFF);
    }

    public boolean needsTags() {
        return policy.dependsOnTags();
    }

    /** The mode for a resource with these tags, and why. */
    public ModePolicy.Effective resolve(Map<String, String> tags) {
        ModePolicy.Effective own = policy.resolve(account, unit, tags);
        Mode capped = own.mode().capTo(ceiling);
        return capped == own.mode() ? own
                : new ModePolicy.Effective(capped, own.why() + " (" + own.mode() + "), capped to " + capped + " by "
                        + ceilingReason);
    }
}
