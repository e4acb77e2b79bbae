package dev.backstop.audit;

/** What became of a decision or of one action in it, in order of how much it matters to a reader. */
public enum Outcome {
    /** An action ran and its read-back did not show the desired state, or it errored. */
    FAILED,
    /** An action ran and the read-back shows the desired state. */
    REMEDIATED,
    /** An operator reversed an applied action and the read-back shows the state from before it. */
    UNDONE,
    /** An enforcing action waits out its rule's veto window ({@code enforce-after}); it runs then unless vetoed. */
    PENDING,
    /** An operator vetoed a pending action before its time: it never ran. */
    VETOED,
    /** Dry-run: the action would have run. */
    WOULD_REMEDIATE,
    /**
     * A protected principal (ProtectedPrincipalArns) made the call a rule matched: the team is told
     * who, nothing is changed.
     */
    PROTECTED,
    /** Notify mode: the team is told, nothing is changed. */
    NOTIFIED,
    /** The rule leaves this caller, account or resource alone ({@code unless}). */
    EXEMPTED,
    /** The target no longer exists. */
    RESOURCE_GONE,
    /** The target was already in the desired state. */
    ALREADY_COMPLIANT,
    /** The event was understood but calls for nothing: a failed API call, or Backstop's own session. */
    IGNORED,
    /** No rule matched the event. */
    NO_MATCH,
    /** A change to how Backstop runs (the kill switch set or cleared), kept in the audit trail. */
    RECORDED,
    /** The event id was decided before; this delivery changes nothing. */
    DUPLICATE,
    /** The event could not be read, or (not a decision) a version of the team's rule file was refused. */
    REJECTED,
    /** Not a decision: the team's rule file, at the version named, was validated and put in force. */
    LOADED,
    /** Not a decision: a breaker tripped; its actions are notified only (those that keep eyes and doors act and escalate). */
    BREAKER_TRIPPED,
    /** Not a decision: a tripped breaker closed by itself after its cool-down. */
    BREAKER_CLOSED;

    /** The one of the two that matters more to whoever reads the decision. */
    public Outcome weightier(Outcome other) {
        return ordinal() <= other.ordinal() ? this : other;
    }
}
