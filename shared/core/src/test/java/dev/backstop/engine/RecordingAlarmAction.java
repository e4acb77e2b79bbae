package dev.backstop.engine;

import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.AlarmOnlyAction;
import dev.backstop.action.ResourceState;
import dev.backstop.event.AlarmEvent;
import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** An alarm action that changes nothing but remembers what it applied, standing in for the catalogue's alarm actions. */
final class RecordingAlarmAction implements AlarmOnlyAction {

    static final String NAME = "test.alarm-action";

    private final List<String> applied = new ArrayList<>();
    private int failingApply = -1;
    private Supplier<RuntimeException> fault;

    List<String> applied() {
        return applied;
    }

    /** The apply call with this number (counted from 1 over the action's life) throws the fault instead, once. */
    RecordingAlarmAction failApply(int call, Supplier<RuntimeException> fault) {
        this.failingApply = call;
        this.fault = fault;
        return this;
    }

    @Override
    public boolean appliesTo(Trigger trigger, ActionSpec spec) {
        return trigger instanceof AlarmEvent alarm && alarm.dimension("FunctionName").isPresent();
    }

    @Override
    public ActionPlan plan(Trigger trigger, ActionSpec spec) {
        if (!(trigger instanceof AlarmEvent alarm)) {
            throw ActionRefusedException.unanswered(trigger);
        }
        String function = alarm.dimension("FunctionName").orElseThrow();
        return new ActionPlan(NAME, function, function, new ResourceState(true, false, Map.of("version", "7")),
                "move the alias back");
    }

    @Override
    public void apply(ActionPlan plan) {
        if (applied.size() + 1 == failingApply) {
            failingApply = -1;
            throw fault.get();
        }
        applied.add(plan.resource());
    }

    @Override
    public ResourceState readBack(ActionPlan plan) {
        return new ResourceState(true, applied.contains(plan.resource()), Map.of("version", "6"));
    }

    @Override
    public Map<String, String> tags(ActionPlan plan) {
        return Map.of();
    }
}
