package dev.backstop.action.cloudtrail;

import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.rules.ActionSpec;
import dev.backstop.testing.FakeCloudTrail;
import dev.backstop.testing.SampleEvents;
import dev.backstop.testing.UndoGolden;
import dev.backstop.testing.UndoGolden.Applied;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.model.DeleteTrailRequest;
import software.amazon.awssdk.services.cloudtrail.model.EventSelector;
import software.amazon.awssdk.services.cloudtrail.model.ReadWriteType;
import software.amazon.awssdk.services.cloudtrail.model.Trail;

/**
 * The undo data each CloudTrail action stores, against golden files of every version it was
 * stored in (version 1 captured from the code before undo data was typed), and undone from each.
 */
class UndoPayloadsTest {

    private static final String NAME = "management-events";
    private static final String ARN = "arn:aws:cloudtrail:us-east-1:123456789012:trail/" + NAME;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T09:20:00Z"), ZoneOffset.UTC);
    private static final Trail WHOLE = Trail.builder().name(NAME).s3BucketName("acme-trail-logs").s3KeyPrefix("audit")
            .kmsKeyId("arn:aws:kms:us-east-1:123456789012:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0")
            .isMultiRegionTrail(true).includeGlobalServiceEvents(true).logFileValidationEnabled(true).build();
    private static final EventSelector ALL_MANAGEMENT = EventSelector.builder().readWriteType(ReadWriteType.ALL)
            .includeManagementEvents(true).build();

    /** A trail the recorder snapshotted whole, as CloudTrail holds it, and the snapshot table. */
    private static final class World {
        final FakeTrailConfigs cloudTrail = new FakeTrailConfigs().trail(WHOLE, List.of(ALL_MANAGEMENT));
        final Trails trails = new Trails(cloudTrail, Region.US_EAST_1);
        final TrailSnapshots snapshots = new TrailSnapshots(new FakeSnapshotTable(),
                new Settings("audit", "arn:aws:sns:us-east-1:123456789012:t", Mode.ENFORCE, List.of()));

        World() {
            snapshots.record(trails.read(NAME).orElseThrow(), Instant.parse("2026-11-19T08:00:00Z"), "event-whole");
        }

        TrailConfig trail() {
            return trails.read(NAME).orElseThrow();
        }
    }

    private static CloudTrailEvent event(String sample) {
        return new CloudTrailEventParser().parse(SampleEvents.edited("cloudtrail/" + sample, e -> { }));
    }

    private static ActionSpec spec(String action) {
        return new ActionSpec(action, Map.of());
    }

    @Test
    void startLoggingIsUndoneFromEveryVersionOfItsUndoData() {
        UndoGolden.assertEveryVersionIsUndone(StartLoggingAction.NAME, StartLoggingUndo.FORMAT, () -> {
            FakeCloudTrail cloudTrail = new FakeCloudTrail().trail(ARN, false);
            var action = new StartLoggingAction(cloudTrail, Region.US_EAST_1);
            return Applied.apply(action, action.plan(event("stop-logging.json"), spec(StartLoggingAction.NAME)),
                    () -> cloudTrail.isLogging(ARN));
        });
    }

    @Test
    void restoreTrailSettingsIsUndoneFromEveryVersionOfItsUndoData() {
        UndoGolden.assertEveryVersionIsUndone(RestoreTrailSettingsAction.NAME, RestoreTrailSettingsUndo.FORMAT, () -> {
            World world = new World();
            world.cloudTrail.trail(WHOLE.toBuilder().isMultiRegionTrail(false).logFileValidationEnabled(false).build(),
                    List.of(ALL_MANAGEMENT));
            var action = new RestoreTrailSettingsAction(world.trails, world.snapshots, CLOCK);
            return Applied.apply(action, action.plan(event("update-trail-weakening.json"),
                    spec(RestoreTrailSettingsAction.NAME)), () -> world.trail().guardedSettings());
        });
    }

    @Test
    void restoreEventSelectorsIsUndoneFromEveryVersionOfItsUndoData() {
        UndoGolden.assertEveryVersionIsUndone(RestoreEventSelectorsAction.NAME, RestoreEventSelectorsUndo.FORMAT, () -> {
            World world = new World();
            world.cloudTrail.trail(WHOLE, List.of(ALL_MANAGEMENT.toBuilder().includeManagementEvents(false).build()));
            var action = new RestoreEventSelectorsAction(world.trails, world.snapshots, CLOCK);
            return Applied.apply(action, action.plan(event("put-event-selectors-no-management.json"),
                    spec(RestoreEventSelectorsAction.NAME)), () -> world.trail().selectors());
        });
    }

    @Test
    void recreateTrailIsUndoneFromEveryVersionOfItsUndoData() {
        UndoGolden.assertEveryVersionIsUndone(RecreateTrailAction.NAME, RecreateTrailUndo.FORMAT, () -> {
            World world = new World();
            world.cloudTrail.deleteTrail(DeleteTrailRequest.builder().name(NAME).build());
            var action = new RecreateTrailAction(world.trails, world.snapshots);
            return Applied.apply(action, action.plan(event("delete-trail.json"), spec(RecreateTrailAction.NAME)),
                    () -> world.trails.read(NAME).isPresent());
        });
    }

    @Test
    void enableLogFileValidationStoresTheTrailInVersionTwo() {
        UndoGolden.assertStoredAs(EnableLogFileValidationAction.NAME, EnableLogFileValidationUndo.FORMAT,
                new EnableLogFileValidationUndo(NAME));
    }
}
