package dev.backstop.action.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.ResourceState;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.FindingEvent;
import dev.backstop.event.MalformedEventException;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * {@code config.start-recorder}: starts an AWS Config configuration recorder that was stopped (the
 * one a StopConfigurationRecorder call named, or for a finding about the account, Security Hub's
 * Config.1, the region's recorder). A stopped recorder records no change, so what an intruder does
 * next leaves no configuration history. Done when DescribeConfigurationRecorderStatus reads it
 * recording. A recorder needs a delivery channel to start: without one, Config refuses, and the
 * decision is FAILED saying so.
 *
 * <p>Undoable: an operator's undo stops the recorder again.
 */
final class StartRecorderAction implements RemediationAction {

    static final String NAME = "config.start-recorder";

    private final ConfigApi config;

    @Inject
    StartRecorderAction(ConfigApi config) {
        this.config = config;
    }

    @Override
    public boolean appliesTo(Trigger trigger, ActionSpec spec) {
        return trigger instanceof CloudTrailEvent || trigger instanceof FindingEvent;
    }

    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        String name = recorderName(trigger);
        String arn = config.recorder(name).map(ConfigApi.Recorder::arn)
                .orElse("arn:aws:config:" + config.region().id() + ":" + trigger.account() + ":configuration-recorder/" + name);
        return new ActionPlan(NAME, arn, name, state(name), "StartConfigurationRecorder " + name,
                new StartRecorderUndo(name));
    }

    private String recorderName(Trigger trigger) {
        if (trigger instanceof CloudTrailEvent event) {
            String name = event.detail().requestParameters().path("configurationRecorderName").asText("");
            if (name.isBlank()) {
                throw new MalformedEventException("detail.requestParameters.configurationRecorderName", "is missing");
            }
            return name;
        }
        if (trigger instanceof FindingEvent finding) {
            List<ConfigApi.Recorder> recorders = config.recorders();
            if (recorders.isEmpty()) {
                throw new ActionRefusedException("arn:aws:iam::" + finding.account() + ":root", "AWS Config has no"
                        + " configuration recorder in " + config.region().id() + " to start; set one up (aws configservice"
                        + " put-configuration-recorder, put-delivery-channel, start-configuration-recorder)");
            }
            return recorders.get(0).name();
        }
        throw ActionRefusedException.unanswered(trigger);
    }

    @Override
    public void apply(ActionPlan plan) {
        config.start(plan.address());
    }

    @Override
    public ResourceState readBack(ActionPlan plan) {
        return state(plan.address());
    }

    /** Recorders have no tags Config lets this read: tag exemptions do not apply to this action. */
    @Override
    public Map<String, String> tags(ActionPlan plan) {
        return Map.of();
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
    public StartRecorderUndo readUndo(JsonNode stored) {
        return StartRecorderUndo.FORMAT.read(stored);
    }

    /** Stops the recorder again: only ever on an operator's explicit request. */
    @Override
    public ResourceState undo(JsonNode stored) {
        String name = readUndo(stored).name();
        config.stop(name);
        return state(name);
    }

    private ResourceState state(String name) {
        Optional<Boolean> recording = config.recording(name);
        if (recording.isEmpty()) {
            return ResourceState.gone();
        }
        return new ResourceState(true, recording.get(), Map.of("recording", recording.get().toString()));
    }
}
