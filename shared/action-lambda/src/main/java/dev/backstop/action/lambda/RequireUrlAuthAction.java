package dev.backstop.action.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.ResourceState;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Puts a function URL that anyone on the internet can call ({@code AuthType NONE}) behind IAM
 * ({@code AWS_IAM}): callers must then sign their requests with credentials the function's policy
 * lets in. The URL itself stays. Undo sets the auth type back to NONE.
 */
final class RequireUrlAuthAction implements RemediationAction {

    static final String NAME = "lambda.require-url-auth";

    private final Functions functions;

    @Inject
    RequireUrlAuthAction(Functions functions) {
        this.functions = functions;
    }

    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        if (!(trigger instanceof CloudTrailEvent event)) {
            throw ActionRefusedException.unanswered(trigger);
        }
        Functions.Named function = Functions.named(event);
        RequireUrlAuthUndo undo = new RequireUrlAuthUndo(function.function(), function.qualifier());
        return new ActionPlan(NAME, function.arn(), function.function(), read(undo), "UpdateFunctionUrlConfig on "
                + function.arn() + (function.qualifier() == null ? "" : ":" + function.qualifier())
                + ": require IAM auth (AWS_IAM) of the function URL's callers", undo);
    }

    @Override
    public void apply(ActionPlan plan) {
        update(plan.undo(RequireUrlAuthUndo.class), FunctionUrlAuthType.AWS_IAM);
    }

    @Override
    public ResourceState readBack(ActionPlan plan) {
        return read(plan.undo(RequireUrlAuthUndo.class));
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
    public RequireUrlAuthUndo readUndo(JsonNode stored) {
        return RequireUrlAuthUndo.FORMAT.read(stored);
    }

    /** Opens the URL to everyone again. */
    @Override
    public ResourceState undo(JsonNode stored) {
        RequireUrlAuthUndo undo = readUndo(stored);
        if (!read(undo).exists()) {
            return ResourceState.gone();
        }
        update(undo, FunctionUrlAuthType.NONE);
        return read(undo);
    }

    private void update(RequireUrlAuthUndo undo, FunctionUrlAuthType authType) {
        functions.lambda().updateFunctionUrlConfig(request -> request.functionName(undo.functionName())
                .qualifier(undo.qualifier()).authType(authType));
    }

    /** The URL's auth type; gone with the URL or the function. */
    private ResourceState read(RequireUrlAuthUndo undo) {
        Optional<String> authType;
        try {
            authType = Optional.of(functions.lambda().getFunctionUrlConfig(request -> request
                    .functionName(undo.functionName()).qualifier(undo.qualifier())).authTypeAsString());
        } catch (ResourceNotFoundException gone) {
            authType = Optional.empty();
        }
        return authType.map(type -> new ResourceState(true, FunctionUrlAuthType.AWS_IAM.toString().equals(type),
                Map.of("authType", type))).orElseGet(ResourceState::gone);
    }
}
