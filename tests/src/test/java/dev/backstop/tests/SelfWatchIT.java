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
import dev.backstop.config.OwnResources;
import dev.backstop.config.Settings;
import dev.backstop.handlers.selfwatch.SelfWatchComponent;
import dev.backstop.handlers.selfwatch.SelfWatchHandler;
import dev.backstop.testing.SampleEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryStatus;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyState;

/**
 * Someone switches Backstop off through its own resources, on the emulators (EventBridge, KMS and
 * CloudWatch on LocalStack, Lambda and DynamoDB on moto): the real self-watch handler, given the
 * call as CloudTrail records it, puts the resource back and reads it back; `./backstop undo`
 * reverses that and reads it back too. The same call on a resource that is not Backstop's, or made
 * by the deployment principal, is left alone; a change that cannot be reversed is notified.
 */
class SelfWatchIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "000000000000";
    private static final String DEPLOYER = "arn:aws:iam::" + ACCOUNT + ":role/backstop-deployer";

    private static final KmsClient KMS = KmsClient.builder().region(Region.US_EAST_1).build();
    private static final CloudWatchClient CLOUDWATCH = CloudWatchClient.builder().region(Region.US_EAST_1).build();
    private static final DynamoDbClient DYNAMODB = DynamoDbClient.builder().region(Region.US_EAST_1).build();

    private static final SdkHttpClient HTTP = UrlConnectionHttpClient.create();
    private static final String MEMBER_ROLE = "BackstopRemediation";

    private static DemoWorld world;

    @BeforeAll
    static void emulators() {
        world = Emulators.world();
    }

    private record Deployment(Stage stage, String stack) {

        OwnResources own() {
            return own(List.of());
        }

        /** The stack's rules, functions and alarms by name, the audit table, and these (a key, say). */
        OwnResources own(List<String> more) {
            List<String> patterns = new ArrayList<>(List.of(
                    "arn:aws:events:us-east-1:" + ACCOUNT + ":rule/" + stack + "-*",
                    "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:" + stack + "-*",
                    "arn:aws:cloudwatch:us-east-1:" + ACCOUNT + ":alarm:" + stack + "-*",
                    "arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/" + stage.auditTable()));
            patterns.addAll(more);
            return new OwnResources(patterns);
        }
    }

    private static Deployment deployment(String name) {
        String prefix = Emulators.uniquePrefix(name);
        return new Deployment(world.build(prefix), prefix);
    }

    private static JsonNode deliver(Deployment deployment, String sample, Consumer<ObjectNode> edit) throws IOException {
        return deliver(deployment, deployment.own(), sample, edit);
    }

    private static JsonNode deliver(Deployment deployment, OwnResources own, String sample, Consumer<ObjectNode> edit)
            throws IOException {
        return deliver(new Settings(deployment.stage().auditTable(), deployment.stage().topicArn(), Mode.ENFORCE,
                List.of(DEPLOYER)), own, sample, edit);
    }

    /** The call as CloudTrail records it in the home account, unless {@code edit} says otherwise. */
    private static JsonNode deliver(Settings settings, OwnResources own, String sample, Consumer<ObjectNode> edit)
            throws IOException {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        byte[] event = SampleEvents.edited(sample, e -> {
            e.put("id", UUID.randomUUID().toString()).put("account", ACCOUNT).put("time", now);
            ObjectNode detail = (ObjectNode) e.get("detail");
            detail.put("eventID", UUID.randomUUID().toString()).put("eventTime", now).put("recipientAccountId", ACCOUNT);
            edit.accept(e);
        });
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        new SelfWatchHandler(SelfWatchComponent.create(settings, own, Clock.systemUTC())).handleRequest(
                new ByteArrayInputStream(event), answer, new TerminalContext(new PrintStream(new ByteArrayOutputStream())));
        return JSON.readTree(answer.toByteArray());
    }

    private static JsonNode disabled(Deployment deployment, String rule, Consumer<ObjectNode> edit) throws IOException {
        SelfCheckDeployment.EVENTS.putRule(request -> request.name(rule).eventPattern("{\"source\":[\"aws.cloudtrail\"]}"));
        SelfCheckDeployment.EVENTS.disableRule(request -> request.name(rule));
        return deliver(deployment, "selfwatch/disable-rule.json", e -> {
            ((ObjectNode) e.path("detail").path("requestParameters")).put("name", rule);
            edit.accept(e);
        });
    }

    private static ObjectNode request(ObjectNode event) {
        return (ObjectNode) event.path("detail").path("requestParameters");
    }

    private static RuleState state(String rule) {
        return SelfCheckDeployment.EVENTS.describeRule(request -> request.name(rule)).state();
    }

    private static CommandRun undo(Deployment deployment, String auditId) {
        return CommandRun.of("undo", auditId, "--yes", "--table", deployment.stage().auditTable(), "--topic",
                deployment.stage().topicArn());
    }

    @Test
    void aDisabledBackstopRuleIsEnabledAgainReadBackAndUndoable() throws IOException {
        Deployment deployment = deployment("sw-rule");
        String rule = deployment.stack() + "-trails";

        JsonNode decision = disabled(deployment, rule, e -> { });

        assertThat(decision.path("outcome").asText()).as(decision.toString()).isEqualTo("REMEDIATED");
        assertThat(state(rule)).isEqualTo(RuleState.ENABLED);
        var record = world.auditItem(deployment.stage(), decision.path("auditId").asText()).orElseThrow();
        assertThat(record.get("rules").ss()).containsExactly("self-watch-rule-disabled");

        CommandRun undone = undo(deployment, decision.path("auditId").asText());

        assertThat(undone.exitCode()).as(undone.out() + undone.err()).isZero();
        assertThat(state(rule)).as("undo disables it again").isEqualTo(RuleState.DISABLED);
    }

    @Test
    void someoneElsesRuleAndTheDeploymentPrincipalsCallAreLeftAlone() throws IOException {
        Deployment deployment = deployment("sw-others");
        String theirs = Emulators.uniquePrefix("not-backstop");
        String ours = deployment.stack() + "-buckets";

        JsonNode other = disabled(deployment, theirs, e -> { });
        JsonNode deployed = disabled(deployment, ours, e -> {
            ObjectNode caller = (ObjectNode) e.path("detail").path("userIdentity");
            caller.put("arn", "arn:aws:sts::" + ACCOUNT + ":assumed-role/backstop-deployer/ci");
            ((ObjectNode) caller.path("sessionContext").path("sessionIssuer")).put("arn", DEPLOYER);
        });

        assertThat(other.path("outcome").asText()).isEqualTo("NO_MATCH");
        assertThat(state(theirs)).isEqualTo(RuleState.DISABLED);
        assertThat(deployed.path("outcome").asText()).isEqualTo("IGNORED");
        assertThat(state(ours)).isEqualTo(RuleState.DISABLED);
    }

    @Test
    void aBackstopFunctionHeldAtZeroConcurrencyIsFreedReadBackAndUndoable() throws IOException {
        Deployment deployment = deployment("sw-fn");
        MotoFunctions functions = new MotoFunctions(software.amazon.awssdk.regions.Region.US_EAST_1);
        String function = deployment.stack() + "-s3";
        functions.create(function);
        functions.client().putFunctionConcurrency(request -> request.functionName(function).reservedConcurrentExecutions(0));

        JsonNode decision = deliver(deployment, "selfwatch/put-function-concurrency-zero.json", e ->
                ((ObjectNode) e.path("detail").path("requestParameters")).put("functionName", function));

        assertThat(decision.path("outcome").asText()).as(decision.toString()).isEqualTo("REMEDIATED");
        assertThat(functions.client().getFunctionConcurrency(request -> request.functionName(function))
                .reservedConcurrentExecutions()).isNull();

        CommandRun undone = undo(deployment, decision.path("auditId").asText());

        assertThat(undone.exitCode()).as(undone.out() + undone.err()).isZero();
        assertThat(functions.client().getFunctionConcurrency(request -> request.functionName(function))
                .reservedConcurrentExecutions()).isZero();
    }

    @Test
    void backstopsKeyScheduledForDeletionIsCancelledAndEnabledReadBackAndUndoSchedulesItAgain() throws IOException {
        Deployment deployment = deployment("sw-key");
        String key = KMS.createKey(request -> request.description(deployment.stack() + " notifications")).keyMetadata().arn();
        KMS.scheduleKeyDeletion(request -> request.keyId(key).pendingWindowInDays(7));

        JsonNode decision = deliver(deployment, deployment.own(List.of(key)), "selfwatch/schedule-key-deletion.json",
                e -> request(e).put("keyId", key.substring(key.lastIndexOf('/') + 1)));

        assertThat(decision.path("outcome").asText()).as(decision.toString()).isEqualTo("REMEDIATED");
        assertThat(keyState(key)).isEqualTo(KeyState.ENABLED);

        CommandRun undone = undo(deployment, decision.path("auditId").asText());

        assertThat(undone.exitCode()).as(undone.out() + undone.err()).isZero();
        assertThat(keyState(key)).as("undo schedules the deletion again").isEqualTo(KeyState.PENDING_DELETION);
    }

    @Test
    void backstopsDisabledKeyIsEnabledAndSomeoneElsesIsLeftAlone() throws IOException {
        Deployment deployment = deployment("sw-key-off");
        String ours = KMS.createKey(request -> request.description(deployment.stack())).keyMetadata().arn();
        String theirs = KMS.createKey(request -> request.description("not backstop")).keyMetadata().arn();
        KMS.disableKey(request -> request.keyId(ours));
        KMS.disableKey(request -> request.keyId(theirs));
        OwnResources own = deployment.own(List.of(ours));

        JsonNode decision = deliver(deployment, own, "selfwatch/disable-key.json", e -> request(e).put("keyId", ours));
        JsonNode other = deliver(deployment, own, "selfwatch/disable-key.json", e -> request(e).put("keyId", theirs));

        assertThat(decision.path("outcome").asText()).as(decision.toString()).isEqualTo("REMEDIATED");
        assertThat(keyState(ours)).isEqualTo(KeyState.ENABLED);
        assertThat(other.path("outcome").asText()).isEqualTo("NO_MATCH");
        assertThat(keyState(theirs)).isEqualTo(KeyState.DISABLED);
    }

    @Test
    void backstopsAlarmActionsDisabledAreEnabledAgainReadBackAndUndoable() throws IOException {
        Deployment deployment = deployment("sw-alarm");
        String ours = deployment.stack() + "-dead-letters";
        String theirs = Emulators.uniquePrefix("team-latency");
        for (String alarm : List.of(ours, theirs)) {
            CLOUDWATCH.putMetricAlarm(request -> request.alarmName(alarm).namespace("AWS/SQS")
                    .metricName("ApproximateNumberOfMessagesVisible").statistic("Maximum").period(60)
                    .evaluationPeriods(1).threshold(0.0).comparisonOperator("GreaterThanThreshold"));
        }
        CLOUDWATCH.disableAlarmActions(request -> request.alarmNames(ours, theirs));

        JsonNode decision = deliver(deployment, "selfwatch/disable-alarm-actions.json",
                e -> request(e).putArray("alarmNames").add(ours).add(theirs));

        assertThat(decision.path("outcome").asText()).as(decision.toString()).isEqualTo("REMEDIATED");
        assertThat(actionsEnabled(ours)).isTrue();
        assertThat(actionsEnabled(theirs)).as("not Backstop's alarm").isFalse();

        CommandRun undone = undo(deployment, decision.path("auditId").asText());

        assertThat(undone.exitCode()).as(undone.out() + undone.err()).isZero();
        assertThat(actionsEnabled(ours)).isFalse();
    }

    @Test
    void theAuditTablesPointInTimeRecoveryTurnedOffIsTurnedOnAgainAndUndoable() throws IOException {
        Deployment deployment = deployment("sw-pitr");
        String table = deployment.stage().auditTable();
        DYNAMODB.updateContinuousBackups(request -> request.tableName(table)
                .pointInTimeRecoverySpecification(recovery -> recovery.pointInTimeRecoveryEnabled(false)));

        JsonNode decision = deliver(deployment, "selfwatch/update-continuous-backups-off.json",
                e -> request(e).put("tableName", table));

        assertThat(decision.path("outcome").asText()).as(decision.toString()).isEqualTo("REMEDIATED");
        assertThat(recovery(table)).isEqualTo(PointInTimeRecoveryStatus.ENABLED);

        CommandRun undone = undo(deployment, decision.path("auditId").asText());

        assertThat(undone.exitCode()).as(undone.out() + undone.err()).isZero();
        assertThat(recovery(table)).isEqualTo(PointInTimeRecoveryStatus.DISABLED);
    }

    @Test
    void deletedBackstopAlarmsAreNotifiedWithWhatToRunAndAuditedAsTheSelfWatchRulesDecision() throws IOException {
        Deployment deployment = deployment("sw-deleted");
        String alarm = deployment.stack() + "-canary-heartbeat";

        JsonNode decision = deliver(deployment, "selfwatch/delete-alarms.json",
                e -> request(e).putArray("alarmNames").add(alarm));
        JsonNode other = deliver(deployment, "selfwatch/delete-alarms.json",
                e -> request(e).putArray("alarmNames").add("team-latency"));

        assertThat(decision.path("outcome").asText()).as(decision.toString()).isEqualTo("NOTIFIED");
        var record = world.auditItem(deployment.stage(), decision.path("auditId").asText()).orElseThrow();
        assertThat(record.get("rules").ss()).containsExactly("self-watch-alarms-deleted");
        assertThat(record.toString()).contains("sam deploy");
        assertThat(other.path("outcome").asText()).isEqualTo("NO_MATCH");
    }

    @Test
    void aMembersDisabledForwardingRuleIsEnabledAgainThroughTheMemberRole() throws IOException {
        Deployment deployment = deployment("sw-member");
        String member = "6" + String.format("%011d", ThreadLocalRandom.current().nextLong(100_000_000_000L));
        var asMember = StaticCredentialsProvider.create(AwsBasicCredentials.create(member, "test"));
        try (IamClient iam = AwsClientsModule.build(IamClient.builder(), HTTP, asMember, Region.US_EAST_1)) {
            iam.createRole(request -> request.roleName(MEMBER_ROLE).assumeRolePolicyDocument("{\"Version\":\"2012-10-17\","
                    + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + ACCOUNT
                    + ":root\"},\"Action\":\"sts:AssumeRole\"}]}"));
        }
        EventBridgeClient memberEvents = AwsClientsModule.build(EventBridgeClient.builder(), HTTP, asMember, Region.US_EAST_1);
        memberEvents.putRule(request -> request.name("backstop-forward").eventPattern("{\"source\":[\"aws.cloudtrail\"]}"));
        memberEvents.disableRule(request -> request.name("backstop-forward"));
        Settings settings = new Settings(deployment.stage().auditTable(), deployment.stage().topicArn(), Mode.ENFORCE,
                List.of(DEPLOYER)).withMembers(new MemberAccess(Optional.of(ACCOUNT), Set.of(member),
                        Optional.of(MEMBER_ROLE), Optional.empty()));
        OwnResources own = deployment.own(List.of("arn:aws:events:us-east-1:" + member + ":rule/backstop-forward*"));

        JsonNode decision = deliver(settings, own, "selfwatch/member-disable-forward-rule.json", e -> {
            e.put("account", member);
            ((ObjectNode) e.path("detail")).put("recipientAccountId", member);
        });

        assertThat(decision.path("outcome").asText()).as(decision.toString()).isEqualTo("REMEDIATED");
        assertThat(memberEvents.describeRule(request -> request.name("backstop-forward")).state())
                .isEqualTo(RuleState.ENABLED);
    }

    @Test
    void backstopsAliasMovedBySomeoneElseGoesBackToTheDeployedVersionReadBackAndUndoable() throws IOException {
        Deployment deployment = deployment("sw-alias");
        MotoFunctions functions = new MotoFunctions(Region.US_EAST_1);
        String function = deployment.stack() + "-s3";
        String account = functions.create(function).split(":")[4];
        String deployed = functions.publish(function);
        functions.client().createAlias(request -> request.functionName(function).name("live").functionVersion(deployed));
        functions.client().updateFunctionCode(request -> request.functionName(function)
                .zipFile(MotoFunctions.code("mallory")));
        String planted = functions.publish(function);
        // moto keeps its functions in its own account.
        OwnResources own = deployment.own(List.of("arn:aws:lambda:us-east-1:" + account + ":function:"
                + deployment.stack() + "-*"));
        Instant deployedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);

        JsonNode deploymentsMove = deliver(deployment, own, "selfwatch/update-alias.json", e -> {
            aliasMovedTo(e, account, function, deployed);
            ((ObjectNode) e.path("detail")).put("eventTime", deployedAt.toString());
            ObjectNode caller = (ObjectNode) e.path("detail").path("userIdentity");
            caller.put("arn", "arn:aws:sts::" + ACCOUNT + ":assumed-role/backstop-deployer/ci");
            ((ObjectNode) caller.path("sessionContext").path("sessionIssuer")).put("arn", DEPLOYER);
        });
        functions.client().updateAlias(request -> request.functionName(function).name("live").functionVersion(planted));
        JsonNode decision = deliver(deployment, own, "selfwatch/update-alias.json",
                e -> aliasMovedTo(e, account, function, planted));

        assertThat(deploymentsMove.path("outcome").asText()).as("the deployment's own move").isEqualTo("IGNORED");
        assertThat(decision.path("outcome").asText()).as(decision.toString()).isEqualTo("REMEDIATED");
        assertThat(functions.aliasVersion(function)).isEqualTo(deployed);

        CommandRun undone = undo(deployment, decision.path("auditId").asText());

        assertThat(undone.exitCode()).as(undone.out() + undone.err()).isZero();
        assertThat(functions.aliasVersion(function)).as("undo moves it forward again").isEqualTo(planted);
    }

    /** The UpdateAlias sample, about this function's live alias in moto's account, moved to the version. */
    private static void aliasMovedTo(ObjectNode event, String account, String function, String version) {
        event.put("account", account);
        ObjectNode detail = (ObjectNode) event.path("detail");
        detail.put("recipientAccountId", account);
        ((ObjectNode) detail.path("requestParameters")).put("functionName", function).put("functionVersion", version);
        ((ObjectNode) detail.path("responseElements")).put("functionVersion", version)
                .put("aliasArn", "arn:aws:lambda:us-east-1:" + account + ":function:" + function + ":live");
    }

    private static KeyState keyState(String key) {
        return KMS.describeKey(request -> request.keyId(key)).keyMetadata().keyState();
    }

    private static boolean actionsEnabled(String alarm) {
        return CLOUDWATCH.describeAlarms(request -> request.alarmNames(alarm)).metricAlarms().get(0).actionsEnabled();
    }

    private static PointInTimeRecoveryStatus recovery(String table) {
        return DYNAMODB.describeContinuousBackups(request -> request.tableName(table)).continuousBackupsDescription()
                .pointInTimeRecoveryDescription().pointInTimeRecoveryStatus();
    }
}
