package dev.backstop.action.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.ResourceState;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * Quarantines a user or role with an inline policy that denies everything ({@code BackstopQuarantine}).
 * An explicit deny wins over every allow, AdministratorAccess included, and applies at once to the
 * role's live sessions too. Undo deletes it, or puts back the inline policy of that name it replaced.
 * For an Attach*Policy event the policy must be attached now ({@link IamClaims}), or it refuses.
 */
final class QuarantinePrincipalAction implements RemediationAction {

    static final String NAME = "iam.quarantine-principal";
    static final String DEFAULT_POLICY_NAME = "BackstopQuarantine";
    static final String DENY_ALL = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"BackstopQuarantine\","
            + "\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

    private final Principals principals;
    private final InlinePolicySwap swap;
    private final IamClaims claims;

    @Inject
    QuarantinePrincipalAction(Principals principals, InlinePolicySwap swap, IamClaims claims) {
        this.principals = principals;
        this.swap = swap;
        this.claims = claims;
    }


    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        if (!(trigger instanceof CloudTrailEvent event)) {
            throw ActionRefusedException.unanswered(trigger);
        }
        Principal named = EventPrincipals.choose(spec.string("principal").orElse(EventPrincipals.TARGET), event);
        claims.requireAttached(event);
        String policyName = spec.string("policyName").orElse(DEFAULT_POLICY_NAME);
        String change = "put the deny-all inline policy " + policyName + " on ";
        Optional<Principal> found = principals.find(named);
        if (found.isEmpty()) {
            return new ActionPlan(NAME, named.path(), named.name(), ResourceState.gone(), change + named.path());
        }
        Principal principal = found.get();
        Optional<String> current = principals.inlinePolicy(principal, policyName);
        return new ActionPlan(NAME, principal.arn(), principal.name(), state(policyName, current), change + principal.arn(),
                new QuarantineUndo(principal.kind(), principal.name(), principal.arn(), policyName, current.orElse(null)));
    }

    @Override
    public void apply(ActionPlan plan) {
        swap.put(plan.undo(QuarantineUndo.class), DENY_ALL);
    }

    @Override
    public ResourceState readBack(ActionPlan plan) {
        QuarantineUndo undo = plan.undo(QuarantineUndo.class);
        return state(undo.policyName(), swap.current(undo));
    }

    @Override
    public Map<String, String> tags(ActionPlan plan) {
        return principals.tags(plan.undo(QuarantineUndo.class).principal());
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public QuarantineUndo readUndo(JsonNode stored) {
        return QuarantineUndo.FORMAT.read(stored);
    }

    @Override
    public ResourceState undo(JsonNode stored) {
        QuarantineUndo undo = readUndo(stored);
        swap.restore(undo);
        return state(undo.policyName(), swap.current(undo));
    }

    private static ResourceState state(String policyName, Optional<String> document) {
        boolean quarantined = PolicyDocuments.sameJson(document, DENY_ALL);
        return new ResourceState(true, quarantined, Map.of(
                "quarantined", String.valueOf(quarantined),
                policyName, PolicyDocuments.fingerprint(document)));
    }
}
