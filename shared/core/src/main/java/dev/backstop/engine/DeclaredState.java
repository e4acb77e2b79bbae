package dev.backstop.engine;

import dev.backstop.action.ActionPlan;
import dev.backstop.action.AwsErrors;
import dev.backstop.aws.StackLookup;
import dev.backstop.event.Trigger;
import dev.backstop.event.UserIdentity;
import dev.backstop.rules.ArnGlob;
import dev.backstop.rules.Pipelines;
import dev.backstop.telemetry.Telemetry;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.inject.Inject;

/**
 * Whether a change is to declared state, and what declares it: a pipeline principal made it, the
 * resource carries CloudFormation's {@code aws:cloudformation:stack-name} tag or a tag the
 * {@code pipelines} section names, or CloudFormation names a stack that manages the resource (one
 * call). For a rule that reverts whatever declares the change, only the caller is looked at: the
 * tags and the stack would change nothing it does. A lookup that fails declares nothing:
 * Backstop then reverts, as for any change, and counts it ({@code StackLookupFailed}).
 */
final class DeclaredState {

    static final String STACK_TAG = "aws:cloudformation:stack-name";

    private final StackLookup stacks;
    private final Telemetry telemetry;

    @Inject
    DeclaredState(StackLookup stacks, Telemetry telemetry) {
        this.stacks = stacks;
        this.telemetry = telemetry;
    }

    /**
     * What declares the change the plan would revert; empty when nothing does. {@code resource}:
     * look at the resource too (its tags, then CloudFormation), not only at the caller.
     */
    Optional<String> of(Trigger trigger, ActionPlan plan, Supplier<Map<String, String>> tags, Pipelines pipelines,
            boolean resource) {
        Optional<UserIdentity> caller = trigger.caller();
        if (caller.isPresent()) {
            for (ArnGlob principal : pipelines.principals()) {
                if (principal.matches(caller.get())) {
                    return Optional.of("pipeline principal " + caller.get().displayName());
                }
            }
        }
        if (!resource) {
            return Optional.empty();
        }
        Map<String, String> resourceTags = tags.get();
        String stack = resourceTags.get(STACK_TAG);
        if (stack != null) {
            return Optional.of("CloudFormation stack " + stack + " (its tag " + STACK_TAG + ")");
        }
        for (Map.Entry<String, String> tag : pipelines.tags().entrySet()) {
            if (tag.getValue().equals(resourceTags.get(tag.getKey()))) {
                return Optional.of("tag " + tag.getKey() + "=" + tag.getValue());
            }
        }
        try {
            return stacks.stackOf(plan.address()).map(StackLookup.StackResource::describe);
        } catch (RuntimeException e) {
            telemetry.count("StackLookupFailed", "cannot ask CloudFormation which stack manages a resource; reverted as"
                    + " undeclared", telemetry.fields().put("resource", plan.resource()).put("error", AwsErrors.describe(e)));
            return Optional.empty();
        }
    }
}
