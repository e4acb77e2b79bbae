package dev.backstop.rules;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How urgent a matched event is, carried into the audit record and the notification. */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL;

    /** The word rule files and audit records use. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
