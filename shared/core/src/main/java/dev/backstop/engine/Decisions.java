package dev.backstop.engine;

import dev.backstop.audit.ActionResult;
import dev.backstop.audit.AuditKeys;
import dev.backstop.audit.AuditRecord;
import dev.backstop.audit.Outcome;
import dev.backstop.event.MalformedEventException;
import dev.backstop.event.Trigger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * How each decision can end, whatever the trigger: the trigger's id, in the decisions' own
 * namespace ({@link AuditKeys#decision}), is the audit id, so a redelivery finds the decision.
 * The trigger's {@link TriggerSteps#record steps} make the audit record of it; a payload that could
 * not be read has no trigger, and its record is made here.
 */
final class Decisions {

    private Decisions() {
    }

    static Verdict acted(Trigger trigger, List<ActionResult> results, Instant now) {
        return acted(AuditKeys.decision(trigger.id()), results, now);
    }

    /** A decision recorded under an audit id of its own, as the run at a veto window's end is. */
    static Verdict acted(String auditId, List<ActionResult> results, Instant now) {
        Outcome outcome = results.stream().map(ActionResult::outcome).reduce(Outcome::weightier).orElseThrow();
        String reason = "matched " + results.stream().map(ActionResult::rule).distinct().collect(Collectors.joining(", "));
        return new Verdict(auditId, outcome, reason, results, now);
    }

    static Verdict without(Trigger trigger, Outcome outcome, String reason, Instant now) {
        return new Verdict(AuditKeys.decision(trigger.id()), outcome, reason, List.of(), now);
    }

    /** A record of its own per redelivery, so the original decision stays as it was. */
    static Verdict duplicate(Trigger trigger, String named, Instant now) {
        String auditId = AuditKeys.decision(trigger.id()) + "#duplicate#" + now + "#" + UUID.randomUUID();
        return new Verdict(auditId, Outcome.DUPLICATE, named + " was already decided", List.of(), now);
    }

    /** Keyed by a digest of the payload, so redeliveries of one bad event leave one record. */
    static AuditRecord rejected(byte[] payload, MalformedEventException error, Instant now) {
        return new AuditRecord("rejected#" + sha256(payload), null, null, null, null, null, null, now,
                null, null, null, Outcome.REJECTED, "malformed event: " + error.getMessage(), List.of());
    }

    private static String sha256(byte[] payload) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
