package dev.backstop.engine;

import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.UserIdentity;
import java.util.List;
import java.util.Optional;

/**
 * The deployment's protected principals (ProtectedPrincipalArns) as callers. Their calls are not
 * Backstop's own: a rule that matches one is audited and notified as PROTECTED, with who made the
 * call, and never acted on, so that whoever holds a break-glass or deployment role cannot act
 * unseen, nor make Backstop act against the role. The engine's CloudTrail steps ask this; a plan
 * and a backtest ask it too.
 */
public final class ProtectedCallers {

    private final PrincipalPatterns patterns;

    /** @param patterns ARN patterns of the protected principals, matched as IAM's ArnLike matches */
    public ProtectedCallers(List<String> patterns) {
        this.patterns = new PrincipalPatterns(patterns);
    }

    /** Why no matched rule acts on the call, when a protected principal made it; else empty. */
    public Optional<String> madeBy(CloudTrailEvent event) {
        UserIdentity caller = event.detail().userIdentity();
        return patterns.matches(caller)
                ? Optional.of("made by protected principal " + caller.displayName() + " (ProtectedPrincipalArns):"
                        + " Backstop does not act on a protected principal's calls")
                : Optional.empty();
    }
}
