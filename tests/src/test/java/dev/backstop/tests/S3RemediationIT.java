package dev.backstop.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.cli.demo.DemoWorld;
import dev.backstop.cli.demo.DemoWorld.Notification;
import dev.backstop.cli.demo.DemoWorld.Stage;
import dev.backstop.cli.demo.TerminalContext;
import dev.backstop.config.Mode;
import dev.backstop.config.RulesLocation;
import dev.backstop.config.Settings;
import dev.backstop.cli.BackstopComponent;
import dev.backstop.handlers.s3.S3Handler;
import dev.backstop.testing.SampleEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.GetBucketAclResponse;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.Grantee;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Type;

/**
 * The S3 actions through the real handler and SDK clients on the emulators: a bucket is made,
 * someone makes the bad change through the SDK, the matching CloudTrail event (a sample from
 * events/s3 about this bucket) is delivered, the fixed state and the audit record are read back,
 * and an operator's {@code ./backstop undo} brings the bad state back exactly. Account-level Block
 * Public Access has no emulator (LocalStack's open-source S3 Control implements tagging only) and
 * is tested at the SDK edge instead.
 */
class S3RemediationIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SAMPLE_ACCOUNT = "123456789012";
    /** The account LocalStack serves with the test credentials. */
    private static final String ACCOUNT = "000000000000";
    private static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
    private static final String LOG_DELIVERY = "http://acs.amazonaws.com/groups/s3/LogDelivery";

    private static DemoWorld world;
    private static S3Client s3;

    @BeforeAll
    static void emulators() {
        world = Emulators.world();
        s3 = world.s3();
    }

    // ----------------------------------------------------------------------------- bucket policies

    @Test
    void aPublicStatementIsRemovedAndTheRestOfThePolicyKept() throws IOException {
        Stage stage = world.build(Emulators.uniquePrefix("s3-public"));
        String bucket = bucket(stage);
        s3.putBucketPolicy(request -> request.bucket(bucket).policy(samplePolicy(bucket)));
        byte[] event = event("put-bucket-policy.json", bucket, e -> { });

        JsonNode answer = deliver(stage, Mode.ENFORCE, event);

        assertThat(answer.path("outcome").asText()).isEqualTo("REMEDIATED");
        assertThat(sids(policyOf(bucket))).containsExactly("DenyInsecureTransport", "ReportingRoleReads");
        JsonNode action = action(stage, event);
        assertThat(action.path("action").asText()).isEqualTo("s3.remove-public-policy-statements");
        assertThat(action.path("resource").asText()).isEqualTo("arn:aws:s3:::" + bucket);
        assertThat(action.path("before").path("publicSids").asText()).isEqualTo("ShareWithPartner");
        assertThat(action.path("after").path("publicStatements").asText()).isEqualTo("0");
        assertThat(action.path("undo").path("call").asText()).isEqualTo("PutBucketPolicy");
        assertThat(sids(action.path("undo").path("statements"))).containsExactly("ShareWithPartner");
        // The history holds the policy as S3 had it after the call and, as the latest, the policy Backstop left.
        Map<String, AttributeValue> latest = world.auditItem(stage, "policy#arn:aws:s3:::" + bucket).orElseThrow();
        assertThat(latest.get("source").s()).isEqualTo("backstop:s3.remove-public-policy-statements");
        assertThat(sids(JSON.readTree(latest.get("policy").s()))).containsExactly("DenyInsecureTransport", "ReportingRoleReads");
        assertThat(world.auditItems(stage)).filteredOn(item -> item.get("source") != null)
                .extracting(item -> item.get("source").s())
                .contains("read back after " + eventIdOf(event), "backstop:s3.remove-public-policy-statements");

        undo(stage, event);

        assertThat(policyOf(bucket)).isEqualTo(json(samplePolicy(bucket)));
    }

    @Test
    void aPolicySentAsAJsonStringIsJudgedFromTheBucket() throws IOException {
        Stage stage = world.build(Emulators.uniquePrefix("s3-string"));
        String bucket = bucket(stage);
        String everyone = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Everyone\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":[\"*\"]},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + bucket + "/*\"}]}";
        s3.putBucketPolicy(request -> request.bucket(bucket).policy(everyone));
        byte[] event = event("put-bucket-policy.json", bucket, e -> request(e).put("bucketPolicy", everyone));

        JsonNode answer = deliver(stage, Mode.ENFORCE, event);

        assertThat(answer.path("outcome").asText()).isEqualTo("REMEDIATED");
        assertThat(hasPolicy(bucket)).as("nothing else was left, so the policy is deleted").isFalse();
    }

    @Test
    void aDeletedPolicyIsRestoredFromTheHistory() throws IOException {
        Stage stage = world.build(Emulators.uniquePrefix("s3-restore"));
        String bucket = bucket(stage);
        String policy = privatePolicy(bucket);
        s3.putBucketPolicy(request -> request.bucket(bucket).policy(policy));
        JsonNode recorded = deliver(stage, Mode.ENFORCE, event("put-bucket-policy.json", bucket,
                e -> request(e).set("bucketPolicy", json(policy))));
        s3.deleteBucketPolicy(request -> request.bucket(bucket));
        byte[] deleted = event("delete-bucket-policy.json", bucket, e -> { });

        JsonNode answer = deliver(stage, Mode.ENFORCE, deleted);

        assertThat(recorded.path("outcome").asText()).as("no rule acts on a private policy").isEqualTo("NO_MATCH");
        assertThat(answer.path("outcome").asText()).isEqualTo("REMEDIATED");
        assertThat(policyOf(bucket)).isEqualTo(json(policy));
        JsonNode action = action(stage, deleted);
        assertThat(action.path("before").path("hasPolicy").asText()).isEqualTo("false");
        assertThat(action.path("after").path("hasPolicy").asText()).isEqualTo("true");
        assertThat(action.path("detail").asText()).startsWith("PutBucketPolicy on arn:aws:s3:::" + bucket
                + ": the policy recorded at ");
        assertThat(action.path("undo").path("call").asText()).isEqualTo("DeleteBucketPolicy");
        assertThat(action.path("undo").path("bucket").asText()).isEqualTo(bucket);

        undo(stage, deleted);

        assertThat(hasPolicy(bucket)).isFalse();
    }

    @Test
    void withoutHistoryOrBaselineTheDeleteIsReportedAsFailed() throws IOException {
        Stage stage = world.build(Emulators.uniquePrefix("s3-nohistory"));
        String bucket = bucket(stage);
        byte[] deleted = event("delete-bucket-policy.json", bucket, e -> { });

        JsonNode answer = deliver(stage, Mode.ENFORCE, deleted);

        assertThat(answer.path("outcome").asText()).isEqualTo("FAILED");
        assertThat(hasPolicy(bucket)).isFalse();
        assertThat(action(stage, deleted).path("detail").asText()).contains("NothingToRestoreException",
                "Backstop recorded no policy for " + bucket, "the rule gives no baselinePolicy");
        List<Notification> notifications = world.notifications(stage, 1, Duration.ofSeconds(15));
        assertThat(notifications).singleElement()
                .satisfies(notification -> assertThat(notification.subject()).isEqualTo("Backstop FAILED: DeleteBucketPolicy"));
    }

    @Test
    void aTeamRuleGivesABaselineForBucketsWithoutHistory() throws IOException {
        Stage stage = world.build(Emulators.uniquePrefix("s3-baseline"));
        String bucket = bucket(stage);
        String rules = stage.trailName() + "-rules";
        s3.createBucket(request -> request.bucket(rules));
        s3.putObject(request -> request.bucket(rules).key("team.yaml"), RequestBody.fromString("""
                version: 1
                rules:
                  - id: team-bucket-policy-deleted
                    description: Without history, every bucket gets the deny-insecure-transport baseline.
                    severity: high
                    mode: enforce
                    match:
                      source: [aws.s3]
                      detail-type: [AWS API Call via CloudTrail]
                      detail:
                        eventSource: [s3.amazonaws.com]
                        eventName: [DeleteBucketPolicy]
                    actions:
                      - action: s3.restore-bucket-policy
                        params:
                          baselinePolicy:
                            Version: "2012-10-17"
                            Statement:
                              - Sid: DenyInsecureTransport
                                Effect: Deny
                                Principal: "*"
                                Action: "s3:*"
                                Resource: ["${bucketArn}", "${bucketArn}/*"]
                                Condition:
                                  Bool:
                                    aws:SecureTransport: "false"
                overrides:
                  s3-bucket-policy-deleted:
                    mode: off
                """));
        Settings settings = new Settings(stage.auditTable(), stage.topicArn(), Mode.ENFORCE, List.of(),
                Optional.of(RulesLocation.parse("s3://" + rules + "/team.yaml")), Settings.DEFAULT_RULES_TTL);
        byte[] deleted = event("delete-bucket-policy.json", bucket, e -> { });

        JsonNode answer = deliver(settings, deleted);

        assertThat(answer.path("outcome").asText()).isEqualTo("REMEDIATED");
        assertThat(sids(policyOf(bucket))).containsExactly("DenyInsecureTransport");
        assertThat(policyOf(bucket).at("/Statement/0/Resource/0").asText()).isEqualTo("arn:aws:s3:::" + bucket);
        assertThat(action(stage, deleted).path("detail").asText()).contains("the rule's baseline policy");
    }

    @Test
    void aPolicySetByAProtectedPrincipalIsRecordedThoughNotActedOn() throws IOException {
        Stage stage = world.build(Emulators.uniquePrefix("s3-own"));
        String bucket = bucket(stage);
        s3.putBucketPolicy(request -> request.bucket(bucket).policy(samplePolicy(bucket)));
        byte[] event = event("put-bucket-policy.json", bucket, e -> { });
        Settings protectedDeveloper = new Settings(stage.auditTable(), stage.topicArn(), Mode.ENFORCE, List.of())
                .withProtectedPrincipals(List.of("arn:aws:iam::" + ACCOUNT + ":role/DeveloperAccess"));

        JsonNode answer = deliver(protectedDeveloper, event);

        assertThat(answer.path("outcome").asText()).isEqualTo("PROTECTED");
        assertThat(sids(policyOf(bucket))).contains("ShareWithPartner");
        assertThat(world.auditItem(stage, "policy#arn:aws:s3:::" + bucket).orElseThrow().get("source").s())
                .isEqualTo("read back after " + eventIdOf(event));
    }

    @Test
    void aDeleteWithoutRequestParametersFailsNamingTheField() throws IOException {
        Stage stage = world.build(Emulators.uniquePrefix("s3-null"));
        byte[] deleted = event("delete-bucket-policy.json", bucket(stage), e -> detail(e).putNull("requestParameters"));

        JsonNode answer = deliver(stage, Mode.ENFORCE, deleted);

        assertThat(answer.path("outcome").asText()).isEqualTo("FAILED");
        assertThat(action(stage, deleted).path("detail").asText()).contains("detail.requestParameters.bucketName: is missing");
    }

    @Test
    void aBucketDeletedMeanwhileIsReportedGone() throws IOException {
        Stage stage = world.build(Emulators.uniquePrefix("s3-gone"));
        String bucket = stage.trailName().replace("-trail", "-gone");
        byte[] deleted = event("delete-bucket-policy.json", bucket, e -> { });

        assertThat(deliver(stage, Mode.ENFORCE, deleted).path("outcome").asText()).isEqualTo("RESOURCE_GONE");
    }

    // -------------------------------------------------------------------------- Block Public Access

    @Test
    void aSettingTurnedOffIsTurnedBackOn() throws IOException {
        Stage stage = world.build(Emulators.uniquePrefix("s3-block"));
        String bucket = bucket(stage);
        s3.putPublicAccessBlock(request -> request.bucket(bucket).publicAccessBlockConfiguration(config -> config
                .blockPublicAcls(true).ignorePublicAcls(true).blockPublicPolicy(false).restrictPublicBuckets(true)));
        byte[] event = event("put-bucket-public-access-block.json", bucket, e -> { });

        JsonNode answer = deliver(stage, Mode.ENFORCE, event);

        assertThat(answer.path("outcome").asText()).isEqualTo("REMEDIATED");
        assertThat(block(bucket)).isEqualTo(allOn());
        JsonNode action = action(stage, event);
        assertThat(action.path("action").asText()).isEqualTo("s3.block-public-access");
        assertThat(action.path("before").path("blockPublicPolicy").asText()).isEqualTo("false");
        assertThat(action.path("after").path("blockPublicPolicy").asText()).isEqualTo("true");
        assertThat(action.path("undo").path("call").asText()).isEqualTo("PutPublicAccessBlock");
        assertThat(action.path("undo").path("previous").path("blockPublicPolicy").asBoolean(true)).isFalse();

        undo(stage, event);

        assertThat(block(bucket)).isEqualTo(allOn().toBuilder().blockPublicPolicy(false).build());
    }

    @Test
    void aDeletedConfigurationIsPutBack() throws IOException {
        Stage stage = world.build(Emulators.uniquePrefix("s3-unblock"));
        String bucket = bucket(stage);
        s3.deletePublicAccessBlock(request -> request.bucket(bucket));
        byte[] event = event("delete-bucket-public-access-block.json", bucket, e -> { });

        JsonNode answer = deliver(stage, Mode.ENFORCE, event);

        assertThat(answer.path("outcome").asText()).isEqualTo("REMEDIATED");
        assertThat(block(bucket)).isEqualTo(allOn());
        JsonNode action = action(stage, event);
        assertThat(action.path("before").path("configured").asText()).isEqualTo("false");
        assertThat(action.path("undo").path("call").asText()).isEqualTo("DeletePublicAccessBlock");

        undo(stage, event);

        assertThatThrownBy(() -> block(bucket)).isInstanceOf(S3Exception.class)
                .hasMessageContaining("public access block configuration was not found");
    }

    // ---------------------------------------------------------------------------------------- ACLs

    @Test
    void aPublicAclBodyIsMadePrivateKeepingLogDelivery() throws IOException {
        Stage stage = world.build(Emulators.uniquePrefix("s3-acl"));
        String bucket = bucket(stage);
        GetBucketAclResponse before = s3.getBucketAcl(request -> request.bucket(bucket));
        Grant owner = ownerGrant(before);
        Grant logs = group(LOG_DELIVERY, Permission.WRITE);
        s3.putBucketAcl(request -> request.bucket(bucket).accessControlPolicy(acl -> acl.owner(before.owner())
                .grants(owner, logs, group(ALL_USERS, Permission.READ))));
        byte[] event = event("put-bucket-acl.json", bucket, e -> { });

        JsonNode answer = deliver(stage, Mode.ENFORCE, event);

        assertThat(answer.path("outcome").asText()).isEqualTo("REMEDIATED");
        assertThat(s3.getBucketAcl(request -> request.bucket(bucket)).grants()).containsExactlyInAnyOrder(owner, logs);
        JsonNode action = action(stage, event);
        assertThat(action.path("before").path("publicGrants").asText()).isEqualTo("AllUsers:READ");
        assertThat(action.path("after").path("publicGrants").asText()).isEqualTo("none");
        assertThat(action.path("undo").path("grants").toString()).contains(ALL_USERS);

        undo(stage, event);

        assertThat(s3.getBucketAcl(request -> request.bucket(bucket)).grants())
                .containsExactlyInAnyOrder(owner, logs, group(ALL_USERS, Permission.READ));
    }

    @Test
    void aCannedPublicReadAclIsMadePrivate() throws IOException {
        Stage stage = world.build(Emulators.uniquePrefix("s3-canned"));
        String bucket = bucket(stage);
        Grant owner = ownerGrant(s3.getBucketAcl(request -> request.bucket(bucket)));
        s3.putBucketAcl(request -> request.bucket(bucket).acl(BucketCannedACL.PUBLIC_READ));
        byte[] event = event("put-bucket-acl.json", bucket, e -> {
            request(e).remove("AccessControlPolicy");
            request(e).putArray("x-amz-acl").add("public-read");
        });

        JsonNode answer = deliver(stage, Mode.ENFORCE, event);

        assertThat(answer.path("outcome").asText()).isEqualTo("REMEDIATED");
        assertThat(s3.getBucketAcl(request -> request.bucket(bucket)).grants()).containsExactly(owner);

        undo(stage, event);

        assertThat(s3.getBucketAcl(request -> request.bucket(bucket)).grants())
                .containsExactlyInAnyOrder(owner, group(ALL_USERS, Permission.READ));
    }

    @Test
    void dryRunRecordsThePlanAndLeavesThePublicAclAlone() throws IOException {
        Stage stage = world.build(Emulators.uniquePrefix("s3-dryrun"));
        String bucket = bucket(stage);
        s3.putBucketAcl(request -> request.bucket(bucket).acl(BucketCannedACL.PUBLIC_READ));
        byte[] event = event("put-bucket-acl.json", bucket, e -> { });

        JsonNode answer = deliver(stage, Mode.DRY_RUN, event);

        assertThat(answer.path("outcome").asText()).isEqualTo("WOULD_REMEDIATE");
        assertThat(s3.getBucketAcl(request -> request.bucket(bucket)).grants())
                .anySatisfy(grant -> assertThat(grant.grantee().uri()).isEqualTo(ALL_USERS));
        assertThat(action(stage, event).path("before").path("publicGrants").asText()).isEqualTo("AllUsers:READ");
    }

    // ------------------------------------------------------------------------------------- tags

    @Test
    void aBackstopTagWrittenOnABucketIsToldToTheTeamForItExemptsTheBucketFromTheRules() throws IOException {
        Stage stage = world.build(Emulators.uniquePrefix("s3-tags"));
        String bucket = bucket(stage);
        s3.putBucketTagging(request -> request.bucket(bucket).tagging(tagging -> tagging.tagSet(
                Tag.builder().key("team").value("build").build(), Tag.builder().key("backstop:exempt").value("true").build())));
        byte[] tagged = event("put-bucket-tagging-backstop-exempt.json", bucket, e -> { });

        JsonNode answer = deliver(stage, Mode.ENFORCE, tagged);

        assertThat(answer.path("outcome").asText()).isEqualTo("NOTIFIED");
        JsonNode action = action(stage, tagged);
        assertThat(action.path("resource").asText()).isEqualTo("arn:aws:s3:::" + bucket);
        assertThat(action.path("before").path("tags").asText()).isEqualTo("backstop:exempt=true");

        s3.putBucketAcl(request -> request.bucket(bucket).acl(BucketCannedACL.PUBLIC_READ));
        byte[] opened = event("put-bucket-acl.json", bucket, e -> {
            request(e).remove("AccessControlPolicy");
            request(e).putArray("x-amz-acl").add("public-read");
        });

        assertThat(deliver(stage, Mode.ENFORCE, opened).path("outcome").asText()).isEqualTo("EXEMPTED");
    }

    // ------------------------------------------------------------------------------------- helpers

    /** An operator undoes the decision on this event through the command line, which audits it as UNDONE. */
    private static void undo(Stage stage, byte[] event) throws IOException {
        String auditId = "decision#" + eventIdOf(event);
        CommandRun run = CommandRun.of("undo", auditId, "--yes", "--table", stage.auditTable(), "--topic", stage.topicArn());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(world.auditItem(stage, "undo#" + auditId).orElseThrow().get("outcome").s()).isEqualTo("UNDONE");
    }

    private static String bucket(Stage stage) {
        String bucket = stage.trailName().replace("-trail", "-bucket");
        s3.createBucket(request -> request.bucket(bucket));
        return bucket;
    }

    private static JsonNode deliver(Stage stage, Mode mode, byte[] event) throws IOException {
        return deliver(new Settings(stage.auditTable(), stage.topicArn(), mode, List.of()), event);
    }

    private static JsonNode deliver(Settings settings, byte[] event) throws IOException {
        S3Handler handler = new S3Handler(BackstopComponent.factory().create(settings, Clock.systemUTC()));
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), answer, new TerminalContext(new PrintStream(
                new ByteArrayOutputStream())));
        return JSON.readTree(answer.toByteArray());
    }

    /**
     * A sample from events/s3 made about this bucket in the emulator's account, with a fresh event
     * id and the time of now, as EventBridge would deliver the call just made.
     */
    private static byte[] event(String sample, String bucket, Consumer<ObjectNode> edit) {
        try {
            String text = Files.readString(SampleEvents.path("s3/" + sample)).replace(SAMPLE_ACCOUNT, ACCOUNT);
            ObjectNode event = (ObjectNode) JSON.readTree(text.replace(sampleBucket(text), bucket));
            String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            event.put("id", UUID.randomUUID().toString()).put("time", now);
            detail(event).put("eventID", UUID.randomUUID().toString()).put("eventTime", now);
            edit.accept(event);
            return JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sampleBucket(String text) {
        return json(text).at("/detail/requestParameters/bucketName").asText();
    }

    private static ObjectNode detail(ObjectNode event) {
        return (ObjectNode) event.get("detail");
    }

    private static ObjectNode request(ObjectNode event) {
        return (ObjectNode) detail(event).get("requestParameters");
    }

    /** The policy of the PutBucketPolicy sample, about this bucket. */
    private static String samplePolicy(String bucket) {
        String text;
        try {
            text = Files.readString(SampleEvents.path("s3/put-bucket-policy.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return json(text.replace(sampleBucket(text), bucket).replace(SAMPLE_ACCOUNT, ACCOUNT))
                .at("/detail/requestParameters/bucketPolicy").toString();
    }

    /** The sample policy without its statement for everyone. */
    private static String privatePolicy(String bucket) {
        ObjectNode policy = (ObjectNode) json(samplePolicy(bucket));
        ((ArrayNode) policy.get("Statement")).remove(2);
        return policy.toString();
    }

    private static JsonNode policyOf(String bucket) {
        return json(s3.getBucketPolicy(request -> request.bucket(bucket)).policy());
    }

    private static boolean hasPolicy(String bucket) {
        try {
            s3.getBucketPolicy(request -> request.bucket(bucket));
            return true;
        } catch (S3Exception e) {
            if ("NoSuchBucketPolicy".equals(e.awsErrorDetails().errorCode())) {
                return false;
            }
            throw e;
        }
    }

    private static PublicAccessBlockConfiguration block(String bucket) {
        return s3.getPublicAccessBlock(request -> request.bucket(bucket)).publicAccessBlockConfiguration();
    }

    private static PublicAccessBlockConfiguration allOn() {
        return PublicAccessBlockConfiguration.builder().blockPublicAcls(true).ignorePublicAcls(true)
                .blockPublicPolicy(true).restrictPublicBuckets(true).build();
    }

    private static Grant ownerGrant(GetBucketAclResponse acl) {
        return Grant.builder().grantee(Grantee.builder().type(Type.CANONICAL_USER).id(acl.owner().id()).build())
                .permission(Permission.FULL_CONTROL).build();
    }

    private static Grant group(String uri, Permission permission) {
        return Grant.builder().grantee(Grantee.builder().type(Type.GROUP).uri(uri).build()).permission(permission).build();
    }

    private static List<String> sids(JsonNode policy) {
        JsonNode statements = policy.isArray() ? policy : policy.path("Statement");
        return java.util.stream.StreamSupport.stream(statements.spliterator(), false)
                .map(statement -> statement.path("Sid").asText()).toList();
    }

    /** The first action of the decision on this event, as the audit record keeps it. */
    private static JsonNode action(Stage stage, byte[] event) throws IOException {
        Map<String, AttributeValue> record = world.auditItem(stage, eventIdOf(event)).orElseThrow();
        return JSON.readTree(record.get("actions").s()).get(0);
    }

    private static String eventIdOf(byte[] event) throws IOException {
        return JSON.readTree(event).path("detail").path("eventID").asText();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
