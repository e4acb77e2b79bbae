package dev.backstop.action.s3;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.ResourceState;
import dev.backstop.action.s3.Buckets.PolicyRead;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.Trigger;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Takes the statements a judgement picks out of a bucket's policy and keeps the rest; deletes the
 * policy only when nothing else is left. It reads the policy the bucket has now, from S3, not from
 * the event: a later call may have changed it. Undo puts the removed statements back where they
 * were. What the two removal actions share; each says which statements it picks.
 */
final class StatementRemoval {

    private final String action;
    private final String word;
    private final String reason;
    private final Function<String, Predicate<JsonNode>> picks;
    private final RemovedStatements.Maker record;
    private final Buckets buckets;
    private final BucketPolicyHistory history;
    private final Clock clock;

    /**
     * @param word how the facts name the picked statements: {@code public} gives {@code publicStatements}, {@code publicSids}
     * @param reason why a statement is picked, in words: "open to everyone"
     * @param picks the judgement for a bucket of the given account
     * @param record the action's own undo record of a removal
     */
    StatementRemoval(String action, String word, String reason, Function<String, Predicate<JsonNode>> picks,
            RemovedStatements.Maker record, Buckets buckets, BucketPolicyHistory history, Clock clock) {
        this.action = action;
        this.word = word;
        this.reason = reason;
        this.picks = picks;
        this.record = record;
        this.buckets = buckets;
        this.history = history;
        this.clock = clock;
    }

    ActionPlan plan(Trigger trigger) {
        if (!(trigger instanceof CloudTrailEvent event)) {
            throw ActionRefusedException.unanswered(trigger);
        }
        String bucket = Buckets.name(event);
        String arn = Buckets.arn(event, bucket);
        Predicate<JsonNode> picked = picks.apply(event.account());
        PolicyRead read = buckets.policy(bucket);
        ResourceState before = state(read, picked);
        if (!before.exists() || before.compliant()) {
            return new ActionPlan(action, arn, bucket, before, "none: no statement is " + reason);
        }
        BucketPolicy policy = read.policy().orElseThrow();
        List<JsonNode> open = policy.matching(picked);
        int kept = policy.statements().size() - open.size();
        String change = kept == 0
                ? "DeleteBucketPolicy on " + arn + ": every statement (" + BucketPolicy.describe(open, policy) + ") is "
                        + reason
                : "PutBucketPolicy on " + arn + ": remove " + open.size() + " statement(s) " + reason + " ("
                        + BucketPolicy.describe(open, policy) + "), keep " + kept;
        return new ActionPlan(action, arn, bucket, before, change,
                record.make(bucket, arn, event.account(), open, policy.positions(open)));
    }

    /** Removes what is picked in the policy as it is now, so a change made since the plan is kept. */
    void apply(ActionPlan plan) {
        Predicate<JsonNode> picked = picks.apply(plan.undo(RemovedStatements.class).bucketAccount());
        Optional<BucketPolicy> now = buckets.policy(plan.address()).policy();
        if (now.isEmpty() || now.get().matching(picked).isEmpty()) {
            return;
        }
        Optional<BucketPolicy> kept = now.get().without(picked);
        if (kept.isEmpty()) {
            buckets.s3().deleteBucketPolicy(request -> request.bucket(plan.address()));
            return;
        }
        put(plan.address(), plan.resource(), kept.get());
    }

    ResourceState readBack(ActionPlan plan) {
        return state(buckets.policy(plan.address()), picks.apply(plan.undo(RemovedStatements.class).bucketAccount()));
    }

    /** Puts the removed statements back at their places in the bucket's policy as it is now, or in a new one. */
    ResourceState undo(RemovedStatements undo) {
        String bucket = undo.bucket();
        PolicyRead now = buckets.policy(bucket);
        if (!now.bucketExists()) {
            return ResourceState.gone();
        }
        BucketPolicy restored = now.policy().orElseGet(() -> BucketPolicy.ofStatements(List.of()))
                .withInserted(undo.statements(), undo.positions());
        put(bucket, undo.bucketArn(), restored);
        return state(buckets.policy(bucket), picks.apply(undo.bucketAccount()));
    }

    private void put(String bucket, String arn, BucketPolicy policy) {
        buckets.s3().putBucketPolicy(request -> request.bucket(bucket).policy(policy.json()));
        history.record(arn, policy.json(), clock.instant(), "backstop:" + action);
    }

    private ResourceState state(PolicyRead read, Predicate<JsonNode> picked) {
        if (!read.bucketExists()) {
            return ResourceState.gone();
        }
        if (read.policy().isEmpty()) {
            return new ResourceState(true, true, Map.of("hasPolicy", "false"));
        }
        BucketPolicy policy = read.policy().get();
        List<JsonNode> open = policy.matching(picked);
        Map<String, String> facts = new HashMap<>(Map.of("hasPolicy", "true",
                "statements", Integer.toString(policy.statements().size()),
                word + "Statements", Integer.toString(open.size())));
        if (!open.isEmpty()) {
            facts.put(word + "Sids", BucketPolicy.describe(open, policy));
        }
        return new ResourceState(true, open.isEmpty(), facts);
    }
}
