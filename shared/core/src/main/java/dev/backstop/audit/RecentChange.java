package dev.backstop.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * A change CloudTrail recorded to one of an alarm's resources shortly before the alarm: who
 * may have lit the fire.
 *
 * @param resource the alarm's resource the change was found for (a function name, an instance id)
 * @param principal who made the call: the ARN of the caller, else the user name CloudTrail gives
 * @param byOwnPrincipal made by Backstop's own role or a protected principal (BACKSTOP_OWN_PRINCIPALS, BACKSTOP_PROTECTED_PRINCIPALS),
 *     whose calls Backstop never acts on: named, never counted for a rule's {@code correlate.require}
 *     (so Backstop's own rollback can never justify another)
 */
public record RecentChange(String eventId, String eventName, String eventSource, Instant time, String principal,
        String resource, boolean byOwnPrincipal) {

    public RecentChange {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventName, "eventName");
        Objects.requireNonNull(time, "time");
    }

    /** {@code UpdateAlias20150331 by arn:...:assumed-role/deployer/ci at 2026-11-20T10:12:03Z on checkout-api}. */
    public String describe() {
        return eventName + " by " + (principal == null ? "an unknown principal" : principal) + " at " + time
                + (resource == null ? "" : " on " + resource) + " (event " + eventId + ")"
                + (byOwnPrincipal ? " [Backstop's own or a protected principal]" : "");
    }
}
