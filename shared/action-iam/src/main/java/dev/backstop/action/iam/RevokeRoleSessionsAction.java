package dev.backstop.action.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.ResourceState;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.FindingEvent;
import dev.backstop.event.FindingResource;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * Revokes a role's active sessions as the IAM console's "Revoke active sessions" does: an inline
 * policy {@code AWSRevokeOlderSessions} that denies everything to credentials issued before now
 * ({@link SessionRevocation}). Whoever may assume the role gets fresh sessions that work; stolen
 * ones stop. Undo deletes the policy, or puts back the older one it replaced. For an
 * Attach*Policy event the policy must be attached now ({@link IamClaims}), or it refuses.
 *
 * <p>The role is the one a CloudTrail event names (its caller or target, as the rule says), or the
 * one whose session credentials a GuardDuty finding says were taken (an {@code AccessKey} finding
 * of user type AssumedRole, such as InstanceCredentialExfiltration: its user name is the role's
 * name). An instance whose credentials were revoked gets fresh ones from its instance profile.
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

    /** CloudTrail events, and findings about a role session's credentials. */
    @Override
    public boolean appliesTo(Trigger trigger, ActionSpec spec) {
        return trigger instanceof CloudTrailEvent
                || (trigger instanceof FindingEvent finding && sessionRole(finding).isPresent());
    }

    /** The role whose session a finding's access key belongs to: {@code accessKeyDetails} of user type AssumedRole. */
    static Optional<String> sessionRole(FindingEvent finding) {
        return finding.resource("AwsIamAccessKey").map(FindingResource::details)
                .filter(details -> "AssumedRole".equals(details.path("userType").asText()))
                .map(details -> details.path("userName").asText(""))
                .filter(name -> !name.isBlank());
    }

    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        if (trigger instanceof FindingEvent finding) {
            Principal role = Principal.role(sessionRole(finding).orElseThrow(() -> new ActionRefusedException(
                    finding.findingId(), "the finding names no role session's access key (an AccessKey of user type"
                    + " AssumedRole)")));
            return revocation.plan(role, finding.updatedAt(), "sessions");
        }
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
