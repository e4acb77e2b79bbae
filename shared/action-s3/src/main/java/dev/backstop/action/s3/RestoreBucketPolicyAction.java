package dev.backstop.action.s3;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.ResourceState;
import dev.backstop.action.s3.BucketPolicyHistory.RecordedPolicy;
import dev.backstop.action.s3.Buckets.PolicyRead;
import dev.backstop.catalogue.S3ParametersModule;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import java.time.Clock;
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
 *
 * <p>The policy to put travels in the undo data, which needs it anyway: undo deletes the policy
 * only while it is still the one Backstop restored, never a policy someone put since.
 */
final class RestoreBucketPolicyAction implements RemediationAction {

    static final String NAME = "s3.restore-bucket-policy";
    static final String BASELINE = S3ParametersModule.BASELINE;

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
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        if (!(trigger instanceof CloudTrailEvent event)) {
            throw ActionRefusedException.unanswered(trigger);
        }
        String bucket = Buckets.name(event);
        String arn = Buckets.arn(event, bucket);
        ResourceState now = state(bucket);
        if (!now.exists() || now.compliant()) {
            return new ActionPlan(NAME, arn, bucket, now, "none: the bucket has a policy");
        }
        Optional<RecordedPolicy> recorded = history.latest(arn);
        Optional<BucketPolicy> fromHistory = recorded.flatMap(policy -> BucketPolicy.parse(policy.policy())
                .withoutPublicStatements());
        if (fromHistory.isPresent()) {
            RecordedPolicy source = recorded.get();
            int dropped = BucketPolicy.parse(source.policy()).publicStatements().size();
            return restoring(arn, bucket, now, fromHistory.get().json(), "the policy recorded at " + source.setAt()
                    + " from " + source.source() + (dropped == 0 ? "" : ", without its " + dropped
                            + " statement(s) open to everyone"));
        }
        Optional<String> baseline = spec.string(BASELINE);
        if (baseline.isPresent()) {
            String policy = baseline.get().replace("${bucketArn}", arn).replace("${bucket}", bucket);
            return restoring(arn, bucket, now, BucketPolicy.parse(policy).json(), "the rule's baseline policy"
                    + (recorded.isPresent() ? " (the recorded policy only opened the bucket to everyone)" : ""));
        }
        String why = recorded.isPresent()
                ? "the only policy recorded for " + bucket + " opened it to everyone, and the rule gives no baselinePolicy"
                : "Backstop recorded no policy for " + bucket + " and the rule gives no baselinePolicy";
        return new ActionPlan(NAME, arn, bucket, now, "nothing to restore on " + arn + ": " + why);
    }

    private static ActionPlan restoring(String arn, String bucket, ResourceState now, String policy, String what) {
        return new ActionPlan(NAME, arn, bucket, now, "PutBucketPolicy on " + arn + ": " + what,
                new RestoreBucketPolicyUndo(bucket, BucketPolicy.parse(policy).document()));
    }

    @Override
    public void apply(ActionPlan plan) {
        if (plan.undo() == null) {
            throw new NothingToRestoreException(plan.change());
        }
        String policy = plan.undo(RestoreBucketPolicyUndo.class).policyJson();
        buckets.s3().putBucketPolicy(request -> request.bucket(plan.address()).policy(policy));
        history.record(plan.resource(), policy, clock.instant(), "backstop:" + NAME);
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

    @Override
    public RestoreBucketPolicyUndo readUndo(JsonNode stored) {
        return RestoreBucketPolicyUndo.FORMAT.read(stored);
    }

    /**
     * Deletes the restored policy again, only while it is the policy Backstop put: only ever on an
     * operator's explicit request.
     */
    @Override
    public ResourceState undo(JsonNode stored) {
        RestoreBucketPolicyUndo undo = readUndo(stored);
        String bucket = undo.bucket();
        PolicyRead read = buckets.policy(bucket);
        if (read.policy().isPresent()) {
            if (!read.policy().get().equals(BucketPolicy.of(undo.policy()))) {
                throw new IllegalStateException("the policy of bucket " + bucket + " changed after Backstop restored it;"
                        + " nothing was deleted (delete it by hand if that is meant)");
            }
            buckets.s3().deleteBucketPolicy(request -> request.bucket(bucket));
        }
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
