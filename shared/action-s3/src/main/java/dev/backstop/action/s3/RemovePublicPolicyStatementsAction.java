package dev.backstop.action.s3;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.ResourceState;
import dev.backstop.action.s3.Buckets.PolicyRead;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * Takes the statements that open a bucket to everyone (see {@link PublicStatements}) out of its
 * policy and keeps the rest; deletes the policy only when nothing else is left. It reads the
 * policy the bucket has now, from S3, not from the event: a later call may have changed it. Undo
 * puts the removed statements back where they were.
 */
final class RemovePublicPolicyStatementsAction implements RemediationAction {

    static final String NAME = "s3.remove-public-policy-statements";

    private final Buckets buckets;
    private final BucketPolicyHistory history;
    private final Clock clock;

    @Inject
    RemovePublicPolicyStatementsAction(Buckets buckets, BucketPolicyHistory history, Clock clock) {
        this.buckets = buckets;
        this.history = history;
        this.clock = clock;
    }

    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        if (!(trigger instanceof CloudTrailEvent event)) {
            throw ActionRefusedException.unanswered(trigger);
        }
        String bucket = Buckets.name(event);
        String arn = Buckets.arn(event, bucket);
        PolicyRead read = buckets.policy(bucket);
        ResourceState before = state(read);
        if (!before.exists() || before.compliant()) {
            return new ActionPlan(NAME, arn, bucket, before, "none: no statement opens the bucket to everyone");
        }
        BucketPolicy policy = read.policy().orElseThrow();
        List<JsonNode> open = policy.publicStatements();
        int kept = policy.statements().size() - open.size();
        String change = kept == 0
                ? "DeleteBucketPolicy on " + arn + ": every statement (" + BucketPolicy.describe(open, policy)
                        + ") opens the bucket to everyone"
                : "PutBucketPolicy on " + arn + ": remove " + open.size() + " statement(s) open to everyone ("
                        + BucketPolicy.describe(open, policy) + "), keep " + kept;
        return new ActionPlan(NAME, arn, bucket, before, change, new RemovePublicPolicyStatementsUndo(bucket, arn, open,
                policy.positions(open)));
    }

    /** Removes what is public in the policy as it is now, so a change made since the plan is kept. */
    @Override
    public void apply(ActionPlan plan) {
        Optional<BucketPolicy> now = buckets.policy(plan.address()).policy();
        if (now.isEmpty() || now.get().publicStatements().isEmpty()) {
            return;
        }
        Optional<BucketPolicy> kept = now.get().withoutPublicStatements();
        if (kept.isEmpty()) {
            buckets.s3().deleteBucketPolicy(request -> request.bucket(plan.address()));
            return;
        }
        put(plan.address(), plan.resource(), kept.get());
    }

    @Override
    public ResourceState readBack(ActionPlan plan) {
        return state(buckets.policy(plan.address()));
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

    /** Puts the removed statements back at their places in the bucket's policy as it is now, or in a new one. */
    @Override
    public ResourceState undo(JsonNode stored) {
        RemovePublicPolicyStatementsUndo undo = readUndo(stored);
        String bucket = undo.bucket();
        List<JsonNode> removed = undo.statements();
        PolicyRead now = buckets.policy(bucket);
        if (!now.bucketExists()) {
            return ResourceState.gone();
        }
        BucketPolicy restored = now.policy().orElseGet(() -> BucketPolicy.ofStatements(List.of()))
                .withInserted(removed, undo.positions());
        put(bucket, undo.bucketArn(), restored);
        return state(buckets.policy(bucket));
    }

    private void put(String bucket, String arn, BucketPolicy policy) {
        buckets.s3().putBucketPolicy(request -> request.bucket(bucket).policy(policy.json()));
        history.record(arn, policy.json(), clock.instant(), "backstop:" + NAME);
    }

    private static ResourceState state(PolicyRead read) {
        if (!read.bucketExists()) {
            return ResourceState.gone();
        }
        if (read.policy().isEmpty()) {
            return new ResourceState(true, true, Map.of("hasPolicy", "false"));
        }
        BucketPolicy policy = read.policy().get();
        List<JsonNode> open = policy.publicStatements();
        Map<String, String> facts = new HashMap<>(Map.of("hasPolicy", "true",
                "statements", Integer.toString(policy.statements().size()),
                "publicStatements", Integer.toString(open.size())));
        if (!open.isEmpty()) {
            facts.put("publicSids", BucketPolicy.describe(open, policy));
        }
        return new ResourceState(true, open.isEmpty(), facts);
    }
}
