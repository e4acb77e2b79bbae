package dev.backstop.action.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.UndoFormat;
import dev.backstop.action.ResourceState;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.rules.ActionSpec;
import dev.backstop.testing.FakeCloudTrail;
import dev.backstop.testing.SampleEvents;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

class StartLoggingActionTest {

    private static final String TRAIL = "arn:aws:cloudtrail:us-east-1:123456789012:trail/management-events";

    private final FakeCloudTrail cloudTrail = new FakeCloudTrail().trail(TRAIL, false);
    private final StartLoggingAction action = new StartLoggingAction(cloudTrail, Region.US_EAST_1);
    private final CloudTrailEvent event = new CloudTrailEventParser()
            .parse(SampleEvents.edited("cloudtrail/stop-logging.json", e -> { }));

    @Test
    void plansFromTheStateItReadsAndRecordsHowToUndo() {
        ActionPlan plan = action.plan(event, new ActionSpec(StartLoggingAction.NAME, Map.of()));

        assertThat(plan.changeNeeded()).isTrue();
        assertThat(plan.before().facts()).containsEntry("isLogging", "false");
        assertThat(plan.undo()).isEqualTo(new StartLoggingUndo(TRAIL));
        assertThat(plan.undo().call()).isEqualTo("StopLogging");
    }

    @Test
    void undoStopsTheTrailAgainAndReadsItBack() {
        ActionPlan plan = action.plan(event, new ActionSpec(StartLoggingAction.NAME, Map.of()));
        action.apply(plan);

        ResourceState after = action.undo(UndoFormat.write(plan.undo()));

        assertThat(action.undoable()).isTrue();
        assertThat(after.facts()).containsEntry("isLogging", "false");
        assertThat(cloudTrail.isLogging(TRAIL)).isFalse();
    }
}
