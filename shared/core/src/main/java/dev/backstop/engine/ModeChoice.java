package dev.backstop.engine;

import dev.backstop.config.Mode;
import dev.backstop.rules.ModePolicy;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A matched rule's mode for one trigger: its policy (fixed, or stepped by account, organizational
 * unit and resource tags) resolved for the trigger's account and unit, and capped by the ceiling
 * the global mode and the kill switch set. Tags are known only once an action has planned, so a
 * policy stepped by tags is resolved then.
 *
 * @param ceilingReason what sets the ceiling, for the reason a capped mode gives
 */
record ModeChoice(ModePolicy policy, String account, Optional<String> unit, Mode ceiling, String ceilingReason) {

    ModeChoice {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(ceiling, "ceiling");
        Objects.requireNonNull(ceilingReason, "ceilingReason");
    }

    /** The most active mode any resource can get: what the step log keys by, and OFF when the rule can run nothing. */
    Mode upper() {
        return policy.possible().stream().map(mode -> mode.capTo(ceiling)).min(Enum::compareTo).orElse(Mode.OFF);
    }

    boolean needsTags() {
        return policy.dependsOnTags();
    }

    /** The mode for a resource with these tags, and why. */
    ModePolicy.Effective resolve(Map<String, String> tags) {
        ModePolicy.Effective own = policy.resolve(account, unit, tags);
        Mode capped = own.mode().capTo(ceiling);
        return capped == own.mode() ? own
                : new ModePolicy.Effective(capped, own.why() + " (" + own.mode() + "), capped to " + capped + " by "
                        + ceilingReason);
    }
}
