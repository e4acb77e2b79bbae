package dev.backstop.engine;

import dev.backstop.event.CloudTrailEvent;
import dev.backstop.rules.RoleSession;
import java.util.List;
import java.util.Optional;

/**
 * The CloudTrail calls no rule acts on: a failed call, which changed nothing, and a call of
 * Backstop's own, whose changes come back through CloudTrail. The engine's CloudTrail steps ask
 * this (observing the call in between); a backtest asks it too.
 */
public final class IgnoredCalls {

    private final PrincipalPatterns ownPrincipals;

    /**
     * @param ownPrincipals ARN patterns of Backstop's own principals
     * @param ownSessions its member-role sessions, each recognised exactly
     */
    public IgnoredCalls(List<String> ownPrincipals, List<RoleSession> ownSessions) {
        this.ownPrincipals = new PrincipalPatterns(ownPrincipals, ownSessions);
    }

    /** Why no rule acts on a failed call. */
    public static Optional<String> failed(CloudTrailEvent event) {
        return event.detail().failed()
                ? Optional.of("the API call failed (" + event.detail().errorCode() + "), so nothing changed")
                : Optional.empty();
    }

    /** Why no rule acts on a call of Backstop's own. */
    public Optional<String> own(CloudTrailEvent event) {
        return ownPrincipals.matches(event.detail().userIdentity())
                ? Optional.of("made by Backstop's own principal")
                : Optional.empty();
    }
}
