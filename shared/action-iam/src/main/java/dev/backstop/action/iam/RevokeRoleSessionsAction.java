package dev.backstop.action.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.ResourceState;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import java.time.Clock;
import java.util.Map;
import javax.inject.Inject;

/**
 * Revokes a role's active sessions as the IAM console's "Revoke active sessions" does: an inline
 * policy {@code AWSRevokeOlderSessions} that denies everything to credentials issued before now
 * ({@link SessionRevocation}). Whoever may assume the role gets fresh sessions that work; stolen
 * ones stop. Undo deletes the policy, or puts back the older one it replaced. For an
 * Attach*Policy event the policy must be attached now ({@link IamClaims}), or it refuses.
 */
final class RevokeRoleSessionsAction implements RemediationAction {

    static final String NAME = "iam.revoke-role-sessions";
    /** The console's name, so the console and Backstop update one policy rather than two. */
    static final String POLICY_NAME = "AWSRevokeOlderSessions";

    private final SessionRevocation revocation;

    @Inject
    RevokeRoleSessionsAction(Principals principals, InlinePolicySwap swap, IamClaims claims, Clock clock) {
        this.revocation = new SessionRevocation(NAME, POLICY_NAME, principals, swap, claims, clock);
    }

    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        if (!(trigger instanceof CloudTrailEvent event)) {
            throw ActionRefusedException.unanswered(trigger);
        }
        Principal named = EventPrincipals.choose(spec.string("role").orElse(EventPrincipals.CALLER), event);
        if (named.kind() != Principal.Kind.ROLE) {
            throw new ActionRefusedException(named.path(), "sessions can be revoked only for a role, and "
                    + named.path() + " is a user");
        }
        return revocation.plan(event, named, "sessions");
    }

    @Override
    public void apply(ActionPlan plan) {
        revocation.apply(plan);
    }

    @Override
    public ResourceState readBack(ActionPlan plan) {
        return revocation.readBack(plan);
    }

    @Override
    public Map<String, String> tags(ActionPlan plan) {
        return revocation.tags(plan);
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public RevokeSessionsUndo readUndo(JsonNode stored) {
        return RevokeSessionsUndo.FORMAT.read(stored);
    }

    @Override
    public ResourceState undo(JsonNode stored) {
        return revocation.undo(readUndo(stored));
    }
}
