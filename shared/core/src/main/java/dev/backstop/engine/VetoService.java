package dev.backstop.engine;

import dev.backstop.action.AwsErrors;
import dev.backstop.audit.ActionResult;
import dev.backstop.audit.AuditKeys;
import dev.backstop.audit.AuditLog;
import dev.backstop.audit.AuditRecord;
import dev.backstop.audit.Deferrals;
import dev.backstop.audit.Deferrals.Deferral;
import dev.backstop.audit.Outcome;
import dev.backstop.aws.OneTimeSchedules;
import dev.backstop.notify.Notifier;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Vetoes a decision waiting out its rule's veto window ({@code ./backstop veto AUDIT-ID}): marks
 * its deferral vetoed (a conditional update, so a veto and the run at the due time cannot both
 * win), deletes its schedule, audits the veto under {@code veto#AUDIT-ID} with who vetoed and why,
 * and notifies it. The run at the due time reads the deferral again and acts only if it is still
 * pending, so a schedule that outlives its deletion changes nothing.
 *
 * <pre>{@code
 * Deferral pending = vetoes.plan(auditId);            // throws VetoException if nothing waits
 * AuditRecord vetoed = vetoes.veto(auditId, "arn:aws:sts::...:assumed-role/SecOps/alice", "owner asked");
 * }</pre>
 */
@Singleton
public final class VetoService {

    static final String PREFIX = "veto#";
    /** The audit id prefix of the run at the end of a veto window. */
    static final String DUE = "due#";

    private final Deferrals deferrals;
    private final OneTimeSchedules schedules;
    private final AuditLog audit;
    private final Notifier notifier;
    private final Clock clock;

    @Inject
    VetoService(Deferrals deferrals, OneTimeSchedules schedules, AuditLog audit, Notifier notifier, Clock clock) {
        this.deferrals = deferrals;
        this.schedules = schedules;
        this.audit = audit;
        this.notifier = notifier;
        this.clock = clock;
    }

    /**
     * The pending deferral a veto would stop; a {@link VetoException} when there is none to stop. A
     * bare event id names its decision ({@link AuditKeys#typed}), as for undo.
     */
    public Deferral plan(String typed) {
        String auditId = AuditKeys.typed(typed);
        Deferral deferral = deferrals.find(auditId)
                .filter(found -> found.purpose() == Deferrals.Purpose.VETO_WINDOW)
                .orElseThrow(() -> new VetoException("no action of " + auditId + " waits out a veto window"));
        return switch (deferral.state()) {
            case Deferrals.PENDING -> deferral;
            case Deferrals.VETOED -> throw new VetoException(auditId + " was vetoed already by " + deferral.vetoedBy().orElse("?")
                    + deferral.vetoedAt().map(at -> " at " + at).orElse("") + ": " + deferral.vetoReason().orElse(""));
            default -> throw new VetoException(auditId + " is past its veto window: its actions ran (" + deferral.state()
                    + "); undo them with ./backstop undo");
        };
    }

    /** Vetoes the decision's pending actions for the operator, audits and notifies it, and returns the record. */
    public AuditRecord veto(String typed, String operator, String reason) {
        String auditId = AuditKeys.typed(typed);
        Deferral deferral = plan(auditId);
        if (!deferrals.veto(auditId, operator, reason, clock.instant())) {
            // Run or vetoed between the look and the veto: say which.
            plan(auditId);
            throw new VetoException(auditId + " is no longer pending");
        }
        String deleted;
        try {
            schedules.delete(deferral.schedule());
            deleted = "its schedule " + deferral.schedule() + " is deleted";
        } catch (RuntimeException e) {
            // The vetoed state stops the run whatever the schedule does; say what happened to it.
            deleted = "its schedule " + deferral.schedule() + " could not be deleted (" + AwsErrors.describe(e)
                    + "); when it runs it finds the veto and changes nothing";
        }
        AuditRecord pending = audit.find(auditId).orElse(null);
        List<ActionResult> vetoed = pending == null ? List.of() : pending.actions().stream()
                .filter(action -> action.outcome() == Outcome.PENDING)
                .map(action -> new ActionResult(action.rule(), action.severity(), action.action(), action.mode(),
                        action.resource(), Outcome.VETOED, action.before(), Map.of(), ActionResult.noUndo(),
                        "vetoed by " + operator + ": " + reason + "; not run: " + action.detail(), action.tags()))
                .toList();
        AuditRecord record = new AuditRecord(PREFIX + auditId, pending == null ? null : pending.eventId(),
                pending == null ? null : pending.eventName(), pending == null ? null : pending.eventSource(),
                deferral.account(), deferral.region(), pending == null ? null : pending.eventTime(), clock.instant(),
                operator, "Operator", null, Outcome.VETOED,
                "veto of " + auditId + " by " + operator + ": " + reason + "; " + deleted, vetoed,
                pending == null ? null : pending.alarm());
        audit.record(record);
        notifier.publish(record);
        return record;
    }
}
