package dev.backstop.action.s3;

import dagger.Lazy;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.ResourceState;
import dev.backstop.action.s3.BlockTarget.Reading;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.rules.ActionSpec;
import dev.backstop.rules.ParamSpec;
import dev.backstop.rules.ParamType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 */
final class BlockPublicAccessAction implements RemediationAction {

    static final String NAME = "s3.block-public-access";
    private static final String WANT = "want.";

    private final Buckets buckets;
    private final Lazy<S3ControlClient> s3Control;

    @Inject
    BlockPublicAccessAction(Buckets buckets, Lazy<S3ControlClient> s3Control) {
        this.buckets = buckets;
        this.s3Control = s3Control;
    }

    @Override
    public List<ParamSpec> parameters() {
        return BlockSettings.NAMES.stream().map(name -> new ParamSpec(name, ParamType.BOOLEAN, false,
                "turn " + name + " on (default true); false leaves the setting as it is")).toList();
    }

    @Override
    public ActionPlan plan(CloudTrailEvent event, ActionSpec spec) {
        BlockSettings wanted = BlockSettings.wanted(spec);
        BlockTarget target = target(event);
        Reading read = target.read();
        if (!read.exists()) {
            return new ActionPlan(NAME, target.resource(), target.address(), ResourceState.gone(),
                    "PutPublicAccessBlock on " + target.resource(), Map.of());
        }
        ResourceState now = state(read, wanted);
        // The read-back must judge by the rule's params, and the plan is all it gets.
        Map<String, String> facts = new HashMap<>(now.facts());
        wanted.asMap().forEach((name, on) -> facts.put(WANT + name, on));
        Map<String, String> undo = new HashMap<>(target.undoKey());
        undo.put("call", read.settings().isPresent() ? "PutPublicAccessBlock" : "DeletePublicAccessBlock");
        read.settings().ifPresent(settings -> undo.putAll(settings.asMap()));
        String turnOn = String.join(", ", read.settings().orElse(BlockSettings.NONE).missing(wanted));
        return new ActionPlan(NAME, target.resource(), target.address(), new ResourceState(true, now.compliant(), facts),
                "PutPublicAccessBlock on " + target.resource() + ": turn on " + turnOn, undo);
    }

    @Override
    public void apply(ActionPlan plan) {
        Map<String, String> before = plan.before().facts();
        BlockSettings now = Boolean.parseBoolean(before.get("configured")) ? BlockSettings.of(before) : BlockSettings.NONE;
        target(plan).put(now.with(wanted(plan)));
    }

    @Override
    public ResourceState readBack(ActionPlan plan) {
        return state(target(plan).read(), wanted(plan));
    }

    @Override
    public Map<String, String> tags(ActionPlan plan) {
        return target(plan) instanceof BlockTarget.Bucket ? buckets.tags(plan.address()) : Map.of();
    }

    @Override
    public boolean undoable() {
        return true;
    }

    /** Puts back the configuration read before the change, or deletes it if there was none. */
    @Override
    public ResourceState undo(Map<String, String> undo) {
        BlockTarget target = undo.containsKey("accountId") ? new BlockTarget.Account(s3Control, undo.get("accountId"))
                : new BlockTarget.Bucket(buckets, undo.get("bucket"), undo.get("bucketArn"));
        if ("DeletePublicAccessBlock".equals(undo.get("call"))) {
            target.delete();
        } else {
            target.put(BlockSettings.of(undo));
        }
        return state(target.read(), BlockSettings.NONE);
    }

    private static BlockSettings wanted(ActionPlan plan) {
        Map<String, String> wanted = new HashMap<>();
        BlockSettings.NAMES.forEach(name -> wanted.put(name, plan.before().facts().get(WANT + name)));
        return BlockSettings.of(wanted);
    }

    private static ResourceState state(Reading read, BlockSettings wanted) {
        if (!read.exists()) {
            return ResourceState.gone();
        }
        BlockSettings settings = read.settings().orElse(BlockSettings.NONE);
        Map<String, String> facts = new HashMap<>(settings.asMap());
        facts.put("configured", Boolean.toString(read.settings().isPresent()));
        return new ResourceState(true, settings.covers(wanted), facts);
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
