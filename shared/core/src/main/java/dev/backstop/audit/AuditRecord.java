package dev.backstop.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Backstop's own record of one decision about one delivered event.
 *
 * <p>The audit id is the CloudTrail event id for a decision (for an alarm, the alarm event's id), so
 * a redelivery finds it; duplicates and unreadable events get ids of their own.
 *
 * @param alarm for a decision about a CloudWatch alarm: the alarm and the changes before it; else null
 */
public record AuditRecord(
        String auditId,
        String eventId,
        String eventName,
        String eventSource,
        String account,
        String region,
        Instant eventTime,
        Instant decidedAt,
        String principal,
        String principalType,
        String sourceIp,
        Outcome outcome,
        String reason,
        List<ActionResult> actions,
        AlarmContext alarm) {

    /** A record of a decision about a CloudTrail event. */
    public AuditRecord(String auditId, String eventId, String eventName, String eventSource, String account,
            String region, Instant eventTime, Instant decidedAt, String principal, String principalType,
            String sourceIp, Outcome outcome, String reason, List<ActionResult> actions) {
        this(auditId, eventId, eventName, eventSource, account, region, eventTime, decidedAt, principal, principalType,
                sourceIp, outcome, reason, actions, null);
    }

    public AuditRecord {
        Objects.requireNonNull(auditId, "auditId");
        Objects.requireNonNull(decidedAt, "decidedAt");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
        actions = List.copyOf(actions);
    }

    /** True when a person should hear of it: a rule matched, whatever came of it. */
    public boolean worthNotifying() {
        return !actions.isEmpty();
    }
}
