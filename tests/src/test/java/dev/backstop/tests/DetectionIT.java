package dev.backstop.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.aws.JsonApi;
import dev.backstop.cli.demo.DemoWorld;
import dev.backstop.cli.demo.DemoWorld.Stage;
import dev.backstop.cli.demo.TerminalContext;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.handlers.detection.DetectionComponent;
import dev.backstop.handlers.detection.DetectionHandler;
import dev.backstop.testing.SampleEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * Someone blinds the account's detective services, on the emulators (GuardDuty and AWS Config on
 * moto, CloudWatch Logs on LocalStack, CloudTrail on moto): the real detection handler, given the
 * call as CloudTrail records it, switches the service back on and reads it back; `./backstop undo`
 * switches it off again. Security Hub's standards, GuardDuty's IP sets and Resolver's query logging
 * (moto tags no query logging configuration and serves no disassociation) are tested at the SDK
 * edge instead: SecurityHubSdkEdgeTest, ResolverSdkEdgeTest.
 */
class DetectionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "000000000000";
    private static final SdkHttpClient HTTP = UrlConnectionHttpClient.create();
    private static final Region REGION = Region.US_EAST_1;
    private static final EnvironmentVariableCredentialsProvider CREDENTIALS = EnvironmentVariableCredentialsProvider.create();
    private static final JsonApi GUARDDUTY = new JsonApi(HTTP, CREDENTIALS, REGION,
            new JsonApi.Service("guardduty", "guardduty", "GuardDuty", null));

    private static DemoWorld world;
    private static Stage stage;

    @BeforeAll
    static void emulators() {
        world = Emulators.world();
        stage = world.build(Emulators.uniquePrefix("detect"));
    }

    private static JsonNode deliver(String sample, Consumer<ObjectNode> request) throws IOException {
        return deliver(sample, Instant.now(), request);
    }

    private static JsonNode deliver(String sample, Instant at, Consumer<ObjectNode> request) throws IOException {
        String now = at.truncatedTo(ChronoUnit.SECONDS).toString();
        byte[] event = SampleEvents.edited(sample, e -> {
            e.put("id", UUID.randomUUID().toString()).put("account", ACCOUNT).put("time", now).put("region", REGION.id());
            ObjectNode detail = (ObjectNode) e.get("detail");
            detail.put("eventID", UUID.randomUUID().toString()).put("eventTime", now).put("recipientAccountId", ACCOUNT)
                    .put("awsRegion", REGION.id());
            // Some calls (DisableSecurityHub) record null parameters: an edit has nothing to change there.
            request.accept(detail.get("requestParameters") instanceof ObjectNode parameters ? parameters
                    : JSON.createObjectNode());
        });
        Settings settings = new Settings(stage.auditTable(), stage.topicArn(), Mode.ENFORCE, List.of());
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        new DetectionHandler(DetectionComponent.create(settings, Clock.systemUTC())).handleRequest(
                new ByteArrayInputStream(event), answer, new TerminalContext(new PrintStream(new ByteArrayOutputStream())));
        return JSON.readTree(answer.toByteArray());
    }

    private static CommandRun undo(JsonNode decision) {
        return CommandRun.of("undo", decision.path("auditId").asText(), "--yes", "--table", stage.auditTable(), "--topic",
                stage.topicArn());
    }

    private static List<String> rules(JsonNode decision) {
        return world.auditItem(stage, decision.path("auditId").asText()).orElseThrow().get("rules").ss();
    }

    /** The undo data the decision's audit record keeps for the action, as the undo reads it (version 2). */
    private static JsonNode storedUndo(JsonNode decision, String action) throws IOException {
        JsonNode actions = JSON.readTree(world.auditItem(stage, decision.path("auditId").asText()).orElseThrow()
                .get("actions").s());
        for (JsonNode each : actions) {
            if (action.equals(each.path("action").asText())) {
                assertThat(each.path("undo").path("undoVersion").asInt()).as(each.toString()).isEqualTo(2);
                return each.path("undo");
            }
        }
        throw new AssertionError("the audit record holds no " + action + ": " + actions);
    }

    private static String detectorStatus(String detectorId) {
        return GUARDDUTY.rest(SdkHttpMethod.GET, "/detector/" + detectorId, null).path("status").asText();
    }

    @Test
    void aDisabledGuardDutyDetectorIsEnabledAgainReadBackAndUndoable() throws IOException {
        String detectorId = GUARDDUTY.rest(SdkHttpMethod.POST, "/detector",
                JsonNodeFactory.instance.objectNode().put("enable", true)).path("detectorId").asText();
        GUARDDUTY.rest(SdkHttpMethod.POST, "/detector/" + detectorId,
                JsonNodeFactory.instance.objectNode().put("enable", false));
        assertThat(detectorStatus(detectorId)).isEqualTo("DISABLED");

        JsonNode decision = deliver("guardduty/update-detector-disable.json", request -> request.put("detectorId", detectorId));

        assertThat(decision.path("outcome").asText()).as(decision.toString()).isEqualTo("REMEDIATED");
        assertThat(detectorStatus(detectorId)).isEqualTo("ENABLED");
        assertThat(rules(decision)).containsExactly("guardduty-detector-disabled");
        assertThat(storedUndo(decision, "guardduty.enable-detector").path("detectorId").asText()).isEqualTo(detectorId);

        CommandRun undone = undo(decision);

        assertThat(undone.exitCode()).as(undone.out() + undone.err()).isZero();
        assertThat(detectorStatus(detectorId)).as("undo turns it off again").isEqualTo("DISABLED");
    }

    @Test
    void aDetectorThatNoLongerExistsIsNotRecreatedAndTheDecisionSaysItIsGone() throws IOException {
        JsonNode decision = deliver("guardduty/update-detector-disable.json",
                request -> request.put("detectorId", UUID.randomUUID().toString().replace("-", "")));

        assertThat(decision.path("outcome").asText()).as(decision.toString()).isNotEqualTo("REMEDIATED");
    }

    @Test
    void aStoppedConfigRecorderIsStartedAgainReadBackAndUndoable() throws IOException {
        String recorder = ConfigRecorder.in(stage.trailName() + "-logs");
        ConfigRecorder.stop(recorder);
        assertThat(ConfigRecorder.recording(recorder)).isFalse();

        JsonNode decision = deliver("config/stop-configuration-recorder.json",
                request -> request.put("configurationRecorderName", recorder));

        assertThat(decision.path("outcome").asText()).as(decision.toString()).isEqualTo("REMEDIATED");
        assertThat(ConfigRecorder.recording(recorder)).isTrue();
        assertThat(rules(decision)).containsExactly("config-recorder-stopped");
        assertThat(storedUndo(decision, "config.start-recorder").path("name").asText()).isEqualTo(recorder);

        CommandRun undone = undo(decision);

        assertThat(undone.exitCode()).as(undone.out() + undone.err()).isZero();
        assertThat(ConfigRecorder.recording(recorder)).as("undo stops it again").isFalse();
    }

    private static Integer retention(CloudWatchLogsClient logs, String group) {
        return logs.describeLogGroups(request -> request.logGroupNamePrefix(group)).logGroups().get(0).retentionInDays();
    }

    @Test
    void aTrailsLogGroupRetentionCutIsPutBackToTheRecordedOneReadBackAndUndoable() throws IOException {
        String group = Emulators.uniquePrefix("trail-logs");
        Stage trailed = world.withTrail(stage, Emulators.uniquePrefix("retained"));
        try (CloudTrailClient cloudTrail = AwsClientsModule.build(CloudTrailClient.builder(), HTTP, CREDENTIALS, REGION);
                CloudWatchLogsClient logs = AwsClientsModule.build(CloudWatchLogsClient.builder(), HTTP, CREDENTIALS, REGION)) {
            cloudTrail.updateTrail(request -> request.name(trailed.trailName())
                    .cloudWatchLogsLogGroupArn("arn:aws:logs:us-east-1:" + ACCOUNT + ":log-group:" + group + ":*")
                    .cloudWatchLogsRoleArn("arn:aws:iam::" + ACCOUNT + ":role/trail-to-logs"));
            logs.createLogGroup(request -> request.logGroupName(group));
            logs.putRetentionPolicy(request -> request.logGroupName(group).retentionInDays(400));
            JsonNode recorded = deliver("logs/put-retention-policy.json", Instant.now().minusSeconds(60),
                    request -> request.put("logGroupName", group).put("retentionInDays", 400));
            assertThat(recorded.path("outcome").asText()).as("400 days is above the rule's minimum: %s", recorded)
                    .isEqualTo("ALREADY_COMPLIANT");
            assertThat(retention(logs, group)).isEqualTo(400);

            logs.putRetentionPolicy(request -> request.logGroupName(group).retentionInDays(1));
            JsonNode decision = deliver("logs/put-retention-policy.json",
                    request -> request.put("logGroupName", group).put("retentionInDays", 1));

            assertThat(decision.path("outcome").asText()).as(decision.toString()).isEqualTo("REMEDIATED");
            assertThat(retention(logs, group)).as("the retention recorded before the cut").isEqualTo(400);
            JsonNode stored = storedUndo(decision, "logs.restore-retention");
            assertThat(stored.path("logGroupName").asText()).isEqualTo(group);
            assertThat(stored.path("before").asText() + " -> " + stored.path("restored").asText()).isEqualTo("1 -> 400");

            CommandRun undone = undo(decision);

            assertThat(undone.exitCode()).as(undone.out() + undone.err()).isZero();
            assertThat(retention(logs, group)).as("undo sets the cut again").isEqualTo(1);
        }
    }

    /** Two cuts in a row: the second's "before" is the first cut, which must never become the target. */
    @Test
    void aSecondCutBeforeBackstopsRestoreLandsIsNotTakenAsTheRetentionToRestore() throws IOException {
        String group = Emulators.uniquePrefix("trail-logs");
        Stage trailed = world.withTrail(stage, Emulators.uniquePrefix("recut"));
        try (CloudTrailClient cloudTrail = AwsClientsModule.build(CloudTrailClient.builder(), HTTP, CREDENTIALS, REGION);
                CloudWatchLogsClient logs = AwsClientsModule.build(CloudWatchLogsClient.builder(), HTTP, CREDENTIALS, REGION)) {
            cloudTrail.updateTrail(request -> request.name(trailed.trailName())
                    .cloudWatchLogsLogGroupArn("arn:aws:logs:us-east-1:" + ACCOUNT + ":log-group:" + group + ":*")
                    .cloudWatchLogsRoleArn("arn:aws:iam::" + ACCOUNT + ":role/trail-to-logs"));
            logs.createLogGroup(request -> request.logGroupName(group));
            logs.putRetentionPolicy(request -> request.logGroupName(group).retentionInDays(1));
            JsonNode first = deliver("logs/put-retention-policy.json", Instant.now().minusSeconds(60),
                    request -> request.put("logGroupName", group).put("retentionInDays", 1));
            assertThat(first.path("outcome").asText()).as(first.toString()).isEqualTo("REMEDIATED");

            logs.putRetentionPolicy(request -> request.logGroupName(group).retentionInDays(1));
            JsonNode second = deliver("logs/put-retention-policy.json", Instant.now().minusSeconds(30),
                    request -> request.put("logGroupName", group).put("retentionInDays", 1));

            assertThat(second.path("outcome").asText()).as(second.toString()).isEqualTo("REMEDIATED");
            assertThat(retention(logs, group)).as("the rule's minimum, not the first cut").isEqualTo(365);
        }
    }

    @Test
    void aRetentionCutOnALogGroupNoTrailWritesToIsLeftToTheTeam() throws IOException {
        String group = Emulators.uniquePrefix("app-logs");
        try (CloudWatchLogsClient logs = AwsClientsModule.build(CloudWatchLogsClient.builder(), HTTP, CREDENTIALS, REGION)) {
            logs.createLogGroup(request -> request.logGroupName(group));
            logs.putRetentionPolicy(request -> request.logGroupName(group).retentionInDays(1));

            JsonNode decision = deliver("logs/put-retention-policy.json",
                    request -> request.put("logGroupName", group).put("retentionInDays", 1));

            assertThat(decision.path("outcome").asText()).as(decision.toString()).isEqualTo("NO_MATCH");
            assertThat(retention(logs, group)).isEqualTo(1);
        }
    }

    /** The calls no action can safely reverse: the team is told, with what to run where the rule says. */
    @ParameterizedTest
    @CsvSource({
            "guardduty/delete-detector.json, guardduty-detector-deleted, create-detector",
            "guardduty/create-filter-archive.json, guardduty-findings-suppressed, guardduty.amazonaws.com CreateFilter",
            "config/delete-delivery-channel.json, config-delivery-channel-deleted, config.amazonaws.com DeleteDeliveryChannel",
            "config/delete-configuration-recorder.json, config-delivery-channel-deleted, DeleteConfigurationRecorder",
            "securityhub/disable-security-hub.json, securityhub-disabled, securityhub.amazonaws.com DisableSecurityHub",
            "organizations/leave-organization.json, organizations-account-left, LeaveOrganization"})
    void aCallThatCannotBeReversedIsToldToTheTeam(String sample, String rule, String told) throws IOException {
        JsonNode decision = deliver(sample, request -> { });

        assertThat(decision.path("outcome").asText()).as(decision.toString()).isEqualTo("NOTIFIED");
        assertThat(rules(decision)).containsExactly(rule);
        assertThat(world.auditItem(stage, decision.path("auditId").asText()).orElseThrow().get("actions").s())
                .contains(told);
    }
}
