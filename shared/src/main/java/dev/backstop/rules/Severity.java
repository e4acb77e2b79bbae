package dev.backstop.rules;

/** How urgent a matched event is, carried into the audit record and the notification. */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL
}
