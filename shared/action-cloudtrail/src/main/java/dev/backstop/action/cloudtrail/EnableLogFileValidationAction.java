package dev.backstop.action.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.ResourceState;
import dev.backstop.event.FindingEvent;
import dev.backstop.event.FindingResource;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Trail;
import software.amazon.awssdk.services.cloudtrail.model.TrailNotFoundException;

/**
 * {@code cloudtrail.enable-log-file-validation}: turns on log file validation for the trail a
 * Security Hub finding names (CloudTrail.4: an {@code AwsCloudTrailTrail}), so CloudTrail writes
 * the signed digest files that show whether a log file was changed or deleted after delivery.
 * Done when GetTrail reads it on. A trail is changed in its home region only: a finding about a
 * trail whose home is another region is refused, for the deployment there.
 *
 * <p>Undoable: an operator's undo turns validation off again.
 */
final class EnableLogFileValidationAction implements RemediationAction {

    static final String NAME = "cloudtrail.enable-log-file-validation";
    static final String TRAIL = "AwsCloudTrailTrail";

    private final CloudTrailClient cloudTrail;
    private final Region region;

    @Inject
    EnableLogFileValidationAction(CloudTrailClient cloudTrail, Region region) {
        this.cloudTrail = cloudTrail;
        this.region = region;
    }

    @Override
    public boolean appliesTo(Trigger trigger, ActionSpec spec) {
        return trigger instanceof FindingEvent finding && finding.resource(TRAIL).isPresent();
    }

    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        if (!(trigger instanceof FindingEvent finding) || finding.resource(TRAIL).isEmpty()) {
            throw ActionRefusedException.unanswered(trigger);
        }
        FindingResource named = finding.resource(TRAIL).get();
        Optional<Trail> trail = trail(named.id());
        if (trail.isEmpty()) {
            return new ActionPlan(NAME, named.id(), named.id(), ResourceState.gone(), "none: the trail is gone");
        }
        String arn = trail.get().trailARN();
        String home = homeRegion(trail.get());
        if (!region.id().equals(home)) {
            throw new ActionRefusedException(arn, "the trail's home region is " + home
                    + "; it can be changed there only, and this deployment acts in " + region.id());
        }
        // By name: in its home region AWS takes either, and moto takes only the name.
        String name = trail.get().name();
        return new ActionPlan(NAME, arn, name, state(trail), "UpdateTrail " + arn + " enableLogFileValidation=true",
                new EnableLogFileValidationUndo(name));
    }

    /** GetTrail's HomeRegion, or where it is absent (moto) the region in the trail's ARN. */
    private static String homeRegion(Trail trail) {
        if (trail.homeRegion() != null) {
            return trail.homeRegion();
        }
        String[] arn = trail.trailARN() == null ? new String[0] : trail.trailARN().split(":", 6);
        return arn.length == 6 ? arn[3] : null;
    }

    @Override
    public void apply(ActionPlan plan) {
        cloudTrail.updateTrail(request -> request.name(plan.address()).enableLogFileValidation(true));
    }

    @Override
    public ResourceState readBack(ActionPlan plan) {
        return state(trail(plan.address()));
    }

    @Override
    public Map<String, String> tags(ActionPlan plan) {
        return cloudTrail.listTags(request -> request.resourceIdList(plan.resource())).resourceTagList().stream()
                .flatMap(resource -> resource.tagsList().stream())
                .collect(java.util.stream.Collectors.toMap(tag -> tag.key(), tag -> tag.value(), (first, second) -> first));
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public EnableLogFileValidationUndo readUndo(JsonNode stored) {
        return EnableLogFileValidationUndo.FORMAT.read(stored);
    }

    /** Turns validation off again: only ever on an operator's explicit request. */
    @Override
    public ResourceState undo(JsonNode stored) {
        String trail = readUndo(stored).trail();
        cloudTrail.updateTrail(request -> request.name(trail).enableLogFileValidation(false));
        return state(trail(trail));
    }

    private Optional<Trail> trail(String arn) {
        try {
            return Optional.ofNullable(cloudTrail.getTrail(request -> request.name(arn)).trail());
        } catch (TrailNotFoundException gone) {
            return Optional.empty();
        }
    }

    private static ResourceState state(Optional<Trail> trail) {
        if (trail.isEmpty()) {
            return ResourceState.gone();
        }
        boolean on = Boolean.TRUE.equals(trail.get().logFileValidationEnabled());
        return new ResourceState(true, on, Map.of("logFileValidationEnabled", Boolean.toString(on)));
    }
}
