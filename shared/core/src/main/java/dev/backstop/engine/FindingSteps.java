package dev.backstop.engine;

import dev.backstop.action.FindingWorkflow;
import dev.backstop.audit.AuditRecord;
import dev.backstop.audit.Outcome;
import dev.backstop.aws.CredentialScope;
import dev.backstop.aws.MemberAccounts;
import dev.backstop.correlate.Correlated;
import dev.backstop.event.FindingEvent;
import dev.backstop.event.FindingSource;
import java.util.Optional;
import javax.inject.Inject;

/**
 * The engine's steps for a GuardDuty or Security Hub finding. Rejected: a finding of an account
 * not on the allowlist, one delivered from an account Backstop does not serve (its own account
 * delivers a finding, or the GuardDuty or Security Hub administrator that sees its members': any
 * other wrapper is a forgery), and a Security Hub finding that no AWS product wrote (anyone allowed
 * {@code securityhub:BatchImportFindings} can write findings of their own product, naming any
 * resource: acting on them would let them steer Backstop). Ignored: an archived, closed or
 * passing finding, and GuardDuty's sample findings (their resources are made up). The actions act
 * in the finding's account. After a fix verified by read-back, a Security Hub finding is marked
 * RESOLVED ({@link FindingWorkflow}) and the audit record says so. A finding has no caller.
 */
final class FindingSteps implements TriggerSteps<FindingEvent> {

    private final MemberAccounts accounts;
    private final FindingWorkflow workflow;

    @Inject
    FindingSteps(MemberAccounts accounts, FindingWorkflow workflow) {
        this.accounts = accounts;
        this.workflow = workflow;
    }

    @Override
    public Class<FindingEvent> kind() {
        return FindingEvent.class;
    }

    @Override
    public String named(FindingEvent finding) {
        return "finding " + finding.findingId() + " as updated at " + finding.updatedAt();
    }

    @Override
    public Optional<String> rejection(FindingEvent finding) {
        if (!accounts.allows(finding.account())) {
            return Optional.of("account " + finding.account() + " is not on the allowlist (AllowedAccounts): its findings"
                    + " are never acted on");
        }
        if (!finding.deliveredBy().equals(finding.account()) && !accounts.allows(finding.deliveredBy())) {
            return Optional.of("delivered from account " + finding.deliveredBy() + ", which is neither the finding's"
                    + " account (" + finding.account() + ") nor on the allowlist: a finding arrives from its own account"
                    + " or from an administrator account Backstop serves");
        }
        if (!finding.writtenByAws()) {
            return Optional.of("written by product " + finding.productArn() + ", not by an AWS service: anyone allowed"
                    + " securityhub:BatchImportFindings can write such findings, so they are never acted on");
        }
        return Optional.empty();
    }

    @Override
    public CredentialScope.Scope actIn(FindingEvent finding) {
        return accounts.actAs(finding.account());
    }

    @Override
    public Optional<String> ignored(FindingEvent finding) {
        return finding.closed();
    }

    @Override
    public String unplannedResource(FindingEvent finding) {
        return finding.resources().isEmpty() ? "-" : finding.resources().get(0).id();
    }

    @Override
    public AuditRecord record(FindingEvent finding, Correlated found, Verdict verdict) {
        String reason = verdict.reason();
        if (verdict.outcome() == Outcome.REMEDIATED && finding.source() == FindingSource.SECURITY_HUB) {
            reason = reason + "; " + workflow.resolved(finding, verdict.auditId());
        }
        return new AuditRecord(verdict.auditId(), finding.findingId(), finding.what(), finding.source().eventSource(),
                finding.account(), finding.region(), finding.updatedAt(), verdict.decidedAt(), null, null, null,
                verdict.outcome(), reason, verdict.actions());
    }
}
