package dev.backstop.action.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.ResourceState;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.FindingEvent;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import java.util.Map;
import javax.inject.Inject;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * {@code ec2.enable-ebs-encryption-by-default}: turns on EBS encryption by default for the account
 * in this region (Security Hub's EC2.7, or a DisableEbsEncryptionByDefault call), so every new
 * volume and snapshot copy is encrypted. Volumes that exist stay as they are. Done when
 * GetEbsEncryptionByDefault reads it on.
 *
 * <p>Undoable: an operator's undo turns it off again.
 */
final class EnableEbsEncryptionAction implements RemediationAction {

    static final String NAME = "ec2.enable-ebs-encryption-by-default";

    private final Ec2Client ec2;
    private final Region region;

    @Inject
    EnableEbsEncryptionAction(Ec2Client ec2, Region region) {
        this.ec2 = ec2;
        this.region = region;
    }

    @Override
    public boolean appliesTo(Trigger trigger, ActionSpec spec) {
        return trigger instanceof CloudTrailEvent || trigger instanceof FindingEvent;
    }

    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        if (!(trigger instanceof CloudTrailEvent) && !(trigger instanceof FindingEvent)) {
            throw ActionRefusedException.unanswered(trigger);
        }
        if (trigger.region() != null && !region.id().equals(trigger.region())) {
            throw new IllegalStateException("the trigger is from " + trigger.region() + ", but this handler's EC2 client"
                    + " works in " + region.id() + ": deploy Backstop in " + trigger.region() + " too");
        }
        String resource = "arn:aws:ec2:" + region.id() + ":" + trigger.account() + ":ebs-encryption-by-default";
        return new ActionPlan(NAME, resource, region.id(), state(), "EnableEbsEncryptionByDefault in " + region.id(),
                new EnableEbsEncryptionUndo(region.id()));
    }

    @Override
    public void apply(ActionPlan plan) {
        ec2.enableEbsEncryptionByDefault(request -> { });
    }

    @Override
    public ResourceState readBack(ActionPlan plan) {
        return state();
    }

    /** An account setting has no tags. */
    @Override
    public Map<String, String> tags(ActionPlan plan) {
        return Map.of();
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public EnableEbsEncryptionUndo readUndo(JsonNode stored) {
        return EnableEbsEncryptionUndo.FORMAT.read(stored);
    }

    /**
     * Turns it off again, in the region it was turned on in and no other: only ever on an
     * operator's explicit request.
     */
    @Override
    public ResourceState undo(JsonNode stored) {
        EnableEbsEncryptionUndo undo = readUndo(stored);
        if (!region.id().equals(undo.region())) {
            throw new IllegalStateException("EBS encryption by default was turned on in " + undo.region()
                    + ", but this EC2 client works in " + region.id() + "; nothing was changed");
        }
        ec2.disableEbsEncryptionByDefault(request -> { });
        return state();
    }

    private ResourceState state() {
        boolean on = Boolean.TRUE.equals(ec2.getEbsEncryptionByDefault(request -> { }).ebsEncryptionByDefault());
        return new ResourceState(true, on, Map.of("ebsEncryptionByDefault", Boolean.toString(on)));
    }
}
