package dev.backstop.action.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
    void aTrailArnInTheEventIsReadWithoutAskingCloudTrailWhichTrailItIs() {
        ActionPlan plan = action.plan(event, new ActionSpec(StartLoggingAction.NAME, Map.of()));

        assertThat(plan.resource()).isEqualTo(TRAIL);
        assertThat(plan.address()).isEqualTo("management-events");
        assertThat(cloudTrail.getTrailCalls()).isZero();
    }

    @Test
    void aTrailNameIsTheTrailOfTheEventsAccountAndRegion() {
        ActionPlan plan = action.plan(named("management-events", "us-east-1"),
                new ActionSpec(StartLoggingAction.NAME, Map.of()));

        assertThat(plan.resource()).isEqualTo(TRAIL);
        assertThat(plan.before().facts()).containsEntry("isLogging", "false");
        assertThat(cloudTrail.getTrailCalls()).isZero();
    }

    @Test
    void aTrailNameInAnotherPartitionGetsThatPartitionsArn() {
        String china = "arn:aws-cn:cloudtrail:cn-north-1:123456789012:trail/audit";
        cloudTrail.trail(china, true);

        ActionPlan plan = new StartLoggingAction(cloudTrail, Region.CN_NORTH_1).plan(named("audit", "cn-north-1"),
                new ActionSpec(StartLoggingAction.NAME, Map.of()));

        assertThat(plan.resource()).isEqualTo(china);
        assertThat(plan.changeNeeded()).isFalse();
    }

    @Test
    void aNameCloudTrailWouldNotAcceptIsLeftToCloudTrailToResolve() {
        String odd = "arn:aws:cloudtrail:us-east-1:123456789012:trail/x";
        cloudTrail.trail(odd, false);

        ActionPlan plan = action.plan(named("x", "us-east-1"), new ActionSpec(StartLoggingAction.NAME, Map.of()));

        assertThat(plan.resource()).isEqualTo(odd);
        assertThat(cloudTrail.getTrailCalls()).isEqualTo(1);
    }

    @Test
    void aTrailDeletedSinceTheCallIsPlannedAsGoneUnderItsArnWithNothingToUndo() {
        ActionPlan plan = action.plan(named("deleted-since", "us-east-1"),
                new ActionSpec(StartLoggingAction.NAME, Map.of()));

        assertThat(plan.before().exists()).isFalse();
        assertThat(plan.resource()).isEqualTo("arn:aws:cloudtrail:us-east-1:123456789012:trail/deleted-since");
        assertThat(plan.undo()).isNull();
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

    private static CloudTrailEvent named(String trail, String region) {
        return new CloudTrailEventParser().parse(SampleEvents.edited("cloudtrail/stop-logging.json", e -> {
            e.put("region", region);
            SampleEvents.detail(e).put("awsRegion", region);
            ((ObjectNode) SampleEvents.detail(e).path("requestParameters"))
                    .put("name", trail);
        }));
    }
}
