package dev.backstop.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.canary.CanarySettings;
import dev.backstop.cli.BackstopComponent;
import dev.backstop.cli.demo.DemoWorld;
import dev.backstop.cli.demo.DemoWorld.Stage;
import dev.backstop.cli.demo.TerminalContext;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.handlers.canary.CanaryComponent;
import dev.backstop.handlers.canary.CanaryHandler;
import dev.backstop.handlers.s3.S3Handler;
import dev.backstop.telemetry.Heartbeat;
import dev.backstop.testing.SampleEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;

/**
 * The live canary's loop closing end to end on the emulators: the real canary handler makes its
 * change on LocalStack's S3 with its own principal; the emulators deliver no CloudTrail events, so
 * the test plays EventBridge and hands the call, as CloudTrail records it, to the real S3 handler,
 * which remediates, reads back and audits; the canary's next run finds that record and the block
 * on again, and publishes its heartbeat to LocalStack's CloudWatch. LocalStack evaluates alarms:
 * the heartbeat alarm (missing data breaching) fires when the loop stays open and is OK once it
 * closed. Each test has an account id of its own, so its heartbeat is its own.
 */
class CanaryLoopIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REGION = "us-east-1";

    private static DemoWorld world;

    @BeforeAll
    static void emulators() {
        world = Emulators.world();
    }

    private record Canary(Stage stage, String bucket, String account, String roleArn) {
    }

    private static Canary canary(String name) {
        Stage stage = world.build(Emulators.uniquePrefix(name));
        String bucket = stage.trailName().replace("-trail", "-canary").toLowerCase(java.util.Locale.ROOT);
        world.s3().createBucket(request -> request.bucket(bucket));
        world.s3().putPublicAccessBlock(request -> request.bucket(bucket).publicAccessBlockConfiguration(
                PublicAccessBlockConfiguration.builder().blockPublicAcls(true).ignorePublicAcls(true)
                        .blockPublicPolicy(true).restrictPublicBuckets(true).build()));
        String account = "9" + String.format("%011d", ThreadLocalRandom.current().nextLong(100_000_000_000L));
        return new Canary(stage, bucket, account, "arn:aws:iam::" + account + ":role/backstop/" + name
                + "/CanaryFunctionRole-X1Y2");
    }

    /** One canary run, started by a fresh Scheduled Event of the canary's account; its one loop. */
    private static JsonNode run(Canary canary) throws IOException {
        return run(canary, Clock.systemUTC());
    }

    private static JsonNode run(Canary canary, Clock clock) throws IOException {
        Settings settings = new Settings(canary.stage().auditTable(), canary.stage().topicArn(), Mode.ENFORCE, List.of());
        CanaryHandler handler = new CanaryHandler(CanaryComponent.create(settings,
                new CanarySettings(canary.bucket(), "BackstopCanary"), clock));
        byte[] scheduled = SampleEvents.edited(TrailFixture.WATCHDOG_SAMPLE, event -> event
                .put("id", UUID.randomUUID().toString()).put("account", canary.account()));
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(scheduled), answer,
                new TerminalContext(new PrintStream(new ByteArrayOutputStream())));
        return JSON.readTree(answer.toByteArray()).path("loops").get(0);
    }

    /** What EventBridge would deliver for the canary's DeleteBucketPublicAccessBlock, to the real S3 handler. */
    private static JsonNode deliver(Canary canary, Mode mode) throws IOException {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        byte[] event = SampleEvents.edited("s3/delete-bucket-public-access-block.json", e -> {
            e.put("id", UUID.randomUUID().toString()).put("account", canary.account()).put("time", now);
            ObjectNode detail = (ObjectNode) e.get("detail");
            detail.put("eventID", UUID.randomUUID().toString()).put("eventTime", now)
                    .put("recipientAccountId", canary.account());
            ObjectNode caller = (ObjectNode) detail.get("userIdentity");
            caller.put("accountId", canary.account()).put("arn", canary.roleArn().replace(":iam::", ":sts::")
                    .replace(":role/backstop/", ":assumed-role/").replaceAll("/[^/]+/CanaryFunctionRole", "/CanaryFunctionRole")
                    + "/" + "canary-session");
            ((ObjectNode) caller.path("sessionContext").path("sessionIssuer")).put("arn", canary.roleArn())
                    .put("accountId", canary.account());
            ((ObjectNode) detail.get("requestParameters")).put("bucketName", canary.bucket());
            ((ObjectNode) detail.get("resources").get(0)).put("ARN", "arn:aws:s3:::" + canary.bucket())
                    .put("accountId", canary.account());
        });
        Settings settings = new Settings(canary.stage().auditTable(), canary.stage().topicArn(), mode, List.of());
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        new S3Handler(BackstopComponent.factory().create(settings, Clock.systemUTC())).handleRequest(
                new ByteArrayInputStream(event), answer, new TerminalContext(new PrintStream(new ByteArrayOutputStream())));
        return JSON.readTree(answer.toByteArray());
    }

    private static boolean blockIsOn(Canary canary) {
        try {
            PublicAccessBlockConfiguration block = world.s3().getPublicAccessBlock(request -> request
                    .bucket(canary.bucket())).publicAccessBlockConfiguration();
            return block.blockPublicAcls() && block.ignorePublicAcls() && block.blockPublicPolicy()
                    && block.restrictPublicBuckets();
        } catch (software.amazon.awssdk.services.s3.model.S3Exception none) {
            return false;
        }
    }

    private static double heartbeats(Canary canary) {
        Instant now = Instant.now();
        return SelfCheckDeployment.CLOUDWATCH.getMetricStatistics(request -> request.namespace(Heartbeat.NAMESPACE)
                .metricName(Heartbeat.METRIC).dimensions(dimensions(canary))
                .startTime(now.minus(Duration.ofMinutes(10))).endTime(now.plusSeconds(60)).period(60)
                .statistics(Statistic.SUM)).datapoints().stream().mapToDouble(point -> point.sum()).sum();
    }

    private static List<Dimension> dimensions(Canary canary) {
        return List.of(Dimension.builder().name(Heartbeat.ACCOUNT).value(canary.account()).build(),
                Dimension.builder().name(Heartbeat.REGION).value(REGION).build());
    }

    /**
     * The heartbeat alarm as template.yaml sets it (missing data breaching, less than one beat), with a
     * one-minute period so LocalStack evaluates it at once; its state once LocalStack has evaluated it.
     */
    private static StateValue heartbeatAlarm(Canary canary) throws InterruptedException {
        String name = canary.stage().trailName() + "-canary-" + canary.account();
        SelfCheckDeployment.CLOUDWATCH.putMetricAlarm(request -> request.alarmName(name)
                .namespace(Heartbeat.NAMESPACE).metricName(Heartbeat.METRIC).dimensions(dimensions(canary))
                .statistic(Statistic.SUM).period(60).evaluationPeriods(1).threshold(1.0)
                .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD).treatMissingData("breaching"));
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        MetricAlarm alarm;
        do {
            Thread.sleep(1000);
            alarm = SelfCheckDeployment.CLOUDWATCH.describeAlarms(request -> request.alarmNames(name)).metricAlarms().get(0);
        } while (alarm.stateValue() == StateValue.INSUFFICIENT_DATA && Instant.now().isBefore(deadline));
        return alarm.stateValue();
    }

    @Test
    void theCanarysChangeIsUndoneVerifiedAndAuditedAndItsNextRunPublishesTheHeartbeat() throws Exception {
        Canary canary = canary("canary-loop");

        JsonNode first = run(canary);
        assertThat(first.path("previous").asText()).isEqualTo("no change made before");
        assertThat(first.path("heartbeat").asBoolean()).isFalse();
        assertThat(blockIsOn(canary)).as("the canary turned the block off").isFalse();

        JsonNode decision = deliver(canary, Mode.ENFORCE);
        assertThat(decision.path("outcome").asText()).isEqualTo("REMEDIATED");
        assertThat(blockIsOn(canary)).as("Backstop turned it back on").isTrue();

        // LocalStack's alarm looks at the last whole minute: the heartbeat goes out a minute early.
        JsonNode second = run(canary, Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-60)));

        assertThat(second.path("previous").asText()).startsWith("closed: REMEDIATED (audit id "
                + decision.path("auditId").asText() + ")");
        assertThat(second.path("heartbeat").asBoolean()).isTrue();
        assertThat(heartbeats(canary)).isEqualTo(1.0);
        assertThat(blockIsOn(canary)).as("the next change is made").isFalse();
        assertThat(heartbeatAlarm(canary)).isEqualTo(StateValue.OK);
    }

    @Test
    void withBackstopBlindTheLoopStaysOpenNoHeartbeatGoesOutAndTheAlarmFires() throws Exception {
        Canary canary = canary("canary-blind");
        run(canary);

        JsonNode second = run(canary);

        assertThat(second.path("previous").asText()).startsWith("open: no audit record of Backstop deciding");
        assertThat(second.path("heartbeat").asBoolean()).isFalse();
        assertThat(heartbeats(canary)).isZero();
        assertThat(heartbeatAlarm(canary)).isEqualTo(StateValue.ALARM);
    }

    @Test
    void anExemptionTagOnTheCanaryBucketKeepsTheLoopOpen() throws IOException {
        Canary canary = canary("canary-exempt");
        world.s3().putBucketTagging(request -> request.bucket(canary.bucket()).tagging(tagging -> tagging
                .tagSet(tag -> tag.key("backstop:exempt").value("true"))));
        run(canary);

        JsonNode decision = deliver(canary, Mode.ENFORCE);
        JsonNode second = run(canary);

        assertThat(decision.path("outcome").asText()).isEqualTo("EXEMPTED");
        assertThat(second.path("previous").asText()).startsWith("open: EXEMPTED");
        assertThat(second.path("heartbeat").asBoolean()).isFalse();
    }

    @Test
    void inDryRunTheDecisionClosesTheLoopAndTheCanaryPutsTheBlockBackItself() throws IOException {
        Canary canary = canary("canary-dryrun");
        run(canary);

        JsonNode decision = deliver(canary, Mode.DRY_RUN);
        assertThat(blockIsOn(canary)).as("dry-run changes nothing").isFalse();
        JsonNode second = run(canary);

        assertThat(decision.path("outcome").asText()).isEqualTo("WOULD_REMEDIATE");
        assertThat(second.path("previous").asText()).startsWith("closed: WOULD_REMEDIATE");
        assertThat(second.path("heartbeat").asBoolean()).isTrue();
    }

    @Test
    void theCanaryActsAsItsOwnPrincipalWhichBackstopDoesNotIgnore() throws IOException {
        Canary canary = canary("canary-principal");
        run(canary);

        JsonNode decision = deliver(canary, Mode.ENFORCE);

        assertThat(decision.path("outcome").asText()).as(decision.toString()).isNotEqualTo("IGNORED");
        var record = world.auditItem(canary.stage(), decision.path("auditId").asText()).orElseThrow();
        assertThat(record.get("principal").s()).contains("CanaryFunctionRole");
    }
}
