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
 */
public record Rule(String id, String description, Severity severity, String pattern, Exemptions unless,
        List<ActionSpec> actions, ModePolicy modes, String file, int line, Correlation correlate,
        Optional<Duration> enforceAfter, Declared declared) {

    /** A rule with a fixed mode, no veto window, that reverts declared state like any other. */
    public Rule(String id, String description, Severity severity, String pattern, Exemptions unless,
            List<ActionSpec> actions, Mode mode, String file, int line, Correlation correlate) {
        this(id, description, severity, pattern, unless, actions, ModePolicy.fixed(mode), file, line, correlate,
                Optional.empty(), Declared.REVERT);
    }

    /** A rule that correlates alarms as {@link Correlation#DEFAULT} does. */
    public Rule(String id, String description, Severity severity, String pattern, Exemptions unless,
            List<ActionSpec> actions, Mode mode, String file, int line) {
        this(id, description, severity, pattern, unless, actions, mode, file, line, Correlation.DEFAULT);
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
                declared);
    }

    /** Where the rule was read, as {@code FILE:LINE}. */
    public String origin() {
        return file + ":" + line;
    }
}
