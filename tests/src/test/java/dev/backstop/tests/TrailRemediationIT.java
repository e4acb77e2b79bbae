package dev.backstop.tests;

import static dev.backstop.tests.TrailFixture.CLOUDTRAIL;
import static dev.backstop.tests.TrailFixture.deliver;
import static dev.backstop.tests.TrailFixture.event;
import static dev.backstop.tests.TrailFixture.eventId;
import static dev.backstop.tests.TrailFixture.exists;
import static dev.backstop.tests.TrailFixture.firstAction;
import static dev.backstop.tests.TrailFixture.tags;
import static dev.backstop.tests.TrailFixture.trail;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.cli.BackstopComponent;
import dev.backstop.cli.demo.DemoWorld.Stage;
import dev.backstop.cli.demo.DemoWorld;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.runtime.EngineComponent;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudtrail.model.AdvancedEventSelector;
import software.amazon.awssdk.services.cloudtrail.model.AdvancedFieldSelector;
import software.amazon.awssdk.services.cloudtrail.model.DataResource;
import software.amazon.awssdk.services.cloudtrail.model.EventSelector;
import software.amazon.awssdk.services.cloudtrail.model.GetEventSelectorsResponse;
import software.amazon.awssdk.services.cloudtrail.model.ReadWriteType;
import software.amazon.awssdk.services.cloudtrail.model.Tag;
import software.amazon.awssdk.services.cloudtrail.model.Trail;

/**
 * The trail actions through the real handler and SDK clients on the emulator (moto serves
 * CloudTrail and the audit table): a trail is made and snapshotted (Backstop sees a benign
 * UpdateTrail), someone deletes or weakens it through the SDK, the matching sample event is
 * delivered, the fixed trail and the audit record are read back, and an operator's
 * {@code ./backstop undo} brings the bad state back exactly.
 */
class TrailRemediationIT {

    private static final String KMS_KEY = "arn:aws:kms:us-east-1:123456789012:key/1f0e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
    private static final EventSelector WITH_DATA_EVENTS = EventSelector.builder().readWriteType(ReadWriteType.ALL)
            .includeManagementEvents(true).dataResources(DataResource.builder().type("AWS::S3::Object")
                    .values("arn:aws:s3:::backstop-it-data/").build())
            .build();

    private static DemoWorld world;

    @BeforeAll
    static void emulators() {
        world = Emulators.world();
    }

    private static EngineComponent backstop(Stage stage, Mode mode) {
        return BackstopComponent.factory().create(new Settings(stage.auditTable(), stage.topicArn(), mode, List.of()),
                Clock.systemUTC());
    }

    /** A trail with tags, a key prefix and data-event selectors, snapshotted when Backstop sees a benign UpdateTrail. */
    private static Stage snapshottedTrail(String name) {
        Stage stage = world.build(Emulators.uniquePrefix(name));
        CLOUDTRAIL.addTags(request -> request.resourceId(stage.trailArn())
                .tagsList(Tag.builder().key("team").value("security").build()));
        CLOUDTRAIL.putEventSelectors(request -> request.trailName(stage.trailName()).eventSelectors(WITH_DATA_EVENTS));
        CLOUDTRAIL.updateTrail(request -> request.name(stage.trailName()).s3KeyPrefix("audit"));
        JsonNode answer = deliver(backstop(stage, Mode.ENFORCE), event("cloudtrail/update-trail-benign.json", stage,
                request -> request.put("name", stage.trailName()).put("s3KeyPrefix", "audit")));
        assertThat(answer.path("outcome").asText()).as("a benign UpdateTrail matches no rule").isEqualTo("NO_MATCH");
        assertThat(world.auditItem(stage, "trail#" + stage.trailArn())).as("the snapshot").isPresent();
        return stage;
    }

    private static String[] undo(Stage stage, String auditId) {
        return new String[] {"undo", auditId, "--yes", "--table", stage.auditTable(), "--topic", stage.topicArn()};
    }

    // ------------------------------------------------------------------------------ DeleteTrail

    @Test
    void aDeletedTrailIsRecreatedFromItsSnapshotAndUndoDeletesItAgain() {
        Stage stage = snapshottedTrail("ct-deleted");
        CLOUDTRAIL.deleteTrail(request -> request.name(stage.trailName()));
        byte[] event = event("cloudtrail/delete-trail.json", stage, request -> request.put("name", stage.trailArn()));

        JsonNode answer = deliver(backstop(stage, Mode.ENFORCE), event);

        assertThat(answer.path("outcome").asText()).isEqualTo("REMEDIATED");
        Trail trail = trail(stage);
        assertThat(trail.s3KeyPrefix()).isEqualTo("audit");
        assertThat(trail.isMultiRegionTrail()).isTrue();
        assertThat(trail.logFileValidationEnabled()).isTrue();
        assertThat(world.isLogging(stage)).isTrue();
        assertThat(tags(stage)).containsEntry("team", "security");
        assertThat(CLOUDTRAIL.getEventSelectors(request -> request.trailName(stage.trailName())).eventSelectors())
                .containsExactly(WITH_DATA_EVENTS);
        String auditId = "decision#" + eventId(event);
        JsonNode action = firstAction(world, stage, auditId);
        assertThat(action.path("action").asText()).isEqualTo("cloudtrail.recreate-trail");
        assertThat(action.path("before").path("trailExists").asText()).isEqualTo("false");
        assertThat(action.path("after").path("isLogging").asText()).isEqualTo("true");
        assertThat(action.path("undo").path("call").asText()).isEqualTo("DeleteTrail");

        CommandRun undone = CommandRun.of(undo(stage, auditId));

        assertThat(undone.exitCode()).as(undone.err()).isZero();
        assertThat(exists(stage)).as("the trail is deleted again").isFalse();
        assertThat(world.auditItem(stage, "undo#" + auditId).orElseThrow().get("outcome").s()).isEqualTo("UNDONE");
        assertThat(world.auditItem(stage, "trail#" + stage.trailArn())).as("the snapshot is retired").isEmpty();
    }

    @Test
    void aDeletedTrailWithoutSnapshotIsFailedAndNotifiedSayingSo() {
        Stage stage = world.build(Emulators.uniquePrefix("ct-nosnap"));
        CLOUDTRAIL.deleteTrail(request -> request.name(stage.trailName()));
        byte[] event = event("cloudtrail/delete-trail.json", stage, request -> request.put("name", stage.trailArn()));

        JsonNode answer = deliver(backstop(stage, Mode.ENFORCE), event);

        assertThat(answer.path("outcome").asText()).isEqualTo("FAILED");
        assertThat(exists(stage)).isFalse();
        JsonNode action = firstAction(world, stage, eventId(event));
        assertThat(action.path("severity").asText()).isEqualToIgnoringCase("high");
        assertThat(action.path("detail").asText()).contains("no snapshot");
        assertThat(world.notifications(stage, 1, Duration.ofSeconds(15))).singleElement()
                .satisfies(notification -> assertThat(notification.subject()).contains("FAILED"));
    }

    // ------------------------------------------------------------------------------ UpdateTrail

    @Test
    void aWeakenedTrailGetsItsSettingsBackAndUndoWeakensItExactlyAgain() {
        Stage stage = snapshottedTrail("ct-weakened");
        CLOUDTRAIL.updateTrail(request -> request.name(stage.trailName()).kmsKeyId(KMS_KEY));
        deliver(backstop(stage, Mode.ENFORCE), event("cloudtrail/update-trail-weakening.json", stage, request -> {
            request.removeAll();
            request.put("name", stage.trailName()).put("kmsKeyId", KMS_KEY);
        }));
        CLOUDTRAIL.updateTrail(request -> request.name(stage.trailName()).isMultiRegionTrail(false)
                .enableLogFileValidation(false).kmsKeyId(""));
        byte[] event = event("cloudtrail/update-trail-weakening.json", stage, request -> request
                .put("name", stage.trailName()).put("kmsKeyId", ""));

        JsonNode answer = deliver(backstop(stage, Mode.ENFORCE), event);

        assertThat(answer.path("outcome").asText()).isEqualTo("REMEDIATED");
        Trail fixed = trail(stage);
        assertThat(fixed.isMultiRegionTrail()).isTrue();
        assertThat(fixed.logFileValidationEnabled()).isTrue();
        assertThat(fixed.kmsKeyId()).isEqualTo(KMS_KEY);
        assertThat(fixed.s3KeyPrefix()).as("a setting the change did not weaken stays").isEqualTo("audit");
        String auditId = "decision#" + eventId(event);
        JsonNode action = firstAction(world, stage, auditId);
        assertThat(action.path("before").path("isMultiRegionTrail").asText()).isEqualTo("false");
        assertThat(action.path("before").path("kmsKeyId").asText()).isEmpty();
        assertThat(action.path("after").path("kmsKeyId").asText()).isEqualTo(KMS_KEY);
        assertThat(action.path("undo").path("call").asText()).isEqualTo("UpdateTrail");

        CommandRun undone = CommandRun.of(undo(stage, auditId));

        assertThat(undone.exitCode()).as(undone.err()).isZero();
        Trail weakAgain = trail(stage);
        assertThat(weakAgain.isMultiRegionTrail()).isFalse();
        assertThat(weakAgain.logFileValidationEnabled()).isFalse();
        assertThat(weakAgain.kmsKeyId()).isNullOrEmpty();
        assertThat(weakAgain.s3KeyPrefix()).isEqualTo("audit");
        assertThat(world.auditItem(stage, "undo#" + auditId).orElseThrow().get("outcome").s()).isEqualTo("UNDONE");
    }

    @Test
    void withoutSnapshotWhatTheCallTurnedOffIsTurnedBackOnAndARemovedKeyIsRefused() {
        Stage stage = world.build(Emulators.uniquePrefix("ct-flags"));
        CLOUDTRAIL.updateTrail(request -> request.name(stage.trailName()).isMultiRegionTrail(false)
                .enableLogFileValidation(false));
        byte[] flags = event("cloudtrail/update-trail-weakening.json", stage, request -> request
                .put("name", stage.trailName()));

        JsonNode answer = deliver(backstop(stage, Mode.ENFORCE), flags);

        assertThat(answer.path("outcome").asText()).isEqualTo("REMEDIATED");
        assertThat(trail(stage).isMultiRegionTrail()).isTrue();
        assertThat(trail(stage).logFileValidationEnabled()).isTrue();
        assertThat(world.auditItem(stage, "trail#" + stage.trailArn())).as("a weakening call is no snapshot").isEmpty();

        CLOUDTRAIL.updateTrail(request -> request.name(stage.trailName()).kmsKeyId(""));
        byte[] removedKey = event("cloudtrail/update-trail-weakening.json", stage, request -> {
            request.removeAll();
            request.put("name", stage.trailName()).put("kmsKeyId", "");
        });

        JsonNode refused = deliver(backstop(stage, Mode.ENFORCE), removedKey);

        assertThat(refused.path("outcome").asText()).isEqualTo("FAILED");
        assertThat(firstAction(world, stage, eventId(removedKey)).path("detail").asText())
                .contains("refused").contains("no snapshot");
    }

    @Test
    void anotherBucketIsReplacedByTheSnapshottedOne() {
        Stage stage = snapshottedTrail("ct-bucket");
        String bucket = trail(stage).s3BucketName();
        CLOUDTRAIL.updateTrail(request -> request.name(stage.trailName()).s3BucketName("attacker-owned-bucket")
                .s3KeyPrefix(""));
        byte[] event = event("cloudtrail/update-trail-weakening.json", stage, request -> {
            request.removeAll();
            request.put("name", stage.trailArn()).put("s3BucketName", "attacker-owned-bucket").put("s3KeyPrefix", "");
        });

        JsonNode answer = deliver(backstop(stage, Mode.ENFORCE), event);

        assertThat(answer.path("outcome").asText()).isEqualTo("REMEDIATED");
        assertThat(trail(stage).s3BucketName()).isEqualTo(bucket);
        assertThat(trail(stage).s3KeyPrefix()).isEqualTo("audit");
    }

    @Test
    void dryRunRecordsTheWeakeningAndChangesNothing() {
        Stage stage = snapshottedTrail("ct-dryrun");
        CLOUDTRAIL.updateTrail(request -> request.name(stage.trailName()).isMultiRegionTrail(false));
        byte[] event = event("cloudtrail/update-trail-weakening.json", stage, request -> request
                .put("name", stage.trailName()).remove("enableLogFileValidation"));

        JsonNode answer = deliver(backstop(stage, Mode.DRY_RUN), event);

        assertThat(answer.path("outcome").asText()).isEqualTo("WOULD_REMEDIATE");
        assertThat(trail(stage).isMultiRegionTrail()).isFalse();
    }

    @Test
    void aProtectedPrincipalsWeakeningIsTrustedAndBecomesTheSnapshot() {
        Stage stage = snapshottedTrail("ct-trusted");
        CLOUDTRAIL.updateTrail(request -> request.name(stage.trailName()).isMultiRegionTrail(false));
        byte[] event = event("cloudtrail/update-trail-weakening.json", stage, request -> request
                .put("name", stage.trailName()).remove("enableLogFileValidation"));
        // The sample's caller, as ProtectedPrincipalArns names it: in its own account, never a wildcard one.
        String deployer = "arn:aws:iam::" + stage.trailArn().split(":")[4] + ":role/DeveloperAccess";

        JsonNode answer = deliver(BackstopComponent.factory().create(new Settings(stage.auditTable(), stage.topicArn(),
                Mode.ENFORCE, List.of()).withProtectedPrincipals(List.of(deployer)), Clock.systemUTC()), event);

        assertThat(answer.path("outcome").asText()).as("told, never acted on").isEqualTo("PROTECTED");
        assertThat(trail(stage).isMultiRegionTrail()).isFalse();
        assertThat(world.auditItem(stage, "trail#" + stage.trailArn()).orElseThrow().get("config").s())
                .contains("\"multiRegion\":false");
    }

    // ------------------------------------------------------------------------------ event selectors

    @Test
    void droppedManagementEventsAreLoggedAgainAndUndoDropsThemExactlyAgain() {
        Stage stage = snapshottedTrail("ct-selectors");
        EventSelector dataOnly = WITH_DATA_EVENTS.toBuilder().includeManagementEvents(false).build();
        CLOUDTRAIL.putEventSelectors(request -> request.trailName(stage.trailName()).eventSelectors(dataOnly));
        byte[] event = event("cloudtrail/put-event-selectors-no-management.json", stage,
                request -> request.put("trailName", stage.trailName()));

        JsonNode answer = deliver(backstop(stage, Mode.ENFORCE), event);

        assertThat(answer.path("outcome").asText()).isEqualTo("REMEDIATED");
        assertThat(selectors(stage).eventSelectors()).containsExactly(WITH_DATA_EVENTS);
        String auditId = "decision#" + eventId(event);
        JsonNode action = firstAction(world, stage, auditId);
        assertThat(action.path("before").path("managementEvents").asText()).isEqualTo("none");
        assertThat(action.path("after").path("managementEvents").asText()).isEqualTo("read and write");

        CommandRun undone = CommandRun.of(undo(stage, auditId));

        assertThat(undone.exitCode()).as(undone.err()).isZero();
        assertThat(selectors(stage).eventSelectors()).containsExactly(dataOnly);
        assertThat(world.auditItem(stage, "undo#" + auditId).orElseThrow().get("outcome").s()).isEqualTo("UNDONE");
    }

    @Test
    void advancedSelectorsWithoutManagementEventsAreReplacedByTheSnapshotsAndUndoPutsThemBack() {
        Stage stage = snapshottedTrail("ct-advanced");
        AdvancedEventSelector dataOnly = AdvancedEventSelector.builder().name("S3 data events only").fieldSelectors(
                AdvancedFieldSelector.builder().field("eventCategory").equalsValue("Data").build(),
                AdvancedFieldSelector.builder().field("resources.type").equalsValue("AWS::S3::Object").build())
                .build();
        CLOUDTRAIL.putEventSelectors(request -> request.trailName(stage.trailName()).advancedEventSelectors(dataOnly));
        byte[] event = event("cloudtrail/put-advanced-event-selectors-no-management.json", stage,
                request -> request.put("trailName", stage.trailArn()));

        JsonNode answer = deliver(backstop(stage, Mode.ENFORCE), event);

        assertThat(answer.path("outcome").asText()).isEqualTo("REMEDIATED");
        assertThat(selectors(stage).eventSelectors()).containsExactly(WITH_DATA_EVENTS);

        CommandRun undone = CommandRun.of(undo(stage, eventId(event)));

        assertThat(undone.exitCode()).as(undone.err()).isZero();
        GetEventSelectorsResponse after = selectors(stage);
        assertThat(after.eventSelectors()).isEmpty();
        assertThat(after.advancedEventSelectors()).containsExactly(dataOnly);
    }

    @Test
    void droppedManagementEventsWithoutSnapshotAreFailedSayingSo() {
        Stage stage = world.build(Emulators.uniquePrefix("ct-sel-nosnap"));
        CLOUDTRAIL.putEventSelectors(request -> request.trailName(stage.trailName())
                .eventSelectors(WITH_DATA_EVENTS.toBuilder().includeManagementEvents(false).build()));
        byte[] event = event("cloudtrail/put-event-selectors-no-management.json", stage,
                request -> request.put("trailName", stage.trailName()));

        JsonNode answer = deliver(backstop(stage, Mode.ENFORCE), event);

        assertThat(answer.path("outcome").asText()).isEqualTo("FAILED");
        assertThat(firstAction(world, stage, eventId(event)).path("detail").asText()).contains("no snapshot");
    }

    private static GetEventSelectorsResponse selectors(Stage stage) {
        return CLOUDTRAIL.getEventSelectors(request -> request.trailName(stage.trailName()));
    }
}
