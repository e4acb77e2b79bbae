package dev.backstop.action.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.ResourceState;
import dev.backstop.config.Settings;
import dev.backstop.config.TrustedSet;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.MalformedEventException;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;

/**
 * Takes the layers published by accounts outside the {@link TrustedSet} off a function: code from
 * another account runs with the function's role on every invocation. The layers from trusted
 * accounts stay, in their order. Undo puts the layer list from before back.
 *
 * <p>A layer's code can be part of the function (a wrapper its handler names, a library it
 * imports): without it the function may fail. The shipped rule notifies for that reason.
 */
final class RemoveOutsideLayersAction implements RemediationAction {

    static final String NAME = "lambda.remove-outside-layers";

    private final Functions functions;
    private final TrustedSet trusted;

    @Inject
    RemoveOutsideLayersAction(Functions functions, Settings settings) {
        this.functions = functions;
        this.trusted = settings.trusted();
    }

    /** False when every layer the call set is a trusted account's. */
    @Override
    public boolean appliesTo(Trigger trigger, ActionSpec spec) {
        if (!(trigger instanceof CloudTrailEvent event)) {
            return false;
        }
        String account;
        try {
            account = Functions.account(Functions.named(event));
        } catch (MalformedEventException e) {
            return true;
        }
        List<String> layers = new ArrayList<>();
        JsonNode requested = event.detail().requestParameters().path("layers");
        requested.forEach(layer -> layers.add(layer.asText()));
        return !outside(layers, account).isEmpty();
    }

    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        if (!(trigger instanceof CloudTrailEvent event)) {
            throw ActionRefusedException.unanswered(trigger);
        }
        Functions.Named function = Functions.named(event);
        Optional<GetFunctionConfigurationResponse> configuration = functions.configuration(function.function());
        if (configuration.isEmpty()) {
            return new ActionPlan(NAME, function.arn(), function.function(), ResourceState.gone(),
                    "none: the function is gone");
        }
        List<String> layers = Functions.layers(configuration.get());
        String account = Functions.account(function);
        return new ActionPlan(NAME, function.arn(), function.function(), state(layers, account),
                "UpdateFunctionConfiguration on " + function.arn() + ": remove the layers of outside accounts "
                        + String.join(", ", outside(layers, account)),
                new RemoveOutsideLayersUndo(function.function(), account, layers));
    }

    /** Removes the outside layers of the function as it is now, so a layer changed since is kept. */
    @Override
    public void apply(ActionPlan plan) {
        functions.configuration(plan.address()).ifPresent(now -> {
            List<String> layers = Functions.layers(now);
            List<String> outside = outside(layers, plan.undo(RemoveOutsideLayersUndo.class).account());
            if (!outside.isEmpty()) {
                setLayers(plan.address(), layers.stream().filter(layer -> !outside.contains(layer)).toList());
            }
        });
    }

    @Override
    public ResourceState readBack(ActionPlan plan) {
        return read(plan.undo(RemoveOutsideLayersUndo.class));
    }

    @Override
    public Map<String, String> tags(ActionPlan plan) {
        return functions.tags(plan.resource());
    }

    @Override
    public boolean undoable() {
        return true;
    }

    @Override
    public RemoveOutsideLayersUndo readUndo(JsonNode stored) {
        return RemoveOutsideLayersUndo.FORMAT.read(stored);
    }

    /** Sets the layer list from before. */
    @Override
    public ResourceState undo(JsonNode stored) {
        RemoveOutsideLayersUndo undo = readUndo(stored);
        if (functions.configuration(undo.functionName()).isEmpty()) {
            return ResourceState.gone();
        }
        setLayers(undo.functionName(), undo.layers());
        return read(undo);
    }

    private void setLayers(String function, List<String> layers) {
        functions.lambda().updateFunctionConfiguration(request -> request.functionName(function).layers(layers));
    }

    private ResourceState read(RemoveOutsideLayersUndo undo) {
        return functions.configuration(undo.functionName())
                .map(configuration -> state(Functions.layers(configuration), undo.account()))
                .orElseGet(ResourceState::gone);
    }

    /** Layers whose ARN names an account outside the trusted set (the function's own is trusted). */
    private List<String> outside(List<String> layers, String account) {
        return layers.stream().filter(layer -> {
            String[] parts = layer.split(":");
            return parts.length < 5 || !trusted.trusts(parts[4], account);
        }).toList();
    }

    private ResourceState state(List<String> layers, String account) {
        List<String> outside = outside(layers, account);
        return new ResourceState(true, outside.isEmpty(), Map.of(
                "layers", layers.isEmpty() ? "none" : String.join(", ", layers),
                "outsideLayers", outside.isEmpty() ? "none" : String.join(", ", outside)));
    }
}
