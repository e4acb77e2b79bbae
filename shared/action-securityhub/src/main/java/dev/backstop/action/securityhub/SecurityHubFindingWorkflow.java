package dev.backstop.action.securityhub;

import dev.backstop.action.AwsErrors;
import dev.backstop.action.FindingWorkflow;
import dev.backstop.event.FindingEvent;
import dev.backstop.event.FindingSource;
import java.util.Optional;
import javax.inject.Inject;

/**
 * After a verified fix, sets the Security Hub finding's workflow status to RESOLVED
 * (BatchUpdateFindings) with a note naming the audit record, and reads it back (GetFindings). A
 * person who opens the finding sees who closed it and where the record of the fix is. Security Hub
 * reopens a control finding by itself if the control fails again.
 */
final class SecurityHubFindingWorkflow implements FindingWorkflow {

    static final String RESOLVED = "RESOLVED";

    private final SecurityHubApi securityHub;

    @Inject
    SecurityHubFindingWorkflow(SecurityHubApi securityHub) {
        this.securityHub = securityHub;
    }

    @Override
    public String resolved(FindingEvent finding, String auditId) {
        if (finding.source() != FindingSource.SECURITY_HUB) {
            return "";
        }
        String note = "Fixed by Backstop and verified by read-back; audit record " + auditId;
        try {
            Optional<String> refused = securityHub.updateWorkflow(finding.findingId(), finding.productArn(), RESOLVED,
                    note.length() <= 512 ? note : note.substring(0, 512));
            if (refused.isPresent()) {
                return "Security Hub did not set the finding RESOLVED: " + refused.get();
            }
            Optional<String> now = securityHub.workflowStatus(finding.findingId(), finding.productArn());
            return RESOLVED.equals(now.orElse(null))
                    ? "Security Hub finding set RESOLVED, read back, with a note naming this audit record"
                    : "Security Hub took the RESOLVED status but reads the finding as " + now.orElse("absent");
        } catch (RuntimeException e) {
            if (AwsErrors.isTransient(e)) {
                throw e;
            }
            return "could not set the Security Hub finding RESOLVED: " + AwsErrors.describe(e);
        }
    }
}
