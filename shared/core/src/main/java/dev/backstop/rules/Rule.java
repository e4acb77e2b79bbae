package dev.backstop.rules;

import dev.backstop.config.Mode;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One remediation rule: an EventBridge event pattern, who and what it leaves alone, and what
 * to do when an event matches.
 *
 * @param pattern the event pattern as JSON, in EventBridge pattern syntax
 * @param modes its mode, fixed or stepped by account, organizational unit and resource tags
 * @param file the rule file it was read from, and {@code line} the line of its id there
 * @param correlate for an alarm: the changes to look up before it, and those it requires to act
 * @param enforceAfter the veto window: an enforcing action is notified as pending and runs this
 *     long after the decision unless vetoed ({@code enforce-after}); empty: at once
 * @param declared what to do when the change is to declared state (infrastructure as code)
 * @param escalate the action that contains the caller when this rule's action keeps acting past an
 *     open breaker (the principal keeps undoing the fix); null when the rule names none
 */
public record Rule(String id, String description, Severity severity, String pattern, Exemptions unless,
        List<ActionSpec> actions, ModePolicy modes, String file, int line, Correlation correlate,
        Optional<Duration> enforceAfter, Declared declared, ActionSpec escalate) {

    /**
     * A rule with a fixed mode that correlates alarms as {@link Correlation#DEFAULT} does, has no veto
     * window, reverts declared state like any other change and escalates to nothing.
     */
    public Rule(String id, String description, Severity severity, String pattern, Exemptions unless,
            List<ActionSpec> actions, Mode mode, String file, int line) {
        this(id, description, severity, pattern, unless, actions, ModePolicy.fixed(mode), file, line,
                Correlation.DEFAULT, Optional.empty(), Declared.REVERT, null);
    }

    public Rule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(unless, "unless");
        Objects.requireNonNull(modes, "modes");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(correlate, "correlate");
        Objects.requireNonNull(enforceAfter, "enforceAfter");
        Objects.requireNonNull(declared, "declared");
        actions = List.copyOf(actions);
    }

    /** The rule's mode where no {@code when} case of a stepped mode holds; its only mode otherwise. */
    public Mode mode() {
        return modes.fallback();
    }

    /** The most active mode any account, unit or resource can get from the rule: off only when every case is off. */
    public Mode mostActiveMode() {
        return modes.possible().stream().min(Enum::compareTo).orElse(Mode.OFF);
    }

    /** The same rule in another mode, as an override in a team's file sets it. */
    public Rule withMode(Mode newMode) {
        return withModes(ModePolicy.fixed(newMode));
    }

    /** The same rule with another mode policy, fixed or stepped, as an override sets it. */
    public Rule withModes(ModePolicy newModes) {
        return new Rule(id, description, severity, pattern, unless, actions, newModes, file, line, correlate, enforceAfter,
                declared, escalate);
    }

    /** The action that contains the caller past an open breaker, if the rule names one. */
    public Optional<ActionSpec> escalation() {
        return Optional.ofNullable(escalate);
    }

    /** Where the rule was read, as {@code FILE:LINE}. */
    public String origin() {
        return file + ":" + line;
    }
}
