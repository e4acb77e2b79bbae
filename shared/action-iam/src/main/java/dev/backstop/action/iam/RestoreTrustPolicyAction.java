package dev.backstop.action.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.PolicyGrants;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.ResourceState;
import dev.backstop.action.iam.Principals.RoleTrust;
import dev.backstop.config.Settings;
import dev.backstop.config.TrustedSet;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.MalformedEventException;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * Takes the trust of principals outside the {@link TrustedSet} back from a role: it puts back the
 * latest trust policy of the role that let no outsider in, as Backstop read it back from IAM
 * ({@link TrustPolicyHistory}); without one, it removes the outside principals from the policy the
 * role has now ({@link TrustPolicies}). A policy of nothing but outside principals, with no history
 * to restore, is refused: only a person can say whom the role should trust. Undo puts the policy
 * from before back.
 */
final class RestoreTrustPolicyAction implements RemediationAction {

    static final String NAME = "iam.restore-trust-policy";

    private final Principals principals;
    private final TrustPolicyHistory history;
    private final TrustedSet trusted;

    @Inject
    RestoreTrustPolicyAction(Principals principals, TrustPolicyHistory history, Settings settings) {
        this.principals = principals;
        this.history = history;
        this.trusted = settings.trusted();
    }

    /** False when the policy the request set lets no outsider in; an unreadable one is judged from IAM. */
    @Override
    public boolean appliesTo(Trigger trigger, ActionSpec spec) {
        if (!(trigger instanceof CloudTrailEvent event)) {
            return false;
        }
        JsonNode request = event.detail().requestParameters();
        // UpdateAssumeRolePolicy's policyDocument, CreateRole's assumeRolePolicyDocument
        String sent = Optional.ofNullable(EventPrincipals.text(request, "policyDocument"))
                .orElse(EventPrincipals.text(request, "assumeRolePolicyDocument"));
        Optional<JsonNode> policy = sent == null ? Optional.empty() : PolicyDocuments.tree(Principals.decode(sent));
        return policy.map(tree -> !TrustPolicies.outside(tree, grants(event.account())).isEmpty()).orElse(true);
    }

    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        if (!(trigger instanceof CloudTrailEvent event)) {
            throw ActionRefusedException.unanswered(trigger);
        }
        String roleName = EventPrincipals.text(event.detail().requestParameters(), "roleName");
        if (roleName == null) {
            throw new MalformedEventException("detail.requestParameters.roleName", "is missing; the role is unknown");
        }
        Optional<RoleTrust> found = principals.trust(roleName);
        if (found.isEmpty()) {
            return new ActionPlan(NAME, "role/" + roleName, roleName, ResourceState.gone(),
                    "restore the trust policy of role/" + roleName);
        }
        RoleTrust role = found.get();
        PolicyGrants grants = grants(event.account());
        JsonNode current = tree(role);
        ResourceState before = state(role, grants);
        if (before.compliant()) {
            return new ActionPlan(NAME, role.arn(), roleName, before, "none: the role trusts no outside principal");
        }
        Optional<TrustPolicyHistory.RecordedTrust> recorded = history.latestTrusted(role.arn());
        String change;
        String target;
        if (recorded.isPresent()) {
            target = recorded.get().document();
            change = "UpdateAssumeRolePolicy on " + role.arn() + ": put back the trust policy Backstop read at "
                    + recorded.get().readAt() + " (after " + recorded.get().source() + "), which trusts no one outside";
        } else {
            JsonNode without = TrustPolicies.withoutOutside(current, grants).orElseThrow(() -> new ActionRefusedException(
                    role.arn(), "every statement of the trust policy lets in an outside principal ("
                    + String.join(", ", TrustPolicies.outside(current, grants)) + ") and Backstop has no earlier"
                    + " trust policy of the role: a person must decide whom it trusts"));
            target = without.toString();
            change = "UpdateAssumeRolePolicy on " + role.arn() + ": remove the outside principals "
                    + String.join(", ", TrustPolicies.outside(current, grants)) + " (Backstop has no earlier trust policy)";
        }
        return new ActionPlan(NAME, role.arn(), roleName, before, change,
                new RestoreTrustPolicyUndo(roleName, event.account(), role.document(), target));
    }

    /** Writes the planned policy unless the role no longer trusts an outsider (a fix made since is kept). */
    @Override
    public void apply(ActionPlan plan) {
        RestoreTrustPolicyUndo undo = plan.undo(RestoreTrustPolicyUndo.class);
        Optional<RoleTrust> now = principals.trust(plan.address());
        if (now.isPresent() && !state(now.get(), grants(undo.account())).compliant()) {
            principals.updateTrust(plan.address(), undo.restoredDocument());
        }
    }

    @Override
    public ResourceState readBack(ActionPlan plan) {
        return read(plan.undo(RestoreTrustPolicyUndo.class));
    }

    @Override
    public Map<String, String> tags(ActionPlan plan) {
        return principals.tags(Principal.role(plan.address()));
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public RestoreTrustPolicyUndo readUndo(JsonNode stored) {
        return RestoreTrustPolicyUndo.FORMAT.read(stored);
    }

    /** Puts the trust policy from before back. */
    @Override
    public ResourceState undo(JsonNode stored) {
        RestoreTrustPolicyUndo undo = readUndo(stored);
        if (principals.trust(undo.roleName()).isEmpty()) {
            return ResourceState.gone();
        }
        principals.updateTrust(undo.roleName(), undo.previousDocument());
        return read(undo);
    }

    private ResourceState read(RestoreTrustPolicyUndo undo) {
        return principals.trust(undo.roleName()).map(role -> state(role, grants(undo.account())))
                .orElseGet(ResourceState::gone);
    }

    private PolicyGrants grants(String account) {
        return new PolicyGrants(trusted, account);
    }

    private static JsonNode tree(RoleTrust role) {
        return PolicyDocuments.tree(role.document()).orElseThrow(() -> new IllegalStateException(
                "IAM returned a trust policy of " + role.arn() + " that is no JSON"));
    }

    private static ResourceState state(RoleTrust role, PolicyGrants grants) {
        List<String> outside = TrustPolicies.outside(tree(role), grants);
        return new ResourceState(true, outside.isEmpty(), Map.of(
                "trustPolicy", PolicyDocuments.fingerprint(Optional.of(role.document())),
                "outsidePrincipals", outside.isEmpty() ? "none" : String.join(", ", outside)));
    }
}
