package dev.backstop.action.s3;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.ResourceState;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import java.time.Clock;
import java.util.Map;
import javax.inject.Inject;

/**
 * Takes the statements that open a bucket to everyone (see {@link PublicStatements}) out of its
 * policy and keeps the rest ({@link StatementRemoval}); undo puts them back where they were.
 */
final class RemovePublicPolicyStatementsAction implements RemediationAction {

    static final String NAME = "s3.remove-public-policy-statements";

    private final Buckets buckets;
    private final StatementRemoval removal;

    @Inject
    RemovePublicPolicyStatementsAction(Buckets buckets, BucketPolicyHistory history, Clock clock) {
        this.buckets = buckets;
        this.removal = new StatementRemoval(NAME, "public", "open to everyone",
                account -> PublicStatements::opensToEveryone,
                (bucket, arn, account, statements, positions) -> new RemovePublicPolicyStatementsUndo(bucket, arn, statements,
                        positions),
                buckets, history, clock);
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
    public RemovePublicPolicyStatementsUndo readUndo(JsonNode stored) {
        return RemovePublicPolicyStatementsUndo.FORMAT.read(stored);
    }

    @Override
    public ResourceState undo(JsonNode stored) {
        return removal.undo(readUndo(stored));
    }
}
