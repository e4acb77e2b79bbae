package dev.backstop.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.cli.demo.DemoWorld;
import dev.backstop.cli.demo.DemoWorld.Notification;
import dev.backstop.cli.demo.DemoWorld.Stage;
import dev.backstop.cli.demo.TerminalContext;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.cli.BackstopComponent;
import dev.backstop.handlers.cloudtrail.CloudTrailHandler;
import dev.backstop.testing.SampleEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The closed loop for a stopped trail, through the real handler and SDK clients, on the emulators. */
class StopLoggingLoopIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static DemoWorld world;

    @BeforeAll
    static void emulators() {
        world = Emulators.world();
    }

    private static JsonNode deliver(Stage stage, Mode mode, byte[] event) throws IOException {
        Settings settings = new Settings(stage.auditTable(), stage.topicArn(), mode, List.of());
        CloudTrailHandler handler = new CloudTrailHandler(BackstopComponent.factory().create(settings, Clock.systemUTC()));
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), answer, new TerminalContext(new PrintStream(
                new ByteArrayOutputStream())));
        return JSON.readTree(answer.toByteArray());
    }

    private static byte[] stopLoggingEvent(Stage stage) {
        return world.stopLoggingEvent(SampleEvents.path("cloudtrail/stop-logging.json"), stage);
    }

    private static String eventIdOf(byte[] event) throws IOException {
        return JSON.readTree(event).path("detail").path("eventID").asText();
    }

    @Test
    void aStoppedTrailLogsAgainAndTheDecisionIsAuditedAndNotified() throws IOException {
        Stage stage = world.build(Emulators.uniquePrefix("loop"));
        world.stopLogging(stage);
        assertThat(world.isLogging(stage)).isFalse();
        byte[] event = stopLoggingEvent(stage);

        JsonNode answer = deliver(stage, Mode.ENFORCE, event);

        assertThat(world.isLogging(stage)).isTrue();
        assertThat(answer.path("outcome").asText()).isEqualTo("REMEDIATED");
        Map<String, AttributeValue> record = world.auditItem(stage, eventIdOf(event)).orElseThrow();
        assertThat(record.get("outcome").s()).isEqualTo("REMEDIATED");
        assertThat(record.get("status").s()).isEqualTo("complete");
        assertThat(record.get("eventName").s()).isEqualTo("StopLogging");
        String account = stage.trailArn().split(":")[4];
        assertThat(record.get("account").s()).isEqualTo(account);
        assertThat(record.get("principal").s()).isEqualTo("arn:aws:sts::" + account + ":assumed-role/DeveloperAccess/mallory");
        assertThat(record.get("resources").ss()).containsExactly(stage.trailArn());
        assertThat(record.get("notification").s()).isEqualTo("sent");
        JsonNode action = JSON.readTree(record.get("actions").s()).get(0);
        assertThat(action.path("before").path("isLogging").asText()).isEqualTo("false");
        assertThat(action.path("after").path("isLogging").asText()).isEqualTo("true");
        assertThat(action.path("undo").path("call").asText()).isEqualTo("StopLogging");
        List<Notification> notifications = world.notifications(stage, 1, Duration.ofSeconds(15));
        assertThat(notifications).singleElement().satisfies(notification -> {
            assertThat(notification.subject()).isEqualTo("Backstop REMEDIATED: StopLogging");
            assertThat(JSON.readTree(notification.message()).path("summary").asText())
                    .contains("Remediated cloudtrail.start-logging on " + stage.trailArn());
        });
    }

    @Test
    void theSameEventDeliveredTwiceActsOnceAndRecordsTheDuplicate() throws IOException {
        Stage stage = world.build(Emulators.uniquePrefix("twice"));
        world.stopLogging(stage);
        byte[] event = stopLoggingEvent(stage);
        deliver(stage, Mode.ENFORCE, event);
        // Stopped again behind Backstop's back: only a second StartLogging would turn it on now.
        world.stopLogging(stage);

        JsonNode second = deliver(stage, Mode.ENFORCE, event);

        assertThat(second.path("outcome").asText()).isEqualTo("DUPLICATE");
        assertThat(world.isLogging(stage)).isFalse();
        // Decision records only: steps and breakers keep items of their own kind in the table.
        List<Map<String, AttributeValue>> records = world.auditItems(stage).stream()
                .filter(item -> !item.containsKey("kind")).toList();
        assertThat(records).extracting(item -> item.get("outcome").s())
                .containsExactlyInAnyOrder("REMEDIATED", "DUPLICATE");
        assertThat(records).allSatisfy(item -> assertThat(item.get("eventId").s()).isEqualTo(eventIdOf(event)));
        assertThat(world.notifications(stage, 2, Duration.ofSeconds(5))).hasSize(1);
    }

    @Test
    void aFailedStopLoggingLeadsToNoActionOnlyAnAuditRecord() throws IOException {
        Stage stage = world.build(Emulators.uniquePrefix("denied"));
        world.stopLogging(stage);
        ObjectNode denied = (ObjectNode) JSON.readTree(stopLoggingEvent(stage));
        ((ObjectNode) denied.get("detail")).put("errorCode", "AccessDenied").put("errorMessage", "not authorized");
        byte[] event = JSON.writeValueAsBytes(denied);

        JsonNode answer = deliver(stage, Mode.ENFORCE, event);

        assertThat(answer.path("outcome").asText()).isEqualTo("IGNORED");
        assertThat(world.isLogging(stage)).isFalse();
        assertThat(world.auditItem(stage, eventIdOf(event)).orElseThrow().get("reason").s()).contains("AccessDenied");
    }

    @Test
    void dryRunRecordsWhatItWouldDoAndLeavesTheTrailAlone() throws IOException {
        Stage stage = world.build(Emulators.uniquePrefix("dryrun"));
        world.stopLogging(stage);
        byte[] event = stopLoggingEvent(stage);

        JsonNode answer = deliver(stage, Mode.DRY_RUN, event);

        assertThat(answer.path("outcome").asText()).isEqualTo("WOULD_REMEDIATE");
        assertThat(world.isLogging(stage)).isFalse();
        Map<String, AttributeValue> record = world.auditItem(stage, eventIdOf(event)).orElseThrow();
        assertThat(JSON.readTree(record.get("actions").s()).get(0).path("before").path("isLogging").asText())
                .isEqualTo("false");
    }

    @Test
    void anOperatorUndoesTheRemediationOnceThroughTheCommandLine() throws IOException {
        Stage stage = world.build(Emulators.uniquePrefix("undo"));
        world.stopLogging(stage);
        byte[] event = stopLoggingEvent(stage);
        deliver(stage, Mode.ENFORCE, event);
        String auditId = "decision#" + eventIdOf(event);
        String[] undo = {"undo", auditId, "--yes", "--table", stage.auditTable(), "--topic", stage.topicArn()};

        CommandRun first = CommandRun.of(undo);
        CommandRun second = CommandRun.of(undo);

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("UNDONE cloudtrail.start-logging on " + stage.trailArn());
        assertThat(world.isLogging(stage)).isFalse();
        Map<String, AttributeValue> record = world.auditItem(stage, "undo#" + auditId).orElseThrow();
        assertThat(record.get("outcome").s()).isEqualTo("UNDONE");
        assertThat(second.exitCode()).isEqualTo(1);
        assertThat(second.err()).contains(auditId + " was undone already");
    }

    @Test
    void aMalformedEventIsRejectedAndAuditedWithoutACrash() throws IOException {
        Stage stage = world.build(Emulators.uniquePrefix("malformed"));
        ObjectNode broken = (ObjectNode) JSON.readTree(stopLoggingEvent(stage));
        ((ObjectNode) broken.get("detail")).remove("eventID");

        JsonNode answer = deliver(stage, Mode.ENFORCE, JSON.writeValueAsBytes(broken));

        assertThat(answer.path("outcome").asText()).isEqualTo("REJECTED");
        assertThat(world.auditItem(stage, answer.path("auditId").asText()).orElseThrow().get("reason").s())
                .isEqualTo("malformed event: detail.eventID: is missing");
    }
}
