package dev.backstop.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.cli.BackstopComponent;
import dev.backstop.cli.demo.DemoWorld;
import dev.backstop.cli.demo.DemoWorld.Stage;
import dev.backstop.cli.demo.TerminalContext;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.handlers.ec2.Ec2Handler;
import dev.backstop.handlers.s3.S3Handler;
import dev.backstop.runtime.ApiCallHandler;
import dev.backstop.runtime.EngineComponent;
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
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.FlowLog;
import software.amazon.awssdk.services.ec2.model.FlowLogsResourceType;
import software.amazon.awssdk.services.ec2.model.LogDestinationType;
import software.amazon.awssdk.services.ec2.model.TrafficType;
import software.amazon.awssdk.services.s3.model.BucketLifecycleConfiguration;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;

/**
 * The records an intruder would rather not leave, on LocalStack (EC2, S3) with CloudTrail on moto:
 * a deleted VPC flow log is recreated from Backstop's snapshot of it, a trail bucket's lifecycle
 * that expires the logs within days is put back to the one recorded before, EBS encryption by
 * default is turned back on; each read back, and undone by `./backstop undo`.
 */
class LogRestoreIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "000000000000";

    private static DemoWorld world;
    private static Stage stage;
    private static Ec2Client ec2;

    @BeforeAll
    static void emulators() {
        world = Emulators.world();
        stage = world.build(Emulators.uniquePrefix("restore"));
        ec2 = AwsClientsModule.build(Ec2Client.builder(), UrlConnectionHttpClient.create(),
                EnvironmentVariableCredentialsProvider.create(), Region.US_EAST_1);
    }

    private static JsonNode deliver(Function<EngineComponent, ApiCallHandler> handler, String sample, Instant at,
            Consumer<ObjectNode> detail) throws IOException {
        String now = at.truncatedTo(ChronoUnit.SECONDS).toString();
        byte[] event = SampleEvents.edited(sample, e -> {
            e.put("id", UUID.randomUUID().toString()).put("account", ACCOUNT).put("time", now).put("region", "us-east-1");
            ObjectNode d = (ObjectNode) e.get("detail");
            d.put("eventID", UUID.randomUUID().toString()).put("eventTime", now).put("recipientAccountId", ACCOUNT)
                    .put("awsRegion", "us-east-1");
            detail.accept(d);
        });
        Settings settings = new Settings(stage.auditTable(), stage.topicArn(), Mode.ENFORCE, List.of());
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        handler.apply(BackstopComponent.factory().create(settings, Clock.systemUTC())).handleRequest(
                new ByteArrayInputStream(event), answer, new TerminalContext(new PrintStream(new ByteArrayOutputStream())));
        return JSON.readTree(answer.toByteArray());
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

    private static CommandRun undo(JsonNode decision) {
        return CommandRun.of("undo", decision.path("auditId").asText(), "--yes", "--table", stage.auditTable(), "--topic",
                stage.topicArn());
    }

    private static List<FlowLog> flowLogsOf(String vpc) {
        return ec2.describeFlowLogs(request -> request.filter(filter -> filter.name("resource-id").values(vpc))).flowLogs();
    }

    @Test
    void aDeletedFlowLogIsRecreatedFromItsSnapshotReadBackAndUndoable() throws IOException {
        String vpc = ec2.createVpc(request -> request.cidrBlock("10.77.0.0/16")).vpc().vpcId();
        String destination = "arn:aws:s3:::" + stage.trailName() + "-logs/flow/";
        String created = ec2.createFlowLogs(request -> request.resourceIds(vpc).resourceType(FlowLogsResourceType.VPC)
                .trafficType(TrafficType.ALL).logDestinationType(LogDestinationType.S3).logDestination(destination))
                .flowLogIds().get(0);
        JsonNode snapshot = deliver(Ec2Handler::new, "ec2/create-flow-logs.json", Instant.now().minusSeconds(60), detail -> {
            ((ObjectNode) detail.path("requestParameters").path("CreateFlowLogsRequest").path("ResourceId"))
                    .put("content", vpc);
            ((ObjectNode) detail.path("responseElements").path("CreateFlowLogsResponse").path("flowLogIdSet"))
                    .put("item", created);
        });
        assertThat(snapshot.path("outcome").asText()).as("a creation is only snapshotted: %s", snapshot)
                .isEqualTo("NO_MATCH");
        ec2.deleteFlowLogs(request -> request.flowLogIds(created));
        assertThat(flowLogsOf(vpc)).isEmpty();

        JsonNode decision = deliver(Ec2Handler::new, "ec2/delete-flow-logs.json", Instant.now(), detail ->
                ((ObjectNode) detail.path("requestParameters").path("DeleteFlowLogsRequest").path("FlowLogId"))
                        .put("content", created));

        assertThat(decision.path("outcome").asText()).as(decision.toString()).isEqualTo("REMEDIATED");
        assertThat(flowLogsOf(vpc)).singleElement().satisfies(flowLog -> {
            assertThat(flowLog.logDestination()).isEqualTo(destination);
            assertThat(flowLog.trafficType()).isEqualTo(TrafficType.ALL);
            assertThat(flowLog.tags()).anySatisfy(tag -> assertThat(tag.key() + "=" + tag.value())
                    .isEqualTo("backstop:recreated-from=" + created));
        });
        assertThat(storedUndo(decision, "ec2.recreate-flow-log").path("recreatedFrom")).extracting(JsonNode::asText)
                .containsExactly(created);

        CommandRun undone = undo(decision);

        assertThat(undone.exitCode()).as(undone.out() + undone.err()).isZero();
        assertThat(flowLogsOf(vpc)).as("undo deletes the flow log Backstop made").isEmpty();
    }

    @Test
    void aFlowLogBackstopNeverSawCreatedIsNotGuessedAtAndTheDecisionFails() throws IOException {
        JsonNode decision = deliver(Ec2Handler::new, "ec2/delete-flow-logs.json", Instant.now(), detail ->
                ((ObjectNode) detail.path("requestParameters").path("DeleteFlowLogsRequest").path("FlowLogId"))
                        .put("content", "fl-" + UUID.randomUUID().toString().replace("-", "").substring(0, 17)));

        assertThat(decision.path("outcome").asText()).as(decision.toString()).isEqualTo("FAILED");
    }

    private static LifecycleRule expiring(String id, int days) {
        return LifecycleRule.builder().id(id).status(ExpirationStatus.ENABLED).filter(filter -> filter.prefix(""))
                .expiration(expiration -> expiration.days(days)).build();
    }

    private static List<LifecycleRule> lifecycleOf(String bucket) {
        return world.s3().getBucketLifecycleConfiguration(request -> request.bucket(bucket)).rules();
    }

    private static void putLifecycle(String bucket, LifecycleRule rule) {
        world.s3().putBucketLifecycleConfiguration(request -> request.bucket(bucket)
                .lifecycleConfiguration(BucketLifecycleConfiguration.builder().rules(rule).build()));
    }

    private static Consumer<ObjectNode> lifecycleCall(String bucket, int days) {
        return detail -> {
            ObjectNode request = (ObjectNode) detail.path("requestParameters");
            request.put("bucketName", bucket);
            ObjectNode rule = (ObjectNode) request.path("LifecycleConfiguration").path("Rule");
            ((ObjectNode) rule.path("Expiration")).put("Days", days);
            ((ObjectNode) rule.path("NoncurrentVersionExpiration")).put("NoncurrentDays", days);
        };
    }

    @Test
    void aTrailBucketsLifecycleThatExpiresTheLogsIsPutBackToTheRecordedOneReadBackAndUndoable() throws IOException {
        String bucket = stage.trailName() + "-logs";
        putLifecycle(bucket, expiring("archive", 730));
        JsonNode recorded = deliver(S3Handler::new, "s3/put-bucket-lifecycle.json", Instant.now().minusSeconds(60),
                lifecycleCall(bucket, 730));
        assertThat(recorded.path("outcome").asText()).as("two years is long enough: %s", recorded)
                .isEqualTo("ALREADY_COMPLIANT");

        putLifecycle(bucket, expiring("tidy", 1));
        JsonNode decision = deliver(S3Handler::new, "s3/put-bucket-lifecycle.json", Instant.now(), lifecycleCall(bucket, 1));

        assertThat(decision.path("outcome").asText()).as(decision.toString()).isEqualTo("REMEDIATED");
        assertThat(lifecycleOf(bucket)).singleElement().satisfies(rule -> {
            assertThat(rule.id()).isEqualTo("archive");
            assertThat(rule.expiration().days()).isEqualTo(730);
        });
        JsonNode stored = storedUndo(decision, "s3.restore-lifecycle");
        assertThat(stored.path("bucket").asText()).isEqualTo(bucket);
        assertThat(stored.path("before").path(0).path("id").asText()).as(stored.toString()).isEqualTo("tidy");
        assertThat(stored.path("restored").path(0).path("id").asText()).as(stored.toString()).isEqualTo("archive");

        CommandRun undone = undo(decision);

        assertThat(undone.exitCode()).as(undone.out() + undone.err()).isZero();
        assertThat(lifecycleOf(bucket)).singleElement().satisfies(rule -> assertThat(rule.id()).isEqualTo("tidy"));
    }

    @Test
    void aShortLifecycleOnABucketNoTrailWritesToIsLeftToTheTeam() throws IOException {
        String bucket = Emulators.uniquePrefix("scratch");
        world.s3().createBucket(request -> request.bucket(bucket));
        putLifecycle(bucket, expiring("tidy", 1));

        JsonNode decision = deliver(S3Handler::new, "s3/put-bucket-lifecycle.json", Instant.now(), lifecycleCall(bucket, 1));

        assertThat(decision.path("outcome").asText()).as(decision.toString()).isEqualTo("NO_MATCH");
        assertThat(lifecycleOf(bucket)).singleElement().satisfies(rule -> assertThat(rule.id()).isEqualTo("tidy"));
    }

    @Test
    void ebsEncryptionByDefaultTurnedOffIsTurnedOnAgainReadBackAndUndoable() throws IOException {
        ec2.disableEbsEncryptionByDefault(request -> { });

        JsonNode decision = deliver(Ec2Handler::new, "ec2/disable-ebs-encryption-by-default.json", Instant.now(), d -> { });

        assertThat(decision.path("outcome").asText()).as(decision.toString()).isEqualTo("REMEDIATED");
        assertThat(ec2.getEbsEncryptionByDefault(request -> { }).ebsEncryptionByDefault()).isTrue();
        assertThat(storedUndo(decision, "ec2.enable-ebs-encryption-by-default").path("region").asText())
                .isEqualTo("us-east-1");

        CommandRun undone = undo(decision);

        assertThat(undone.exitCode()).as(undone.out() + undone.err()).isZero();
        assertThat(ec2.getEbsEncryptionByDefault(request -> { }).ebsEncryptionByDefault()).isFalse();
    }
}
