package dev.backstop.action.guardduty;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.ResourceState;
import dev.backstop.action.guardduty.GuardDutyApi.IpSet;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.MalformedEventException;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * {@code guardduty.deactivate-ip-set}: deactivates a trusted IP list that a CreateIPSet or
 * UpdateIPSet call activated (UpdateIPSet {@code activate: false}). GuardDuty raises no finding for
 * traffic from a trusted list's addresses, so an intruder who adds their own addresses goes unseen;
 * a deactivated list stays, for a person to look at and turn back on. Done when GetIPSet reads it
 * INACTIVE or DEACTIVATING.
 *
 * <p>Undoable: an operator's undo activates the list again.
 */
final class DeactivateIpSetAction implements RemediationAction {

    static final String NAME = "guardduty.deactivate-ip-set";

    private final GuardDutyApi guardDuty;

    @Inject
    DeactivateIpSetAction(GuardDutyApi guardDuty) {
        this.guardDuty = guardDuty;
    }

    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        if (!(trigger instanceof CloudTrailEvent event)) {
            throw ActionRefusedException.unanswered(trigger);
        }
        String detectorId = Detectors.requested(event, "detectorId");
        String ipSetId = ipSetId(event);
        String arn = Detectors.arn(guardDuty, event.account(), detectorId) + "/ipset/" + ipSetId;
        return new ActionPlan(NAME, arn, detectorId + "/" + ipSetId, state(detectorId, ipSetId),
                "UpdateIPSet " + ipSetId + " of detector " + detectorId + " activate=false",
                new DeactivateIpSetUndo(detectorId, ipSetId));
    }

    /** UpdateIPSet names the list in its request, CreateIPSet in its response. */
    private static String ipSetId(CloudTrailEvent event) {
        String id = event.detail().requestParameters().path("ipSetId").asText("");
        if (id.isBlank()) {
            id = event.detail().responseElements().path("ipSetId").asText("");
        }
        if (id.isBlank()) {
            throw new MalformedEventException("detail.responseElements.ipSetId", "is missing (and so is"
                    + " requestParameters.ipSetId); the trusted IP list is unknown");
        }
        return id;
    }

    @Override
    public void apply(ActionPlan plan) {
        String[] ids = plan.address().split("/", 2);
        guardDuty.activateIpSet(ids[0], ids[1], false);
    }

    @Override
    public ResourceState readBack(ActionPlan plan) {
        String[] ids = plan.address().split("/", 2);
        return state(ids[0], ids[1]);
    }

    @Override
    public Map<String, String> tags(ActionPlan plan) {
        String[] ids = plan.address().split("/", 2);
        return guardDuty.ipSet(ids[0], ids[1]).map(IpSet::tags).orElse(Map.of());
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
    public DeactivateIpSetUndo readUndo(JsonNode stored) {
        return DeactivateIpSetUndo.FORMAT.read(stored);
    }

    /** Activates the list again: only ever on an operator's explicit request. */
    @Override
    public ResourceState undo(JsonNode stored) {
        DeactivateIpSetUndo undo = readUndo(stored);
        guardDuty.activateIpSet(undo.detectorId(), undo.ipSetId(), true);
        return state(undo.detectorId(), undo.ipSetId());
    }

    private ResourceState state(String detectorId, String ipSetId) {
        Optional<IpSet> ipSet = guardDuty.ipSet(detectorId, ipSetId);
        if (ipSet.isEmpty() || ipSet.get().deleted()) {
            return ResourceState.gone();
        }
        return new ResourceState(true, !ipSet.get().active(), Map.of("status", ipSet.get().status(),
                "name", ipSet.get().name(), "location", ipSet.get().location()));
    }
}
