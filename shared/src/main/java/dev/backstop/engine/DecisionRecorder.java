package dev.backstop.engine;

import dev.backstop.action.AwsErrors;
import dev.backstop.audit.AuditLog;
import dev.backstop.audit.AuditRecord;
import dev.backstop.notify.Notifier;
import javax.inject.Inject;
import javax.inject.Singleton;

/** The last step of a decision, once its audit record is written: the notification. */
@Singleton
final class DecisionRecorder {

    private final AuditLog audit;
    private final Notifier notifier;

    @Inject
    DecisionRecorder(AuditLog audit, Notifier notifier) {
        this.audit = audit;
        this.notifier = notifier;
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
            System.err.println("backstop: notification for " + decision.auditId() + " failed: " + AwsErrors.describe(e));
        }
    }
}
