package dev.backstop.action.s3;

import com.fasterxml.jackson.databind.JsonNode;
import dagger.Lazy;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.ResourceState;
import dev.backstop.action.s3.BlockTarget.Reading;
import dev.backstop.aws.Partitions;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.FindingEvent;
import dev.backstop.event.FindingResource;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import software.amazon.awssdk.services.s3control.S3ControlClient;

/**
 * Turns Block Public Access back on after a call turned a setting off or deleted the
 * configuration: for the bucket the event names (PutBucketPublicAccessBlock,
 * DeleteBucketPublicAccessBlock), or for the account (PutAccountPublicAccessBlock,
 * DeleteAccountPublicAccessBlock: CloudTrail records them with event source s3.amazonaws.com,
 * though the S3 Control API serves them). It turns on all four settings, or those the rule's
 * params do not set to false, and never turns one off. Undo puts back the configuration read
 * before, or deletes it if there was none.
 *
 * <p>A Security Hub finding names its target instead of a call: a bucket (S3.2, S3.3, S3.8: an
 * {@code AwsS3Bucket}) or the account (S3.1: an {@code AwsAccount}).
 */
final class BlockPublicAccessAction implements RemediationAction {

    static final String NAME = "s3.block-public-access";
    static final String BUCKET = "AwsS3Bucket";
    static final String ACCOUNT = "AwsAccount";

    private final Buckets buckets;
    // Lazily: only the account's events need S3 Control.
    private final Lazy<S3ControlClient> s3Control;

    @Inject
    BlockPublicAccessAction(Buckets buckets, Lazy<S3ControlClient> s3Control) {
        this.buckets = buckets;
        this.s3Control = s3Control;
    }

    /** CloudTrail events, and findings that name a bucket or an account. */
    @Override
    public boolean appliesTo(Trigger trigger, ActionSpec spec) {
        return trigger instanceof CloudTrailEvent || (trigger instanceof FindingEvent finding
                && (finding.resource(BUCKET).isPresent() || finding.resource(ACCOUNT).isPresent()));
    }

    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        BlockTarget target;
        if (trigger instanceof CloudTrailEvent event) {
            target = target(event);
        } else if (trigger instanceof FindingEvent finding) {
            target = target(finding);
        } else {
            throw ActionRefusedException.unanswered(trigger);
        }
        Reading read = target.read();
        ResourceState before = state(read);
        if (!before.exists()) {
            return new ActionPlan(NAME, target.resource(), target.address(), before,
                    "PutPublicAccessBlock on " + target.resource());
        }
        List<String> turnOn = read.settings().orElse(BlockSettings.NONE).off(BlockSettings.wanted(spec));
        return new ActionPlan(NAME, target.resource(), target.address(),
                new ResourceState(true, turnOn.isEmpty(), before.facts()),
                "PutPublicAccessBlock on " + target.resource() + ": turn on " + String.join(", ", turnOn),
                target.undo(read.settings().orElse(null), turnOn));
    }

    @Override
    public void apply(ActionPlan plan) {
        Map<String, String> before = plan.before().facts();
        BlockSettings now = Boolean.parseBoolean(before.get("configured")) ? BlockSettings.of(before) : BlockSettings.NONE;
        target(plan).put(now.withOn(turnOn(plan)));
    }

    /** Done when every setting the plan turns on is on. */
    @Override
    public ResourceState readBack(ActionPlan plan) {
        Reading read = target(plan).read();
        ResourceState state = state(read);
        boolean on = read.settings().orElse(BlockSettings.NONE).off(turnOn(plan)).isEmpty();
        return state.exists() ? new ResourceState(true, on, state.facts()) : state;
    }

    @Override
    public Map<String, String> tags(ActionPlan plan) {
        return target(plan) instanceof BlockTarget.Bucket ? buckets.tags(plan.address()) : Map.of();
    }

    /** It keeps the account's eyes or doors: an open breaker does not stop it. */
    @Override
    public boolean restoresEyesOrDoors() {
        return true;
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public BlockPublicAccessUndo readUndo(JsonNode stored) {
        return BlockPublicAccessUndo.FORMAT.read(stored);
    }

    /** Puts back the configuration read before the change, or deletes it if there was none. */
    @Override
    public ResourceState undo(JsonNode stored) {
        BlockPublicAccessUndo undo = readUndo(stored);
        BlockTarget target = undo.target(buckets, s3Control);
        if (undo.previous() == null) {
            target.delete();
        } else {
            target.put(undo.previous());
        }
        return state(target.read());
    }

    private static List<String> turnOn(ActionPlan plan) {
        return plan.undo(BlockPublicAccessUndo.class).turnOn();
    }

    private static ResourceState state(Reading read) {
        if (!read.exists()) {
            return ResourceState.gone();
        }
        Map<String, String> facts = new HashMap<>(read.settings().orElse(BlockSettings.NONE).asMap());
        facts.put("configured", Boolean.toString(read.settings().isPresent()));
        return new ResourceState(true, true, facts);
    }

    /** The bucket a finding names, else the account it is about. */
    private BlockTarget target(FindingEvent finding) {
        Optional<FindingResource> bucket = finding.resource(BUCKET);
        if (bucket.isPresent()) {
            String name = bucket.get().name();
            return new BlockTarget.Bucket(buckets, name, "arn:" + Partitions.of(finding.region()) + ":s3:::" + name);
        }
        return new BlockTarget.Account(s3Control, finding.account());
    }

    /** The account's configuration for the Account events, else the bucket's the event names. */
    private BlockTarget target(CloudTrailEvent event) {
        if (event.detail().eventName().contains("Account")) {
            return new BlockTarget.Account(s3Control, event.account());
        }
        String bucket = Buckets.name(event);
        return new BlockTarget.Bucket(buckets, bucket, Buckets.arn(event, bucket));
    }

    private BlockTarget target(ActionPlan plan) {
        return plan.resource().startsWith(BlockTarget.ACCOUNT_RESOURCE) ? new BlockTarget.Account(s3Control, plan.address())
                : new BlockTarget.Bucket(buckets, plan.address(), plan.resource());
    }
}
