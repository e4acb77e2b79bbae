package dev.backstop.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.audit.AuditTable;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code ./backstop selfcheck} against a deployment laid out on the emulators as the template lays
 * it out. Whole, every check passes; each test then breaks one protected thing, as an intruder
 * would, and sees exactly that check fail (and the command exit 1).
 */
class SelfCheckIT {

    @BeforeAll
    static void emulators() {
        Emulators.requireLocalEndpoint();
    }

    private static List<String> failures(CommandRun run) {
        return Arrays.stream(run.out().split("\n")).filter(line -> line.startsWith("FAIL")).toList();
    }

    private static void onlyFails(CommandRun run, String expected) {
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(failures(run)).as(run.out()).singleElement().asString().contains(expected);
    }

    @Test
    void aWholeDeploymentPassesEveryCheck() {
        SelfCheckDeployment deployment = new SelfCheckDeployment();

        CommandRun run = deployment.selfcheck();

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains(
                "PASS  rule " + deployment.stack + "-trail-changes: enabled, delivers to [" + deployment.stack
                        + "-cloudtrail:live]",
                "PASS  function " + deployment.stack + "-s3 concurrency: 5 reserved",
                "PASS  function " + deployment.stack + "-s3 as deployed: live is version 1, code and environment as deployed",
                "PASS  audit table " + deployment.table + ": deletion protection on, point-in-time recovery on",
                "PASS  notification topic: " + deployment.topicArn + ": 1 confirmed subscription(s)",
                "PASS  dead-letter queue: empty",
                "PASS  canary heartbeat 000000000000/us-east-1: last heartbeat",
                "PASS  canary heartbeat " + deployment.member + "/us-east-1: last heartbeat",
                "PASS  chain heads vs anchor: 1 chain(s) agree with s3://" + deployment.anchorBucket + "/chain-heads.json",
                "PASS  team rule file: " + deployment.rules + " version",
                "PASS  member " + deployment.member + " forwarding rule backstop-forward: enabled, delivers to",
                "PASS  member " + deployment.member + " forwarding rule backstop-forward-ingress: enabled",
                "PASS  member " + deployment.member + " forwarding rule backstop-forward-rules: enabled",
                "PASS  member " + deployment.member + " forwarding rule backstop-forward-sharing: enabled",
                "PASS  member " + deployment.member + " forwarding rule backstop-forward-detection: enabled",
                "PASS  member " + deployment.member + " forwarding rule backstop-forward-findings: enabled",
                "PASS  member " + deployment.member + " forwarding rule backstop-forward-keys: enabled");
        assertThat(failures(run)).isEmpty();
    }

    @Test
    void aDisabledRuleFails() {
        SelfCheckDeployment deployment = new SelfCheckDeployment();
        SelfCheckDeployment.EVENTS.disableRule(request -> request.name(deployment.stack + "-trail-changes"));

        onlyFails(deployment.selfcheck(), "rule " + deployment.stack + "-trail-changes: is DISABLED");
    }

    @Test
    void aRuleRetargetedAwayFromTheLiveAliasFails() {
        SelfCheckDeployment deployment = new SelfCheckDeployment();
        String elsewhere = "arn:aws:lambda:us-east-1:000000000000:function:someone-elses";
        SelfCheckDeployment.EVENTS.putTargets(request -> request.rule(deployment.stack + "-bucket-changes")
                .targets(target -> target.id("live").arn(elsewhere)));

        onlyFails(deployment.selfcheck(), "delivers to " + elsewhere + ", not a Backstop function's live alias");
    }

    @Test
    void aFunctionAtZeroConcurrencyFails() {
        SelfCheckDeployment deployment = new SelfCheckDeployment();
        deployment.lambda().putFunctionConcurrency(request -> request.functionName(deployment.functionName("s3"))
                .reservedConcurrentExecutions(0));

        onlyFails(deployment.selfcheck(), "function " + deployment.stack + "-s3 concurrency: reserved concurrency is 0");
    }

    @Test
    void anEnvironmentEditedBesideTheDeploymentFails() {
        SelfCheckDeployment deployment = new SelfCheckDeployment();
        deployment.lambda().updateFunctionConfiguration(request -> request.functionName(deployment.functionName("cloudtrail"))
                .environment(env -> env.variables(Map.of("BACKSTOP_MODE", "notify"))));

        onlyFails(deployment.selfcheck(), "function " + deployment.stack
                + "-cloudtrail as deployed: live is version 1, but environment differs from the live version's");
    }

    @Test
    void newCodeBesideTheDeploymentFails() {
        SelfCheckDeployment deployment = new SelfCheckDeployment();
        deployment.lambda().updateFunctionCode(request -> request.functionName(deployment.functionName("cloudtrail"))
                .zipFile(MotoFunctions.code("implant")));

        onlyFails(deployment.selfcheck(), "-cloudtrail as deployed: live is version 1, but code ");
    }

    @Test
    void pointInTimeRecoveryTurnedOffFails() {
        SelfCheckDeployment deployment = new SelfCheckDeployment();
        SelfCheckDeployment.DYNAMODB.updateContinuousBackups(request -> request.tableName(deployment.table)
                .pointInTimeRecoverySpecification(pitr -> pitr.pointInTimeRecoveryEnabled(false)));

        onlyFails(deployment.selfcheck(), "audit table " + deployment.table
                + ": deletion protection on, point-in-time recovery DISABLED");
    }

    @Test
    void aTopicWithoutSubscribersFails() {
        SelfCheckDeployment deployment = new SelfCheckDeployment();
        SelfCheckDeployment.SNS.listSubscriptionsByTopic(request -> request.topicArn(deployment.topicArn)).subscriptions()
                .forEach(subscription -> SelfCheckDeployment.SNS.unsubscribe(request -> request
                        .subscriptionArn(subscription.subscriptionArn())));

        onlyFails(deployment.selfcheck(), "notification topic: " + deployment.topicArn + " has no confirmed subscription");
    }

    @Test
    void aDeadLetterFails() {
        SelfCheckDeployment deployment = new SelfCheckDeployment();
        SelfCheckDeployment.SQS.sendMessage(request -> request.queueUrl(deployment.queueUrl).messageBody("{}"));

        onlyFails(deployment.selfcheck(), "dead-letter queue: holds about 1 message(s)");
    }

    @Test
    void aHeartbeatOlderThanTheWindowFails() {
        SelfCheckDeployment deployment = new SelfCheckDeployment(Instant.now().minus(Duration.ofHours(3)));

        onlyFails(deployment.selfcheck(), "canary heartbeat " + deployment.member
                + "/us-east-1: no heartbeat in the last 120 minutes");
    }

    @Test
    void aChainCutShortBelowItsAnchorFails() {
        SelfCheckDeployment deployment = new SelfCheckDeployment();
        List<String> records = SelfCheckDeployment.DYNAMODB.scanPaginator(request -> request.tableName(deployment.table))
                .items().stream().map(item -> item.get(AuditTable.KEY).s())
                .filter(key -> !key.startsWith(AuditTable.CHAIN_ITEMS_PREFIX)).toList();
        records.forEach(key -> SelfCheckDeployment.DYNAMODB.deleteItem(request -> request.tableName(deployment.table)
                .key(Map.of(AuditTable.KEY, AttributeValue.fromS(key)))));

        CommandRun run = deployment.selfcheck();

        // The one record was the audited load of the rule file: with it gone, that check fails too.
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(failures(run)).hasSize(2).anySatisfy(line -> assertThat(line).contains("chain heads vs anchor: 1"
                + " chain(s) disagree with s3://" + deployment.anchorBucket).contains("is gone"))
                .anySatisfy(line -> assertThat(line).contains("team rule file"));
    }

    @Test
    void aRuleFileNoFunctionHasPutInForceFails() {
        SelfCheckDeployment deployment = new SelfCheckDeployment();
        SelfCheckDeployment.S3.putObject(request -> request.bucket(deployment.rules.bucket()).key(deployment.rules.key()),
                RequestBody.fromString(SelfCheckDeployment.teamRules("off")));

        onlyFails(deployment.selfcheck(), "team rule file: " + deployment.rules + " version");
        assertThat(deployment.selfcheck().out()).contains("was never put in force");
    }

    @Test
    void aMembersDisabledForwardingRuleIsSeenThroughTheMemberRole() {
        SelfCheckDeployment deployment = new SelfCheckDeployment();
        deployment.memberEvents().disableRule(request -> request.name("backstop-forward-ingress"));

        onlyFails(deployment.selfcheck(), "member " + deployment.member
                + " forwarding rule backstop-forward-ingress: is DISABLED: the member's events no longer arrive");
    }
}
