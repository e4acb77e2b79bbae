package dev.backstop.engine;

import dev.backstop.action.AwsErrors;
import dev.backstop.audit.AuditLog;
import dev.backstop.audit.AuditRecord;
import dev.backstop.notify.Notifier;
import javax.inject.Inject;
import javax.inject.Singleton;

/** The last step of every decision, CloudTrail event or alarm: the audit record, then the notification. */
@Singleton
final class DecisionRecorder {

    private final AuditLog audit;
    private final Notifier notifier;

    @Inject
    DecisionRecorder(AuditLog audit, Notifier notifier) {
        this.audit = audit;
        this.notifier = notifier;
    }

    /** Writes the record over the claim and, when a rule matched, tells the team. */
    void complete(AuditRecord decision) {
        audit.record(decision);
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
            System.err.println("backstop: notification for " + decision.auditId() + " failed: " + AwsErrors.describe(e));
        }
    }
}
