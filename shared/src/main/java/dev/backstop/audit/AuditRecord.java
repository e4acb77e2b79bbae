package dev.backstop.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Backstop's own record of one decision about one delivered event.
 *
 * <p>The audit id is the CloudTrail event id for a decision, so a redelivery finds it; duplicates
 * and unreadable events get ids of their own.
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
        List<ActionResult> actions) {

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
