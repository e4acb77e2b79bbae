package dev.backstop.rules;

import java.util.Objects;

/**
 * The team file's kill switch ({@code kill-switch} section): while it is there, every rule runs in
 * notify mode, whatever it or the stack says. Who set it and why are required, and both go into
 * the audit record of its setting.
 *
 * <pre>{@code
 * kill-switch:
 *   by: alice@example.com
 *   reason: INC-4711, Backstop keeps closing the port the migration needs
 * }</pre>
 */
public record KillSwitch(String by, String reason, String origin) {

    public KillSwitch {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(origin, "origin");
    }
}
