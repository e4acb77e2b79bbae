package dev.backstop.action.s3;

import dev.backstop.action.ActionPlan;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.ResourceState;
import dev.backstop.action.s3.BucketPolicyHistory.RecordedPolicy;
import dev.backstop.action.s3.Buckets.PolicyRead;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.rules.ActionSpec;
import dev.backstop.rules.ParamSpec;
import dev.backstop.rules.ParamType;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * Puts a deleted bucket policy back: the latest policy Backstop recorded for the bucket (see
 * {@link BucketPolicyHistory}) or, with no history, the rule's {@code baselinePolicy}. Statements
 * that open the bucket to everyone are left out, so a restore never makes a bucket public.
 *
 * <p>With neither a history nor a baseline there is nothing to restore: the plan says so, and in
 * enforce mode the decision is FAILED with that reason, since the bucket stays without the policy
 * the rule exists to keep (NOTIFIED would read as a choice not to act).
 */
final class RestoreBucketPolicyAction implements RemediationAction {

    static final String NAME = "s3.restore-bucket-policy";
    static final String BASELINE = "baselinePolicy";

    private final Buckets buckets;
    private final BucketPolicyHistory history;
    private final Clock clock;

    @Inject
    RestoreBucketPolicyAction(Buckets buckets, BucketPolicyHistory history, Clock clock) {
        this.buckets = buckets;
        this.history = history;
        this.clock = clock;
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(new ParamSpec(BASELINE, ParamType.JSON, false,
                "the policy to apply when Backstop recorded none for the bucket; ${bucket} and ${bucketArn}"
                        + " stand for the bucket's name and ARN"));
    }

    @Override
    public ActionPlan plan(CloudTrailEvent event, ActionSpec spec) {
        String bucket = Buckets.name(event);
        String arn = Buckets.arn(event, bucket);
        ResourceState now = state(bucket);
        Map<String, String> undo = Map.of("call", "DeleteBucketPolicy", "bucket", bucket);
        if (!now.exists()) {
            return new ActionPlan(NAME, arn, bucket, now, "PutBucketPolicy on " + arn, Map.of());
        }
        if (now.compliant()) {
            return new ActionPlan(NAME, arn, bucket, now, "none: the bucket has a policy", Map.of());
        }
        Optional<RecordedPolicy> recorded = history.latest(arn);
        Optional<BucketPolicy> fromHistory = recorded.flatMap(policy -> BucketPolicy.parse(policy.policy())
                .withoutPublicStatements());
        if (fromHistory.isPresent()) {
            RecordedPolicy source = recorded.get();
            int dropped = BucketPolicy.parse(source.policy()).publicStatements().size();
            return new ActionPlan(NAME, arn, bucket, new ResourceState(true, false, Map.of("hasPolicy", "false",
                    "restoreFrom", "history", "recordedAt", source.setAt().toString(), "recordedFrom", source.source(),
                    "policy", fromHistory.get().json())),
                    "PutBucketPolicy on " + arn + ": the policy recorded at " + source.setAt()
                            + (dropped == 0 ? "" : ", without its " + dropped + " statement(s) open to everyone"),
                    undo);
        }
        Optional<String> baseline = spec.string(BASELINE);
        if (baseline.isPresent()) {
            String policy = baseline.get().replace("${bucketArn}", arn).replace("${bucket}", bucket);
            return new ActionPlan(NAME, arn, bucket, new ResourceState(true, false, Map.of("hasPolicy", "false",
                    "restoreFrom", "baseline", "policy", policy)),
                    "PutBucketPolicy on " + arn + ": the rule's baseline policy" + (recorded.isPresent()
                            ? " (the recorded policy opened the bucket to everyone and nothing else)" : ""), undo);
        }
        String why = recorded.isPresent()
                ? "the only policy recorded for " + bucket + " opened it to everyone, and the rule gives no baselinePolicy"
                : "Backstop recorded no policy for " + bucket + " and the rule gives no baselinePolicy";
        return new ActionPlan(NAME, arn, bucket, new ResourceState(true, false, Map.of("hasPolicy", "false",
                "restoreFrom", "none", "reason", why)), "nothing to restore on " + arn + ": " + why, Map.of());
    }

    @Override
    public void apply(ActionPlan plan) {
        Map<String, String> facts = plan.before().facts();
        String policy = facts.get("policy");
        if (policy == null) {
            throw new NothingToRestoreException(facts.getOrDefault("reason", "no policy to restore"));
        }
        buckets.s3().putBucketPolicy(request -> request.bucket(plan.address()).policy(policy));
        history.record(plan.resource(), BucketPolicy.parse(policy).json(), clock.instant(), "backstop:" + NAME);
    }

    @Override
    public ResourceState readBack(ActionPlan plan) {
        return state(plan.address());
    }

    @Override
    public Map<String, String> tags(ActionPlan plan) {
        return buckets.tags(plan.address());
    }

    @Override
    public boolean undoable() {
        return true;
    }

    /** Deletes the restored policy again: only ever on an operator's explicit request. */
    @Override
    public ResourceState undo(Map<String, String> undo) {
        String bucket = undo.get("bucket");
        buckets.s3().deleteBucketPolicy(request -> request.bucket(bucket));
        return state(bucket);
    }

    /** Compliant when the bucket has a policy, whichever: a policy put since the delete is the team's. */
    private ResourceState state(String bucket) {
        PolicyRead read = buckets.policy(bucket);
        if (!read.bucketExists()) {
            return ResourceState.gone();
        }
        boolean present = read.policy().isPresent();
        return new ResourceState(true, present, Map.of("hasPolicy", Boolean.toString(present)));
    }
}
