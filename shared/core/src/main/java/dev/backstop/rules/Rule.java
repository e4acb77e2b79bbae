package dev.backstop.rules;

import dev.backstop.config.Mode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One remediation rule: an EventBridge event pattern, who and what it leaves alone, and what
 * to do when an event matches.
 *
 * @param pattern the event pattern as JSON, in EventBridge pattern syntax
 * @param file the rule file it was read from, and {@code line} the line of its id there
 * @param correlate for an alarm: the changes to look up before it, and those it requires to act
 * @param escalate the action that contains the caller when this rule's action keeps acting past an
 *     open breaker (the principal keeps undoing the fix); null when the rule names none
 */
public record Rule(String id, String description, Severity severity, String pattern, Exemptions unless,
        List<ActionSpec> actions, Mode mode, String file, int line, Correlation correlate, ActionSpec escalate) {

    /** A rule that correlates alarms as {@link Correlation#DEFAULT} does and escalates to nothing. */
    public Rule(String id, String description, Severity severity, String pattern, Exemptions unless,
            List<ActionSpec> actions, Mode mode, String file, int line) {
        this(id, description, severity, pattern, unless, actions, mode, file, line, Correlation.DEFAULT, null);
    }

    public Rule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(unless, "unless");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(correlate, "correlate");
        actions = List.copyOf(actions);
    }

    /** The same rule in another mode, as an override in a team's file sets it. */
    public Rule withMode(Mode newMode) {
        return new Rule(id, description, severity, pattern, unless, actions, newMode, file, line, correlate, escalate);
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
