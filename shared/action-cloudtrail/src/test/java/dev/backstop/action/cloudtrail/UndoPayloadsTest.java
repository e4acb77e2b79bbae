package dev.backstop.action.cloudtrail;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backstop.action.ActionPlan;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.rules.ActionSpec;
import dev.backstop.testing.FakeCloudTrail;
import dev.backstop.testing.FakeDynamoDb;
import dev.backstop.testing.SampleEvents;
import dev.backstop.testing.UndoGolden;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.model.DeleteTrailRequest;
import software.amazon.awssdk.services.cloudtrail.model.EventSelector;
import software.amazon.awssdk.services.cloudtrail.model.ReadWriteType;
import software.amazon.awssdk.services.cloudtrail.model.Trail;

/** The undo data each CloudTrail action stores, against golden files of every version it was stored in. */
class UndoPayloadsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAME = "management-events";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T09:20:00Z"), ZoneOffset.UTC);
    private static final Trail WHOLE = Trail.builder().name(NAME).s3BucketName("acme-trail-logs").s3KeyPrefix("audit")
            .kmsKeyId("arn:aws:kms:us-east-1:123456789012:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0")
            .isMultiRegionTrail(true).includeGlobalServiceEvents(true).logFileValidationEnabled(true).build();
    private static final EventSelector ALL_MANAGEMENT = EventSelector.builder().readWriteType(ReadWriteType.ALL)
            .includeManagementEvents(true).build();

    private final FakeTrailConfigs cloudTrail = new FakeTrailConfigs().trail(WHOLE, List.of(ALL_MANAGEMENT));
    private final Trails trails = new Trails(cloudTrail, Region.US_EAST_1);
    private final TrailSnapshots snapshots = new TrailSnapshots(new FakeDynamoDb(),
            new Settings("audit", "arn:aws:sns:us-east-1:123456789012:t", Mode.ENFORCE, List.of()));

    private static void assertVersion1(String name, ActionPlan plan) {
        UndoGolden.assertGolden(name, 1, JSON.valueToTree(new TreeMap<>(plan.undo())));
    }

    private static CloudTrailEvent event(String sample) {
        return new CloudTrailEventParser(JSON).parse(SampleEvents.edited("cloudtrail/" + sample, e -> { }));
    }

    private static ActionSpec spec(String action) {
        return new ActionSpec(action, Map.of());
    }

    /** The whole trail snapshotted, as the recorder keeps it. */
    private void snapshotted() {
        snapshots.record(trails.read(NAME).orElseThrow(), Instant.parse("2026-11-19T08:00:00Z"), "event-whole");
    }

    @Test
    void startLogging() {
        String arn = "arn:aws:cloudtrail:us-east-1:123456789012:trail/" + NAME;
        var action = new StartLoggingAction(new FakeCloudTrail().trail(arn, false), Region.US_EAST_1);

        assertVersion1(StartLoggingAction.NAME, action.plan(event("stop-logging.json"), spec(StartLoggingAction.NAME)));
    }

    @Test
    void restoreTrailSettings() {
        snapshotted();
        cloudTrail.trail(WHOLE.toBuilder().isMultiRegionTrail(false).logFileValidationEnabled(false).build(),
                List.of(ALL_MANAGEMENT));
        var action = new RestoreTrailSettingsAction(trails, snapshots, CLOCK);

        assertVersion1(RestoreTrailSettingsAction.NAME, action.plan(event("update-trail-weakening.json"),
                spec(RestoreTrailSettingsAction.NAME)));
    }

    @Test
    void restoreEventSelectors() {
        snapshotted();
        cloudTrail.trail(WHOLE, List.of(ALL_MANAGEMENT.toBuilder().includeManagementEvents(false).build()));
        var action = new RestoreEventSelectorsAction(trails, snapshots, CLOCK);

        assertVersion1(RestoreEventSelectorsAction.NAME, action.plan(event("put-event-selectors-no-management.json"),
                spec(RestoreEventSelectorsAction.NAME)));
    }

    @Test
    void recreateTrail() {
        snapshotted();
        cloudTrail.deleteTrail(DeleteTrailRequest.builder().name(NAME).build());
        var action = new RecreateTrailAction(trails, snapshots);

        assertVersion1(RecreateTrailAction.NAME, action.plan(event("delete-trail.json"), spec(RecreateTrailAction.NAME)));
    }
}
