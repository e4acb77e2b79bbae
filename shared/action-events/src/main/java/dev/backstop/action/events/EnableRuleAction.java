package dev.backstop.action.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.ResourceState;
import dev.backstop.aws.Partitions;
import dev.backstop.config.OwnResources;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.RuleState;

/**
 * {@code events.enable-rule}: one of Backstop's own EventBridge rules was disabled, so the events
 * it routes no longer reach Backstop. Enables it again and reads its state back. It acts only on
 * Backstop's own rules ({@link OwnResources}); undo disables the rule again.
 */
final class EnableRuleAction implements RemediationAction {

    static final String NAME = "events.enable-rule";
    private static final String DEFAULT_BUS = "default";

    private final EventBridgeClient eventBridge;
    private final OwnResources own;

    @Inject
    EnableRuleAction(EventBridgeClient eventBridge, Optional<OwnResources> own) {
        this.eventBridge = eventBridge;
        this.own = own.orElse(OwnResources.none());
    }

    /** A rule, by the name and bus the calls take and the ARN its policies name. */
    record RuleAddress(String name, String bus, String arn) {
    }

    @Override
    public boolean appliesTo(Trigger trigger, ActionSpec spec) {
        return trigger instanceof CloudTrailEvent event && target(event).map(rule -> own.includes(rule.arn())).orElse(false);
    }

    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        if (!(trigger instanceof CloudTrailEvent event)) {
            throw ActionRefusedException.unanswered(trigger);
        }
        RuleAddress rule = target(event).orElseThrow(() -> new ActionRefusedException(event.eventId(),
                "the event names no rule"));
        if (!own.includes(rule.arn())) {
            throw new ActionRefusedException(rule.arn(), "not one of Backstop's own rules");
        }
        return new ActionPlan(NAME, rule.arn(), rule.bus() + "/" + rule.name(), read(rule.name(), rule.bus()),
                "EnableRule on " + rule.arn(), new EnableRuleUndo(rule.name(), rule.bus()));
    }

    @Override
    public void apply(ActionPlan plan) {
        String[] address = plan.address().split("/", 2);
        eventBridge.enableRule(request -> request.eventBusName(address[0]).name(address[1]));
    }

    @Override
    public ResourceState readBack(ActionPlan plan) {
        String[] address = plan.address().split("/", 2);
        return read(address[1], address[0]);
    }

    @Override
    public Map<String, String> tags(ActionPlan plan) {
        return Map.of(); // Backstop's own rules are never exempt by tag
    }

    /** It keeps Backstop itself watching: an open breaker does not stop it. */
    @Override
    public boolean restoresEyesOrDoors() {
        return true;
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public EnableRuleUndo readUndo(JsonNode stored) {
        return EnableRuleUndo.FORMAT.read(stored);
    }

    @Override
    public ResourceState undo(JsonNode stored) {
        EnableRuleUndo undo = readUndo(stored);
        eventBridge.disableRule(request -> request.eventBusName(undo.bus()).name(undo.name()));
        return read(undo.name(), undo.bus());
    }

    private ResourceState read(String name, String bus) {
        try {
            DescribeRuleResponse rule = eventBridge.describeRule(request -> request.name(name).eventBusName(bus));
            return new ResourceState(true, rule.state() == RuleState.ENABLED, Map.of("state", rule.stateAsString()));
        } catch (ResourceNotFoundException gone) {
            return ResourceState.gone();
        }
    }

    /** DisableRule names the rule ({@code name}) and, off the default bus, its bus ({@code eventBusName}). */
    private static Optional<RuleAddress> target(CloudTrailEvent event) {
        var request = event.detail().requestParameters();
        String name = request.path("name").asText("");
        if (name.isBlank() || event.account() == null || event.region() == null) {
            return Optional.empty();
        }
        String busText = request.path("eventBusName").asText(DEFAULT_BUS);
        String bus = busText.contains("/") ? busText.substring(busText.lastIndexOf('/') + 1) : busText;
        String arn = "arn:" + Partitions.of(event.region()) + ":events:" + event.region() + ":" + event.account() + ":rule/"
                + (bus.equals(DEFAULT_BUS) ? "" : bus + "/") + name;
        return Optional.of(new RuleAddress(name, bus, arn));
    }
}
