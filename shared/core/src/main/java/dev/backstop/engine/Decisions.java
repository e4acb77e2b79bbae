package dev.backstop.engine;

import dev.backstop.audit.ActionResult;
import dev.backstop.audit.AuditKeys;
import dev.backstop.audit.AuditRecord;
import dev.backstop.audit.Outcome;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.MalformedEventException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** Builds the audit record for each way a decision can end. */
final class Decisions {

    private Decisions() {
    }

    static AuditRecord acted(CloudTrailEvent event, List<ActionResult> results, Instant now) {
        Outcome outcome = results.stream().map(ActionResult::outcome).reduce(Outcome::weightier).orElseThrow();
        String reason = "matched " + results.stream().map(ActionResult::rule).distinct().collect(Collectors.joining(", "));
        return of(event, AuditKeys.decision(event.eventId()), outcome, reason, results, now);
    }

    static AuditRecord without(CloudTrailEvent event, Outcome outcome, String reason, Instant now) {
        return of(event, AuditKeys.decision(event.eventId()), outcome, reason, List.of(), now);
    }

    /** A record of its own per redelivery, so the original decision stays as it was. */
    static AuditRecord duplicate(CloudTrailEvent event, Instant now) {
        String auditId = AuditKeys.decision(event.eventId()) + "#duplicate#" + now + "#" + UUID.randomUUID();
        return of(event, auditId, Outcome.DUPLICATE, "event " + event.eventId() + " was already decided", List.of(), now);
    }

    /** Keyed by a digest of the payload, so redeliveries of one bad event leave one record. */
    static AuditRecord rejected(byte[] payload, MalformedEventException error, Instant now) {
        return new AuditRecord("rejected#" + sha256(payload), null, null, null, null, null, null, now,
                null, null, null, Outcome.REJECTED, "malformed event: " + error.getMessage(), List.of());
    }

    private static AuditRecord of(CloudTrailEvent event, String auditId, Outcome outcome, String reason,
            List<ActionResult> results, Instant now) {
        var detail = event.detail();
        return new AuditRecord(auditId, event.eventId(), detail.eventName(), detail.eventSource(), event.account(),
                event.region(), detail.eventTime(), now, detail.userIdentity().displayName(),
                detail.userIdentity().type(), detail.sourceIpAddress(), outcome, reason, results);
    }

    private static String sha256(byte[] payload) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
