package dev.backstop.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.aws.AwsClientsModule;
import dev.backstop.cli.demo.DemoWorld;
import dev.backstop.cli.demo.DemoWorld.Stage;
import dev.backstop.cli.demo.TerminalContext;
import dev.backstop.config.MemberAccess;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.handlers.findings.FindingsComponent;
import dev.backstop.handlers.findings.FindingsHandler;
import dev.backstop.handlers.s3findings.S3FindingsComponent;
import dev.backstop.handlers.s3findings.S3FindingsHandler;
import dev.backstop.runtime.DecisionHandler;
import dev.backstop.testing.SampleEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Findings as the third trigger, on the emulators (IAM and S3 on LocalStack): the real findings
 * handler (the S3 findings handler for S3 controls, as the template routes them), given a
 * GuardDuty or Security Hub finding as EventBridge delivers it, acts through the same actions as
 * the CloudTrail rules, reads the fix back, and `./backstop undo` reverses it. A
 * finding no AWS product wrote is rejected, whatever it names. Security Hub's BatchUpdateFindings
 * is served by neither emulator: the finding's RESOLVED status is covered by SecurityHubSdkEdgeTest.
 */
class FindingsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "000000000000";
    private static final String SAMPLE_ACCOUNT = "123456789012";

    private static DemoWorld world;
    private static Stage stage;
    private static IamClient iam;

    @BeforeAll
    static void emulators() {
        world = Emulators.world();
        stage = world.build(Emulators.uniquePrefix("findings"));
        iam = AwsClientsModule.build(IamClient.builder(), UrlConnectionHttpClient.create(),
                EnvironmentVariableCredentialsProvider.create(), Region.US_EAST_1);
    }

    /** The sample finding, moved into the emulators' account, fresh ids and times; {@code edit} edits the event. */
    private static JsonNode deliver(String sample, Consumer<ObjectNode> edit) throws IOException {
        return deliver(sample, MemberAccess.singleAccount(), edit);
    }

    private static JsonNode deliver(String sample, MemberAccess accounts, Consumer<ObjectNode> edit) throws IOException {
        return deliver(sample, accounts, settings -> new FindingsHandler(FindingsComponent.create(settings,
                Clock.systemUTC())), edit);
    }

    /** As {@link #deliver(String, Consumer)}, to the S3 findings function, which the template routes S3 controls to. */
    private static JsonNode deliverS3Control(String sample, Consumer<ObjectNode> edit) throws IOException {
        return deliver(sample, MemberAccess.singleAccount(), settings -> new S3FindingsHandler(
                S3FindingsComponent.create(settings, Clock.systemUTC())), edit);
    }

    private static JsonNode deliver(String sample, MemberAccess accounts, Function<Settings, DecisionHandler> function,
            Consumer<ObjectNode> edit) throws IOException {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        ObjectNode event = (ObjectNode) JSON.readTree(SampleEvents.read(sample).toString().replace(SAMPLE_ACCOUNT, ACCOUNT));
        event.put("id", UUID.randomUUID().toString()).put("time", now);
        edit.accept(event);
        Settings settings = new Settings(stage.auditTable(), stage.topicArn(), Mode.ENFORCE, List.of()).withMembers(accounts);
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        function.apply(settings).handleRequest(
                new ByteArrayInputStream(JSON.writeValueAsBytes(event)), answer,
                new TerminalContext(new PrintStream(new ByteArrayOutputStream())));
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

    private static Optional<String> rolePolicy(String role, String policyName) {
        try {
            return Optional.of(URLDecoder.decode(iam.getRolePolicy(request -> request.roleName(role).policyName(policyName))
                    .policyDocument(), StandardCharsets.UTF_8));
        } catch (NoSuchEntityException absent) {
            return Optional.empty();
        }
    }

    private static void exfiltrated(ObjectNode event, String role) {
        ObjectNode detail = (ObjectNode) event.get("detail");
        detail.put("id", UUID.randomUUID().toString().replace("-", "")).put("updatedAt", Instant.now().toString());
        ((ObjectNode) detail.path("resource").path("accessKeyDetails")).put("userName", role)
                .put("principalId", "AROAEXAMPLE:i-0a1b2c3d4e5f67890");
    }

    @Test
    void anInstanceRolesExfiltratedCredentialsHaveTheirSessionsRevokedReadBackAndUndoable() throws IOException {
        String role = Emulators.uniquePrefix("web-app-role");
        iam.createRole(request -> request.roleName(role).assumeRolePolicyDocument("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},"
                + "\"Action\":\"sts:AssumeRole\"}]}"));

        JsonNode decision = deliver("findings/guardduty-instance-credential-exfiltration.json", e -> exfiltrated(e, role));

        assertThat(decision.path("outcome").asText()).as(decision.toString()).isEqualTo("REMEDIATED");
        assertThat(rolePolicy(role, "AWSRevokeOlderSessions").orElseThrow()).contains("aws:TokenIssueTime");
        var record = world.auditItem(stage, decision.path("auditId").asText()).orElseThrow();
        assertThat(record.get("rules").ss()).as("the high-severity rule tells the team too")
                .containsExactlyInAnyOrder("guardduty-instance-credentials-exfiltrated", "guardduty-high-severity");
        assertThat(storedUndo(decision, "iam.revoke-role-sessions").path("name").asText()).isEqualTo(role);

        CommandRun undone = undo(decision);

        assertThat(undone.exitCode()).as(undone.out() + undone.err()).isZero();
        assertThat(rolePolicy(role, "AWSRevokeOlderSessions")).as("undo removes the revocation").isEmpty();
    }

    @Test
    void aGuardDutySampleFindingIsIgnoredAndItsRoleLeftAlone() throws IOException {
        String role = Emulators.uniquePrefix("sample-role");
        iam.createRole(request -> request.roleName(role).assumeRolePolicyDocument("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},"
                + "\"Action\":\"sts:AssumeRole\"}]}"));

        JsonNode decision = deliver("findings/guardduty-instance-credential-exfiltration.json", e -> {
            exfiltrated(e, role);
            ((ObjectNode) e.path("detail").path("service").path("additionalInfo")).put("sample", true);
        });

        assertThat(decision.path("outcome").asText()).as(decision.toString()).isEqualTo("IGNORED");
        assertThat(rolePolicy(role, "AWSRevokeOlderSessions")).isEmpty();
    }

    @Test
    void aFindingWrappedInAStrangersEnvelopeIsRejectedAndItsRoleLeftAlone() throws IOException {
        String role = Emulators.uniquePrefix("rewrapped-role");
        iam.createRole(request -> request.roleName(role).assumeRolePolicyDocument("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},"
                + "\"Action\":\"sts:AssumeRole\"}]}"));

        MemberAccess home = new MemberAccess(Optional.of(ACCOUNT), Set.of(), Optional.empty(), Optional.empty());
        JsonNode decision = deliver("findings/guardduty-instance-credential-exfiltration.json", home, e -> {
            exfiltrated(e, role);
            e.put("account", "999999999999");
        });

        assertThat(decision.path("outcome").asText()).as(decision.toString()).isEqualTo("REJECTED");
        assertThat(decision.toString()).contains("999999999999");
        assertThat(rolePolicy(role, "AWSRevokeOlderSessions")).isEmpty();
    }

    @Test
    void aFindingUpdatedNextYearIsRejectedSoItCannotOutrankTheRealOne() throws IOException {
        String role = Emulators.uniquePrefix("future-role");
        iam.createRole(request -> request.roleName(role).assumeRolePolicyDocument("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},"
                + "\"Action\":\"sts:AssumeRole\"}]}"));

        JsonNode decision = deliver("findings/guardduty-instance-credential-exfiltration.json", e -> {
            exfiltrated(e, role);
            ((ObjectNode) e.get("detail")).put("updatedAt", Instant.now().plus(365, ChronoUnit.DAYS).toString());
        });

        assertThat(decision.path("outcome").asText()).as(decision.toString()).isEqualTo("REJECTED");
        assertThat(rolePolicy(role, "AWSRevokeOlderSessions")).isEmpty();
    }

    private static Optional<PublicAccessBlockConfiguration> publicAccessBlock(String bucket) {
        try {
            return Optional.of(world.s3().getPublicAccessBlock(request -> request.bucket(bucket))
                    .publicAccessBlockConfiguration());
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static void onBucket(ObjectNode event, String bucket, String productArn) {
        ObjectNode finding = (ObjectNode) event.path("detail").path("findings").get(0);
        finding.put("Id", "arn:aws:securityhub:us-east-1:" + ACCOUNT + ":security-control/S3.8/finding/" + UUID.randomUUID())
                .put("UpdatedAt", Instant.now().toString()).put("ProductArn", productArn);
        ObjectNode resource = (ObjectNode) finding.path("Resources").get(0);
        resource.put("Id", "arn:aws:s3:::" + bucket);
        ((ObjectNode) resource.path("Details").path("AwsS3Bucket")).put("Name", bucket);
    }

    @Test
    void aFailedS3BlockPublicAccessControlIsFixedOnTheBucketReadBackAndUndoable() throws IOException {
        String bucket = Emulators.uniquePrefix("findings-bucket");
        world.s3().createBucket(request -> request.bucket(bucket));
        world.s3().deletePublicAccessBlock(request -> request.bucket(bucket));

        JsonNode decision = deliverS3Control("findings/securityhub-s3-8-bucket-block-public-access.json",
                e -> onBucket(e, bucket, "arn:aws:securityhub:us-east-1::product/aws/securityhub"));

        assertThat(decision.path("outcome").asText()).as(decision.toString()).isEqualTo("REMEDIATED");
        assertThat(publicAccessBlock(bucket)).hasValueSatisfying(block -> assertThat(block.blockPublicAcls()
                && block.ignorePublicAcls() && block.blockPublicPolicy() && block.restrictPublicBuckets()).isTrue());
        assertThat(decision.path("reason").asText()).as("the fix stands whatever Security Hub answers")
                .contains("Security Hub");
        JsonNode stored = storedUndo(decision, "s3.block-public-access");
        assertThat(stored.path("bucket").asText()).isEqualTo(bucket);
        assertThat(stored.path("call").asText()).as("the bucket had no configuration").isEqualTo("DeletePublicAccessBlock");

        CommandRun undone = undo(decision);

        assertThat(undone.exitCode()).as(undone.out() + undone.err()).isZero();
        assertThat(publicAccessBlock(bucket).filter(PublicAccessBlockConfiguration::blockPublicPolicy))
                .as("undo puts the bucket's earlier setting back").isEmpty();
    }

    @Test
    void aFindingImportedByAnotherProductIsRejectedWhateverBucketItNames() throws IOException {
        String bucket = Emulators.uniquePrefix("steered-bucket");
        world.s3().createBucket(request -> request.bucket(bucket));
        world.s3().deletePublicAccessBlock(request -> request.bucket(bucket));

        JsonNode decision = deliverS3Control("findings/securityhub-s3-8-bucket-block-public-access.json",
                e -> onBucket(e, bucket, "arn:aws:securityhub:us-east-1:" + ACCOUNT + ":product/" + ACCOUNT + "/default"));

        assertThat(decision.path("outcome").asText()).as(decision.toString()).isEqualTo("REJECTED");
        assertThat(publicAccessBlock(bucket)).isEmpty();
    }

    private static boolean validatesLogFiles(CloudTrailClient cloudTrail, String trail) {
        return Boolean.TRUE.equals(cloudTrail.getTrail(request -> request.name(trail)).trail().logFileValidationEnabled());
    }

    @Test
    void aFailedLogFileValidationControlTurnsValidationBackOnReadBackAndUndoable() throws IOException {
        Stage trailed = world.withTrail(stage, Emulators.uniquePrefix("unvalidated"));
        try (CloudTrailClient cloudTrail = AwsClientsModule.build(CloudTrailClient.builder(), UrlConnectionHttpClient.create(),
                EnvironmentVariableCredentialsProvider.create(), Region.US_EAST_1)) {
            cloudTrail.updateTrail(request -> request.name(trailed.trailName()).enableLogFileValidation(false));

            JsonNode decision = deliver("findings/securityhub-cloudtrail-4-log-file-validation.json", e -> {
                ObjectNode finding = (ObjectNode) e.path("detail").path("findings").get(0);
                finding.put("Id", "arn:aws:securityhub:us-east-1:" + ACCOUNT + ":security-control/CloudTrail.4/finding/"
                        + UUID.randomUUID()).put("UpdatedAt", Instant.now().toString());
                ((ObjectNode) finding.path("Resources").get(0)).put("Id", trailed.trailArn());
            });

            assertThat(decision.path("outcome").asText()).as(decision.toString()).isEqualTo("REMEDIATED");
            assertThat(validatesLogFiles(cloudTrail, trailed.trailName())).isTrue();
            assertThat(storedUndo(decision, "cloudtrail.enable-log-file-validation").path("trail").asText())
                    .isEqualTo(trailed.trailName());

            CommandRun undone = undo(decision);

            assertThat(undone.exitCode()).as(undone.out() + undone.err()).isZero();
            assertThat(validatesLogFiles(cloudTrail, trailed.trailName())).isFalse();
        }
    }

    private static void control(ObjectNode event, String control, String resourceId) {
        ObjectNode finding = (ObjectNode) event.path("detail").path("findings").get(0);
        finding.put("Id", "arn:aws:securityhub:us-east-1:" + ACCOUNT + ":security-control/" + control + "/finding/"
                + UUID.randomUUID()).put("UpdatedAt", Instant.now().toString());
        if (resourceId != null) {
            ((ObjectNode) finding.path("Resources").get(0)).put("Id", resourceId);
        }
    }

    @Test
    void aFailedConfigEnabledControlStartsTheRegionsStoppedRecorderAgain() throws IOException {
        String recorder = ConfigRecorder.in(stage.trailName() + "-logs");
        ConfigRecorder.stop(recorder);

        JsonNode decision = deliver("findings/securityhub-config-1-enabled.json", e -> control(e, "Config.1", null));

        assertThat(decision.path("outcome").asText()).as(decision.toString()).isEqualTo("REMEDIATED");
        assertThat(ConfigRecorder.recording(recorder)).isTrue();
    }

    private static boolean openToTheWorld(Ec2Client ec2, String group) {
        return ec2.describeSecurityGroupRules(request -> request.filters(filter -> filter.name("group-id").values(group)))
                .securityGroupRules().stream().anyMatch(rule -> !rule.isEgress() && "0.0.0.0/0".equals(rule.cidrIpv4()));
    }

    @Test
    void aFailedHighRiskPortsControlClosesTheGroupsWorldOpenRulesReadBackAndUndoable() throws IOException {
        try (Ec2Client ec2 = AwsClientsModule.build(Ec2Client.builder(), UrlConnectionHttpClient.create(),
                EnvironmentVariableCredentialsProvider.create(), Region.US_EAST_1)) {
            String group = ec2.createSecurityGroup(request -> request.groupName(Emulators.uniquePrefix("findings-sg"))
                    .description("opened to the world")).groupId();
            ec2.authorizeSecurityGroupIngress(request -> request.groupId(group).ipPermissions(permission -> permission
                    .ipProtocol("tcp").fromPort(22).toPort(22).ipRanges(range -> range.cidrIp("0.0.0.0/0"))));

            JsonNode decision = deliver("findings/securityhub-ec2-19-high-risk-ports.json", e -> control(e, "EC2.19",
                    "arn:aws:ec2:us-east-1:" + ACCOUNT + ":security-group/" + group));

            assertThat(decision.path("outcome").asText()).as(decision.toString()).isEqualTo("REMEDIATED");
            assertThat(openToTheWorld(ec2, group)).isFalse();
            JsonNode stored = storedUndo(decision, "ec2.revoke-world-ingress");
            assertThat(stored.path("groupId").asText()).isEqualTo(group);
            assertThat(stored.path("revoked")).singleElement().satisfies(rule -> assertThat(rule.path("fromPort").asInt())
                    .isEqualTo(22));

            CommandRun undone = undo(decision);

            assertThat(undone.exitCode()).as(undone.out() + undone.err()).isZero();
            assertThat(openToTheWorld(ec2, group)).isTrue();
        }
    }

    /** Findings the pack only tells the team of, by default: nothing is changed, the team is told. */
    @ParameterizedTest
    @CsvSource({
            "findings/guardduty-crypto-mining.json, guardduty-crypto-mining",
            "findings/guardduty-command-and-control.json, guardduty-command-and-control",
            "findings/guardduty-s3-malicious-ip.json, guardduty-high-severity",
            "findings/securityhub-iam-4-root-access-key.json, securityhub-root-and-trail-controls",
            "findings/securityhub-cloudtrail-1-multi-region-trail.json, securityhub-root-and-trail-controls"})
    void aFindingThePackOnlyNotifiesIsToldToTheTeamAndNothingChanged(String sample, String rule) throws IOException {
        JsonNode decision = deliver(sample, e -> {
            JsonNode detail = e.path("detail");
            if (detail.has("findings")) {
                ((ObjectNode) detail.path("findings").get(0)).put("Id", "finding-" + UUID.randomUUID())
                        .put("UpdatedAt", Instant.now().toString());
            } else {
                ((ObjectNode) detail).put("id", UUID.randomUUID().toString().replace("-", ""))
                        .put("updatedAt", Instant.now().toString());
            }
        });

        assertThat(decision.path("outcome").asText()).as(decision.toString()).isEqualTo("NOTIFIED");
        assertThat(world.auditItem(stage, decision.path("auditId").asText()).orElseThrow().get("rules").ss())
                .contains(rule);
    }
}
