package dev.backstop.action.s3;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.PolicyGrants;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.ResourceState;
import dev.backstop.config.Settings;
import dev.backstop.config.TrustedSet;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import java.time.Clock;
import java.util.Map;
import java.util.function.Predicate;
import javax.inject.Inject;

/**
 * Takes the statements that grant an account outside the {@link TrustedSet} ({@link PolicyGrants}:
 * an account named, or a service acting for one) out of a bucket's policy; keeps the rest
 * ({@link StatementRemoval}). Statements open to everyone are s3.remove-public-policy-statements'
 * (its rule matches them), so that one statement is never answered by two rules. A
 * PutBucketPolicy whose policy grants no outside account is no match; one whose policy cannot be
 * read from the event is judged from the bucket.
 */
final class RemoveOutsidePolicyStatementsAction implements RemediationAction {

    static final String NAME = "s3.remove-outside-policy-statements";

    private final Buckets buckets;
    private final TrustedSet trusted;
    private final StatementRemoval removal;

    @Inject
    RemoveOutsidePolicyStatementsAction(Buckets buckets, BucketPolicyHistory history, Settings settings, Clock clock) {
        this.buckets = buckets;
        this.trusted = settings.trusted();
        this.removal = new StatementRemoval(NAME, "outside", "granting an outside account", this::outside,
                RemoveOutsidePolicyStatementsUndo::new, buckets, history, clock);
    }

    @Override
    public boolean appliesTo(Trigger trigger, ActionSpec spec) {
        if (!(trigger instanceof CloudTrailEvent event)) {
            return false;
        }
        JsonNode sent = event.detail().requestParameters().path("bucketPolicy");
        try {
            return BucketPolicy.of(sent).statements().stream().anyMatch(outside(event.account()));
        } catch (IllegalArgumentException unreadable) {
            return true;
        }
    }

    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        return removal.plan(trigger);
    }

    @Override
    public void apply(ActionPlan plan) {
        removal.apply(plan);
    }

    @Override
    public ResourceState readBack(ActionPlan plan) {
        return removal.readBack(plan);
    }

    @Override
    public Map<String, String> tags(ActionPlan plan) {
        return buckets.tags(plan.address());
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public RemoveOutsidePolicyStatementsUndo readUndo(JsonNode stored) {
        return RemoveOutsidePolicyStatementsUndo.FORMAT.read(stored);
    }

    @Override
    public ResourceState undo(JsonNode stored) {
        return removal.undo(readUndo(stored));
    }

    private Predicate<JsonNode> outside(String bucketAccount) {
        PolicyGrants grants = new PolicyGrants(trusted, bucketAccount);
        return statement -> !grants.outsideAccounts(statement).isEmpty();
    }
}
