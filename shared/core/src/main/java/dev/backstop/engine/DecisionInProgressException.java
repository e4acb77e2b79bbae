package dev.backstop.engine;

/**
 * Another invocation is deciding the same event right now. Thrown so the invocation fails and
 * Lambda delivers the event again later: by then it is decided (and recorded as a duplicate) or
 * handed back for retry.
 */
public final class DecisionInProgressException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    DecisionInProgressException(String auditId) {
        super(auditId + " is being decided by another invocation; retry later");
    }
}
