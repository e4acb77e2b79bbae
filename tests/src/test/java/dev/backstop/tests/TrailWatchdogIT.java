package dev.backstop.tests;

import static dev.backstop.tests.TrailFixture.CLOUDTRAIL;
import static dev.backstop.tests.TrailFixture.JSON;
import static dev.backstop.tests.TrailFixture.exists;
import static dev.backstop.tests.TrailFixture.trail;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.cli.demo.DemoWorld;
import dev.backstop.cli.demo.DemoWorld.Stage;
import dev.backstop.cli.demo.TerminalContext;
import dev.backstop.config.Mode;
import dev.backstop.config.RulesLocation;
import dev.backstop.config.Settings;
import dev.backstop.handlers.watchdog.WatchdogComponent;
import dev.backstop.handlers.watchdog.TrailWatchdogHandler;
import dev.backstop.testing.SampleEvents;
import dev.backstop.watchdog.WatchdogScope;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The trail watchdog through its real handler on the emulators: no event, only the schedule's.
 * The emulators are shared, so the watchdog is scoped to this test's trails (WatchdogTrails),
 * and a team rule file guards them in the shipped rule's place, as a team that guards some
 * trails and not others would write it.
 */
class TrailWatchdogIT {

    private static DemoWorld world;

    @BeforeAll
    static void emulators() {
        world = Emulators.world();
    }

    /** The watchdog with rules that guard only the stage's trails. */
    private static TrailWatchdogHandler watchdog(Stage stage, Mode mode) {
        String bucket = stage.trailName() + "-rules";
        world.s3().createBucket(request -> request.bucket(bucket));
        String arnPrefix = stage.trailArn().substring(0, stage.trailArn().indexOf(":trail/") + ":trail/".length())
                + stage.trailName();
        world.s3().putObject(request -> request.bucket(bucket).key("team.yaml"), RequestBody.fromString("""
                version: 1
                rules:
                  - id: watchdog-%s
                    description: The watchdog guards this test's trails only.
                    severity: high
                    mode: enforce
                    match:
                      source: [backstop.watchdog]
                      detail:
                        eventName: [TrailDrift]
                        requestParameters:
                          name: [{prefix: "%s"}]
                    actions:
                      - action: cloudtrail.recreate-trail
                      - action: cloudtrail.start-logging
                      - action: cloudtrail.restore-trail-settings
                      - action: cloudtrail.restore-event-selectors
                overrides:
                  cloudtrail-watchdog-drift:
                    mode: off
                """.formatted(stage.trailName(), arnPrefix)));
        Settings settings = new Settings(stage.auditTable(), stage.topicArn(), mode, List.of(),
                Optional.of(RulesLocation.parse("s3://" + bucket + "/team.yaml")), Duration.ofMinutes(5));
        return new TrailWatchdogHandler(WatchdogComponent.create(settings, Clock.systemUTC()),
                new WatchdogScope(List.of(arnPrefix + "*")));
    }

    /** One run, started by a fresh Scheduled Event; returns the stage trail's part of the handler's answer. */
    private static JsonNode run(TrailWatchdogHandler watchdog, Stage stage, String runId) throws IOException {
        byte[] scheduled = SampleEvents.edited(TrailFixture.WATCHDOG_SAMPLE, event -> event.put("id", runId)
                .put("account", stage.trailArn().split(":")[4]));
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        watchdog.handleRequest(new ByteArrayInputStream(scheduled), answer,
                new TerminalContext(new PrintStream(new ByteArrayOutputStream())));
        JsonNode trails = JSON.readTree(answer.toByteArray()).path("trails");
        return StreamSupport.stream(trails.spliterator(), false)
                .filter(trail -> trail.path("trail").asText().equals(stage.trailArn()))
                .findFirst().orElseThrow(() -> new AssertionError("the run did not check " + stage.trailArn()));
    }

    @Test
    void aStoppedAndWeakenedTrailIsFoundWithoutAnyEventAndFixed() throws IOException {
        Stage stage = world.build(Emulators.uniquePrefix("wd-drift"));
        TrailWatchdogHandler enforcing = watchdog(stage, Mode.ENFORCE);
        JsonNode first = run(enforcing, stage, UUID.randomUUID().toString());
        assertThat(first.path("snapshotted").asBoolean()).as("a whole trail is snapshotted").isTrue();
        assertThat(first.path("drift")).isEmpty();
        world.stopLogging(stage);
        CLOUDTRAIL.updateTrail(request -> request.name(stage.trailName()).isMultiRegionTrail(false)
                .enableLogFileValidation(false));

        String dryRun = UUID.randomUUID().toString();
        JsonNode planned = run(watchdog(stage, Mode.DRY_RUN), stage, dryRun);

        assertThat(planned.path("outcome").asText()).isEqualTo("WOULD_REMEDIATE");
        assertThat(world.isLogging(stage)).isFalse();
        assertThat(trail(stage).isMultiRegionTrail()).isFalse();

        String runId = UUID.randomUUID().toString();
        JsonNode fixed = run(enforcing, stage, runId);

        assertThat(fixed.path("drift")).extracting(JsonNode::asText).containsExactly("not logging",
                "multi-region turned off", "log file validation turned off");
        assertThat(fixed.path("outcome").asText()).isEqualTo("REMEDIATED");
        assertThat(world.isLogging(stage)).isTrue();
        assertThat(trail(stage).isMultiRegionTrail()).isTrue();
        assertThat(trail(stage).logFileValidationEnabled()).isTrue();
        String auditId = "decision#watchdog#" + runId + "#" + stage.trailArn();
        assertThat(fixed.path("auditId").asText()).isEqualTo(auditId);
        var record = world.auditItem(stage, auditId).orElseThrow();
        assertThat(record.get("outcome").s()).isEqualTo("REMEDIATED");
        assertThat(record.get("eventName").s()).isEqualTo("TrailDrift");
        assertThat(JSON.readTree(record.get("actions").s())).extracting(action -> action.path("action").asText() + " "
                + action.path("outcome").asText()).containsExactly("cloudtrail.recreate-trail ALREADY_COMPLIANT",
                "cloudtrail.start-logging REMEDIATED", "cloudtrail.restore-trail-settings REMEDIATED",
                "cloudtrail.restore-event-selectors ALREADY_COMPLIANT");
        assertThat(world.auditItem(stage, "decision#watchdog#" + dryRun + "#" + stage.trailArn()).orElseThrow()
                .get("outcome").s()).isEqualTo("WOULD_REMEDIATE");
    }

    @Test
    void aDeletedTrailIsRecreatedByTheNextRunAndARedeliveredRunDecidesNothingTwice() throws IOException {
        Stage stage = world.build(Emulators.uniquePrefix("wd-deleted"));
        TrailWatchdogHandler watchdog = watchdog(stage, Mode.ENFORCE);
        run(watchdog, stage, UUID.randomUUID().toString());
        CLOUDTRAIL.deleteTrail(request -> request.name(stage.trailName()));

        String runId = UUID.randomUUID().toString();
        JsonNode fixed = run(watchdog, stage, runId);

        assertThat(fixed.path("drift")).extracting(JsonNode::asText).containsExactly("trail deleted");
        assertThat(fixed.path("outcome").asText()).isEqualTo("REMEDIATED");
        assertThat(exists(stage)).isTrue();
        assertThat(world.isLogging(stage)).isTrue();
        assertThat(trail(stage).isMultiRegionTrail()).isTrue();

        CLOUDTRAIL.deleteTrail(request -> request.name(stage.trailName()));
        JsonNode again = run(watchdog, stage, runId);

        assertThat(again.path("outcome").asText()).as("the same run id, redelivered").isEqualTo("DUPLICATE");
        assertThat(exists(stage)).isFalse();
    }
}
