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
 * Revokes the temporary credentials an IAM user's keys issued before now (federation tokens from
 * {@code GetFederationToken}, sessions from {@code GetSessionToken}): an inline policy
 * {@code BackstopRevokeOlderSessions} on the user that denies everything to credentials issued
 * before now ({@link SessionRevocation}). A federated user's permissions are the intersection of
 * the user's and the token's, so the user's deny reaches every such token. The user's own access
 * keys carry no issue time and keep working. Undo deletes the policy, or puts back the older one.
 */
final class RevokeUserSessionsAction implements RemediationAction {

    static final String NAME = "iam.revoke-user-sessions";
    static final String POLICY_NAME = "BackstopRevokeOlderSessions";

    private final SessionRevocation revocation;

    @Inject
    RevokeUserSessionsAction(Principals principals, InlinePolicySwap swap, IamClaims claims, Clock clock) {
        this.revocation = new SessionRevocation(NAME, POLICY_NAME, principals, swap, claims, clock);
    }

    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        if (!(trigger instanceof CloudTrailEvent event)) {
            throw ActionRefusedException.unanswered(trigger);
        }
        Principal named = EventPrincipals.choose(spec.string("user").orElse(EventPrincipals.CALLER), event);
        if (named.kind() != Principal.Kind.USER) {
            throw new ActionRefusedException(named.path(), "a user's temporary credentials can be revoked only for an"
                    + " IAM user, and " + named.path() + " is a role (iam.revoke-role-sessions revokes a role's)");
        }
        return revocation.plan(event, named, "temporary credentials");
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
        return RevokeSessionsUndo.USER_FORMAT.read(stored);
    }

    @Override
    public ResourceState undo(JsonNode stored) {
        return revocation.undo(readUndo(stored));
    }
}
