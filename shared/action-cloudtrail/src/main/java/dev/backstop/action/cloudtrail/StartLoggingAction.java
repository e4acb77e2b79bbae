package dev.backstop.action.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.ResourceState;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.MalformedEventException;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.inject.Inject;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.GetTrailStatusResponse;
import software.amazon.awssdk.services.cloudtrail.model.Tag;
import software.amazon.awssdk.services.cloudtrail.model.Trail;
import software.amazon.awssdk.services.cloudtrail.model.TrailNotFoundException;

/** Turns logging back on for the trail named in the event ({@code requestParameters.name}, a name or an ARN). */
final class StartLoggingAction implements RemediationAction {

    static final String NAME = "cloudtrail.start-logging";

    private final CloudTrailClient cloudTrail;
    private final Region region;

    @Inject
    StartLoggingAction(CloudTrailClient cloudTrail, Region region) {
        this.cloudTrail = cloudTrail;
        this.region = region;
    }

    /**
     * Plans from the trail's logging state. A trail the event names certainly (an ARN, or a name
     * in the event's account and region) is read with one call, its status; any other name is
     * first resolved by CloudTrail (GetTrail).
     */
    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        if (!(trigger instanceof CloudTrailEvent event)) {
            throw ActionRefusedException.unanswered(trigger);
        }
        String named = event.detail().requestParameters().path("name").asText("");
        if (named.isBlank()) {
            throw new MalformedEventException("detail.requestParameters.name", "is missing; the trail is unknown");
        }
        Optional<String> certain = TrailEvents.certainArn(event, named);
        if (certain.isPresent()) {
            return plan(certain.get());
        }
        Trail trail;
        try {
            trail = cloudTrail.getTrail(request -> request.name(named)).trail();
        } catch (TrailNotFoundException gone) {
            return new ActionPlan(NAME, named, named, ResourceState.gone(), "StartLogging on " + named);
        }
        return plan(trail.trailARN());
    }

    private ActionPlan plan(String arn) {
        String address = address(arn);
        ResourceState state = status(address);
        if (!state.exists()) {
            return new ActionPlan(NAME, arn, address, state, "StartLogging on " + arn);
        }
        return new ActionPlan(NAME, arn, address, state, "StartLogging on " + arn, new StartLoggingUndo(arn));
    }

    /** In its home region (the region of its ARN) a trail is addressed by name, which every
     * CloudTrail API (and emulator) accepts; elsewhere only its ARN reaches it. */
    private String address(String arn) {
        String[] parts = arn.split(":", 6);
        String homeRegion = parts.length == 6 ? parts[3] : "";
        return region.id().equals(homeRegion) ? arn.substring(arn.indexOf(":trail/") + ":trail/".length()) : arn;
    }

    @Override
    public void apply(ActionPlan plan) {
        cloudTrail.startLogging(request -> request.name(plan.address()));
    }

    @Override
    public ResourceState readBack(ActionPlan plan) {
        return status(plan.address());
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
    public StartLoggingUndo readUndo(JsonNode stored) {
        return StartLoggingUndo.FORMAT.read(stored);
    }

    /** Stops the trail again: only ever on an operator's explicit request ({@code ./backstop undo}). */
    @Override
    public ResourceState undo(JsonNode stored) {
        StartLoggingUndo undo = readUndo(stored);
        String address = address(cloudTrail.getTrail(request -> request.name(undo.name())).trail().trailARN());
        cloudTrail.stopLogging(request -> request.name(address));
        return status(address);
    }

    @Override
    public Map<String, String> tags(ActionPlan plan) {
        return cloudTrail.listTags(request -> request.resourceIdList(plan.resource())).resourceTagList().stream()
                .flatMap(resource -> resource.tagsList().stream())
                .collect(Collectors.toMap(Tag::key, Tag::value, (first, second) -> first));
    }

    private ResourceState status(String trail) {
        try {
            GetTrailStatusResponse status = cloudTrail.getTrailStatus(request -> request.name(trail));
            boolean logging = Boolean.TRUE.equals(status.isLogging());
            return new ResourceState(true, logging, Map.of("isLogging", String.valueOf(logging)));
        } catch (TrailNotFoundException gone) {
            return ResourceState.gone();
        }
    }
}
