package dev.backstop.rules;

import dev.backstop.config.Mode;
import java.util.List;
import java.util.Objects;

/**
 * One remediation rule: an EventBridge event pattern and what to do when an event matches it.
 *
 * @param pattern the event pattern as JSON, in EventBridge pattern syntax
 */
public record Rule(String id, String description, Severity severity, String pattern, List<ActionSpec> actions, Mode mode) {

    public Rule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(mode, "mode");
        actions = List.copyOf(actions);
    }
}
