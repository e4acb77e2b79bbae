package dev.backstop.engine;

import dev.backstop.action.AwsErrors;
import dev.backstop.audit.AuditLog;
import dev.backstop.audit.AuditLog.Claim;
import dev.backstop.audit.AuditRecord;
import dev.backstop.notify.Notifier;
import dev.backstop.telemetry.Degradation;
import dev.backstop.telemetry.Telemetry;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * What every decision does around its own logic, whatever it decides on: claims the event's id so
 * one delivery decides it, records the decision, hands the event back when anything escapes, and
 * notifies.
 */
@Singleton
final class DecisionRecorder {

    /** Counted when a decision's notification could not be sent: the team did not hear of it. */
    static final String NOTIFICATION_FAILED = Degradation.NOTIFICATION_FAILED.metric();

    private final AuditLog audit;
    private final Notifier notifier;
    private final Telemetry telemetry;

    @Inject
    DecisionRecorder(AuditLog audit, Notifier notifier, Telemetry telemetry) {
        this.audit = audit;
        this.notifier = notifier;
        this.telemetry = telemetry;
    }

    /**
     * Decides the event with this id once across deliveries. A delivery that finds it decided gets
     * the duplicate record; one that finds it still being decided elsewhere fails, as the other
     * delivery may still hand it back, so Lambda retries this one later and, if the event is never
     * decided, it reaches the dead-letter queue instead of vanishing behind a DUPLICATE record.
     * Whatever escapes the decision or its audit write hands the event back for Lambda's retry,
     * which takes the enforcing steps that finished from the step log. The decision is told what
     * the claim found, so a first attempt need not look in the step log.
     */
    AuditRecord once(String id, Instant now, Supplier<AuditRecord> duplicate, Function<Claim, AuditRecord> decide) {
        Claim claim = audit.claim(id, now);
        if (!claim.held()) {
            if (audit.inProgress(id)) {
                throw new DecisionInProgressException(id);
            }
            AuditRecord record = duplicate.get();
            audit.record(record);
            return record;
        }
        AuditRecord decision;
        try {
            decision = decide.apply(claim);
            audit.recordClaimed(id, decision);
        } catch (RuntimeException | Error e) {
            // An error too (a stack or heap exhausted): a claim left behind would hold the event
            // back from every retry, until it expires, with nothing recorded.
            audit.release(id);
            throw e;
        }
        notifyIfWorth(decision);
        return decision;
    }

    /** Tells the team when a rule matched, and notes on the record whether that worked. */
    void notifyIfWorth(AuditRecord decision) {
        if (decision.worthNotifying()) {
            notify(decision);
        }
    }

    private void notify(AuditRecord decision) {
        try {
            notifier.publish(decision);
            audit.noteNotification(decision.auditId(), "sent");
        } catch (RuntimeException e) {
            // The remediation stands and is audited; a retry would only find it done. Say so loudly instead.
            audit.noteNotification(decision.auditId(), "failed: " + AwsErrors.describe(e));
            telemetry.count(NOTIFICATION_FAILED, "notification for " + decision.auditId() + " failed: " + AwsErrors.describe(e),
                    telemetry.fields().put("auditId", decision.auditId()).put("error", AwsErrors.describe(e)));
        }
    }
}
