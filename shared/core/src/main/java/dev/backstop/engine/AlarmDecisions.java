package dev.backstop.engine;

import dev.backstop.audit.ActionResult;
import dev.backstop.audit.AlarmContext;
import dev.backstop.audit.AuditKeys;
import dev.backstop.audit.AuditRecord;
import dev.backstop.audit.Outcome;
import dev.backstop.correlate.Correlated;
import dev.backstop.event.AlarmEvent;
import dev.backstop.event.AlarmPayloadParser;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Builds the audit record for each way an alarm decision can end. The record's event fields say
 * what was delivered (a "CloudWatch Alarm State Change" from {@code aws.cloudwatch}); its
 * {@link AlarmContext} says which alarm, in which state, and what changed before it. An alarm has
 * no caller, so the principal fields stay empty.
 */
final class AlarmDecisions {

    private AlarmDecisions() {
    }

    static AuditRecord acted(AlarmEvent alarm, AlarmContext context, List<ActionResult> results, Instant now) {
        Outcome outcome = results.stream().map(ActionResult::outcome).reduce(Outcome::weightier).orElseThrow();
        String reason = "matched " + results.stream().map(ActionResult::rule).distinct().collect(Collectors.joining(", "));
        return of(alarm, AuditKeys.decision(alarm.id()), outcome, reason, results, context, now);
    }

    static AuditRecord without(AlarmEvent alarm, AlarmContext context, Outcome outcome, String reason, Instant now) {
        return of(alarm, AuditKeys.decision(alarm.id()), outcome, reason, List.of(), context, now);
    }

    /** A record of its own per redelivery (EventBridge and SNS both deliver one state change), so the decision stays as it was. */
    static AuditRecord duplicate(AlarmEvent alarm, Instant now) {
        String auditId = AuditKeys.decision(alarm.id()) + "#duplicate#" + now + "#" + UUID.randomUUID();
        return of(alarm, auditId, Outcome.DUPLICATE, "alarm state change " + alarm.id() + " was already decided",
                List.of(), context(alarm, null), now);
    }

    /** The alarm as the audit record names it; {@code correlated} null when no lookup was made. */
    static AlarmContext context(AlarmEvent alarm, Correlated correlated) {
        return new AlarmContext(alarm.alarmName(), alarm.alarmArn(), alarm.state(), alarm.previousState(), alarm.reason(),
                correlated == null ? List.of() : correlated.resources(),
                correlated == null ? List.of() : correlated.changes(),
                correlated == null ? "not looked up" : correlated.note());
    }

    private static AuditRecord of(AlarmEvent alarm, String auditId, Outcome outcome, String reason,
            List<ActionResult> results, AlarmContext context, Instant now) {
        return new AuditRecord(auditId, alarm.id(), AlarmPayloadParser.DETAIL_TYPE, "aws.cloudwatch", alarm.account(),
                alarm.region(), alarm.time(), now, null, null, null, outcome, reason, results, context);
    }
}
