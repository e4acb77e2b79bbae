package dev.backstop.action;

import dev.backstop.event.FindingEvent;

/**
 * Tells the product of a finding that Backstop fixed what it found: for Security Hub, the
 * finding's workflow status becomes RESOLVED with a note naming the audit record. Bound by the
 * graph of the function that decides findings, beside its actions.
 *
 * <pre>{@code
 * String note = workflow.resolved(finding, "securityhub#arn:...#2026-11-20T10:25:07Z");
 * }</pre>
 */
public interface FindingWorkflow {

    /**
     * Marks the finding resolved after a fix that was verified by read-back, and says what came of
     * it, in words for the audit record; empty when the product has no such status (GuardDuty).
     * A transient AWS failure propagates; any other is said in the words, never thrown.
     */
    String resolved(FindingEvent finding, String auditId);
}
