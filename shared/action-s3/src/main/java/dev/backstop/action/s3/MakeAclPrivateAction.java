package dev.backstop.action.s3;

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
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.model.GetBucketAclResponse;

/**
 * Resets a bucket's ACL to private when it grants anything to everyone (AllUsers) or to every
 * AWS account (AuthenticatedUsers), whether the call used a canned ACL ({@code x-amz-acl:
 * public-read}), grant headers or an AccessControlPolicy body: it plans from the ACL the bucket
 * has now. The owner keeps full control and the log delivery group keeps its grants. Undo puts
 * the previous grants back.
 */
final class MakeAclPrivateAction implements RemediationAction {

    static final String NAME = "s3.make-acl-private";

    private final Buckets buckets;

    @Inject
    MakeAclPrivateAction(Buckets buckets) {
        this.buckets = buckets;
    }

    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        if (!(trigger instanceof CloudTrailEvent event)) {
            throw ActionRefusedException.unanswered(trigger);
        }
        String bucket = Buckets.name(event);
        String arn = Buckets.arn(event, bucket);
        Optional<BucketAcl> acl = acl(bucket);
        if (acl.isEmpty()) {
            return new ActionPlan(NAME, arn, bucket, ResourceState.gone(), "PutBucketAcl on " + arn);
        }
        ResourceState before = state(acl);
        if (before.compliant()) {
            return new ActionPlan(NAME, arn, bucket, before, "none: no grant to AllUsers or AuthenticatedUsers");
        }
        return new ActionPlan(NAME, arn, bucket, before, "PutBucketAcl on " + arn + ": private, keeping the owner's and"
                + " log delivery's grants; removes " + acl.get().describePublic(),
                MakeAclPrivateUndo.of(bucket, acl.get()));
    }

    @Override
    public void apply(ActionPlan plan) {
        BucketAcl current = acl(plan.address()).orElseThrow(() -> new IllegalStateException(
                "bucket " + plan.address() + " is gone"));
        buckets.s3().putBucketAcl(request -> request.bucket(plan.address())
                .accessControlPolicy(current.toPrivate().asPolicy()));
    }

    @Override
    public ResourceState readBack(ActionPlan plan) {
        return state(acl(plan.address()));
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
    public MakeAclPrivateUndo readUndo(JsonNode stored) {
        return MakeAclPrivateUndo.FORMAT.read(stored);
    }

    /** Puts back the ACL read before the change, public grants and all. */
    @Override
    public ResourceState undo(JsonNode stored) {
        MakeAclPrivateUndo undo = readUndo(stored);
        String bucket = undo.bucket();
        BucketAcl previous = undo.acl();
        buckets.s3().putBucketAcl(request -> request.bucket(bucket).accessControlPolicy(previous.asPolicy()));
        return state(acl(bucket));
    }

    private static ResourceState state(Optional<BucketAcl> acl) {
        if (acl.isEmpty()) {
            return ResourceState.gone();
        }
        String open = acl.get().describePublic();
        return new ResourceState(true, open.isEmpty(), Map.of("grants", Integer.toString(acl.get().grants().size()),
                "publicGrants", open.isEmpty() ? "none" : open));
    }

    /** The bucket's ACL; empty when the bucket is gone. */
    private Optional<BucketAcl> acl(String bucket) {
        try {
            GetBucketAclResponse acl = buckets.s3().getBucketAcl(request -> request.bucket(bucket));
            return Optional.of(new BucketAcl(acl.owner(), acl.grants()));
        } catch (AwsServiceException e) {
            if (Buckets.isError(e, Buckets.NO_SUCH_BUCKET)) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
