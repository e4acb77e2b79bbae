package dev.backstop.action.guardduty;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.ResourceState;
import dev.backstop.action.guardduty.GuardDutyApi.Detector;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.FindingEvent;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * {@code guardduty.enable-detector}: turns a GuardDuty detector that was turned off back on
 * (UpdateDetector {@code enable: true}), the one an UpdateDetector call named, or for a finding about
 * the account (Security Hub's GuardDuty.1) the region's detector. Done when GetDetector reads
 * ENABLED. A detector that was deleted is gone: nothing can bring its findings back, and a new one
 * is another rule's business (notify, with what to run).
 *
 * <p>Undoable: an operator's undo turns the detector off again.
 */
final class EnableDetectorAction implements RemediationAction {

    static final String NAME = "guardduty.enable-detector";

    private final GuardDutyApi guardDuty;

    @Inject
    EnableDetectorAction(GuardDutyApi guardDuty) {
        this.guardDuty = guardDuty;
    }

    @Override
    public boolean appliesTo(Trigger trigger, ActionSpec spec) {
        return trigger instanceof CloudTrailEvent || trigger instanceof FindingEvent;
    }

    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        String detectorId = Detectors.detectorId(trigger, guardDuty);
        String arn = Detectors.arn(guardDuty, trigger.account(), detectorId);
        return new ActionPlan(NAME, arn, detectorId, state(detectorId), "UpdateDetector " + detectorId + " enable=true",
                new EnableDetectorUndo(detectorId));
    }

    @Override
    public void apply(ActionPlan plan) {
        guardDuty.enableDetector(plan.address(), true);
    }

    @Override
    public ResourceState readBack(ActionPlan plan) {
        return state(plan.address());
    }

    @Override
    public Map<String, String> tags(ActionPlan plan) {
        return guardDuty.detector(plan.address()).map(Detector::tags).orElse(Map.of());
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
    public EnableDetectorUndo readUndo(JsonNode stored) {
        return EnableDetectorUndo.FORMAT.read(stored);
    }

    /** Turns the detector off again: only ever on an operator's explicit request ({@code ./backstop undo}). */
    @Override
    public ResourceState undo(JsonNode stored) {
        String detectorId = readUndo(stored).detectorId();
        guardDuty.enableDetector(detectorId, false);
        return state(detectorId);
    }

    private ResourceState state(String detectorId) {
        Optional<Detector> detector = guardDuty.detector(detectorId);
        if (detector.isEmpty()) {
            return ResourceState.gone();
        }
        return new ResourceState(true, detector.get().enabled(), Map.of("status", detector.get().status()));
    }
}
