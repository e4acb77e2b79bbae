package dev.backstop.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.backstop.event.Trigger;
import dev.backstop.rules.ActionSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A notify-only action changes nothing in AWS, and its read-back says the team was told with the
 * decision: the audit record of every such action holds these very facts.
 */
class NotifyOnlyActionTest {

    /** Holds no SDK client: all it has to call AWS with is what the interface gives it. */
    private static final class TellAction implements NotifyOnlyAction {

        @Override
        public ActionPlan plan(Trigger trigger, ActionSpec spec) {
            throw new UnsupportedOperationException("not planned here");
        }

        @Override
        public Map<String, String> tags(ActionPlan plan) {
            return Map.of();
        }
    }

    private static final ActionPlan PLAN = new ActionPlan("test.notify", "alarm-arn", "alarm-name",
            new ResourceState(true, false, Map.of("state", "ALARM")), "tell the team that alarm alarm-name is ALARM");

    @Test
    void applyingChangesNothingAndNeedsNoUndoData() {
        NotifyOnlyAction action = new TellAction();

        assertThatCode(() -> action.apply(PLAN)).as("a plan with no undo data is enough").doesNotThrowAnyException();
        assertThat(action.undoable()).as("nothing was changed, so nothing can be undone").isFalse();
    }

    @Test
    void theReadBackReportsTheTeamToldWithThisDecision() {
        ResourceState after = new TellAction().readBack(PLAN);

        assertThat(after).isEqualTo(new ResourceState(true, true, Map.of("notified", "with this decision")));
    }
}
