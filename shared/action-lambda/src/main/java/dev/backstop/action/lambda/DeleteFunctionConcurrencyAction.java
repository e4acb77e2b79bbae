package dev.backstop.action.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.ResourceState;
import dev.backstop.config.OwnResources;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * {@code lambda.delete-function-concurrency}: one of Backstop's own functions was set to a
 * reserved concurrency of 0, so it can never run (a quiet way to switch Backstop off). Removes the
 * reservation (DeleteFunctionConcurrency): the function runs again from the account's unreserved
 * pool; redeploying the stack puts its own reservation back. It acts only on Backstop's own
 * functions ({@link OwnResources}); undo sets the reservation the function had before.
 */
final class DeleteFunctionConcurrencyAction implements RemediationAction {

    static final String NAME = "lambda.delete-function-concurrency";

    private final LambdaClient lambda;
    private final OwnResources own;

    @Inject
    DeleteFunctionConcurrencyAction(LambdaClient lambda, Optional<OwnResources> own) {
        this.lambda = lambda;
        this.own = own.orElse(OwnResources.none());
    }

    @Override
    public boolean appliesTo(Trigger trigger, ActionSpec spec) {
        return trigger instanceof CloudTrailEvent event && target(event).map(own::includes).orElse(false);
    }

    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        if (!(trigger instanceof CloudTrailEvent event)) {
            throw ActionRefusedException.unanswered(trigger);
        }
        String function = target(event).orElseThrow(() -> new ActionRefusedException(event.eventId(),
                "the event names no function"));
        if (!own.includes(function)) {
            throw new ActionRefusedException(function, "not one of Backstop's own functions");
        }
        ResourceState before = read(function);
        String reserved = before.facts().getOrDefault("reserved", "none");
        String change = "DeleteFunctionConcurrency on " + function + ": remove the reservation of " + reserved;
        return reserved.matches("\\d+")
                ? new ActionPlan(NAME, function, function, before, change,
                        new DeleteFunctionConcurrencyUndo(function, Integer.parseInt(reserved)))
                : new ActionPlan(NAME, function, function, before, change);
    }

    @Override
    public void apply(ActionPlan plan) {
        lambda.deleteFunctionConcurrency(request -> request.functionName(plan.address()));
    }

    @Override
    public ResourceState readBack(ActionPlan plan) {
        return read(plan.address());
    }

    @Override
    public Map<String, String> tags(ActionPlan plan) {
        return Map.of(); // Backstop's own functions are never exempt by tag
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
    public DeleteFunctionConcurrencyUndo readUndo(JsonNode stored) {
        return DeleteFunctionConcurrencyUndo.FORMAT.read(stored);
    }

    @Override
    public ResourceState undo(JsonNode stored) {
        DeleteFunctionConcurrencyUndo undo = readUndo(stored);
        lambda.putFunctionConcurrency(request -> request.functionName(undo.function())
                .reservedConcurrentExecutions(undo.reserved()));
        return read(undo.function());
    }

    /** Compliant unless the function is held at 0. */
    private ResourceState read(String function) {
        try {
            Integer reserved = lambda.getFunctionConcurrency(request -> request.functionName(function))
                    .reservedConcurrentExecutions();
            return reserved == null
                    ? new ResourceState(true, true, Map.of("reserved", "none"))
                    : new ResourceState(true, reserved != 0, Map.of("reserved", Integer.toString(reserved)));
        } catch (ResourceNotFoundException gone) {
            return ResourceState.gone();
        }
    }

    /** The function the call named, as an unqualified ARN in the event's account and region. */
    private static Optional<String> target(CloudTrailEvent event) {
        String name = event.detail().requestParameters().path("functionName").asText("");
        try {
            return Optional.of(FunctionArns.unqualified(name, event.region(), event.account()));
        } catch (IllegalArgumentException noFunction) {
            return Optional.empty();
        }
    }
}
