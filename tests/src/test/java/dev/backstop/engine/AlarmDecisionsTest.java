package dev.backstop.engine;

import static dev.backstop.testing.CloudTrailHistory.lambdaCall;
import static dev.backstop.testing.SampleEvents.edited;
import static dev.backstop.testing.TestDeliveries.alarms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.audit.ActionResult;
import dev.backstop.audit.AuditRecord;
import dev.backstop.audit.Outcome;
import dev.backstop.audit.StepLog;
import dev.backstop.config.MemberAccess;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.rules.DefaultPack;
import dev.backstop.rules.RuleBook;
import dev.backstop.rules.RuleLoader;
import dev.backstop.rules.RuleText;
import dev.backstop.testing.FakeDynamoDb;
import dev.backstop.testing.FakeSns;
import dev.backstop.testing.NothingRelated;
import dev.backstop.testing.TestRules;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.CloudTrailException;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsRequest;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;

/** Alarm decisions end to end in the process, CloudTrail's LookupEvents faked at the SDK edge (Mockito). */
class AlarmDecisionsTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:31:00Z");
    private static final Instant LATENCY_ALARM_AT = Instant.parse("2026-11-20T10:30:12.734Z");
    private static final String LATENCY_ID = "decision#arn:aws:cloudwatch:us-east-1:123456789012:alarm:checkout-api p99 latency#"
            + LATENCY_ALARM_AT;
    private static final String DEPLOYER = "arn:aws:sts::123456789012:assumed-role/deployer/ci-4711";
    private static final String ROLLBACK_RULE = """
            version: 1
            rules:
              - id: team-rollback
                description: Roll back after a deployment.
                severity: high
                mode: enforce
                match:
                  source: [aws.cloudwatch]
                  detail:
                    state: {value: [ALARM]}
                    configuration: {metrics: {metricStat: {metric: {namespace: [AWS/Lambda], name: [Duration, Errors]}}}}
                correlate:
                  window: 10m
                  require: [UpdateFunctionCode20150331v2, UpdateAlias20150331]
                unless:
                  accounts: ["210987654321"]
                actions:
                  - action: test.alarm-action
            """;

    private final CloudTrailClient cloudTrail = mock(CloudTrailClient.class);
    private final FakeDynamoDb dynamoDb = new FakeDynamoDb();
    private final FakeSns sns = new FakeSns();
    private final RecordingAlarmAction action = new RecordingAlarmAction();
    private final ByteArrayOutputStream telemetry = new ByteArrayOutputStream();
    private PrintStream stdout;

    @BeforeEach
    void captureTelemetry() {
        // The engine's EMF lines go to standard output, as Lambda wants them.
        stdout = System.out;
        System.setOut(new PrintStream(telemetry, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStandardOutput() {
        System.setOut(stdout);
    }

    private String telemetry() {
        return telemetry.toString(StandardCharsets.UTF_8);
    }

    private RemediationEngine engine(Mode mode, String... teamRules) {
        return engine(new Settings("audit", "arn:aws:sns:us-east-1:123456789012:backstop", mode, List.of()), teamRules);
    }

    private RemediationEngine engine(Settings settings, String... teamRules) {
        Map<String, List<dev.backstop.rules.ParamSpec>> catalogue = new HashMap<>(TestRules.CATALOGUE);
        catalogue.put(RecordingAlarmAction.NAME, List.of());
        List<RuleText> files = new java.util.ArrayList<>(List.of(DefaultPack.text()));
        for (String team : teamRules) {
            files.add(new RuleText("team.yaml", team));
        }
        RuleBook book = new RuleLoader(catalogue, Clock.fixed(NOW, ZoneOffset.UTC)).load(files);
        return DaggerAlarmTestComponent.factory().create(settings, Clock.fixed(NOW, ZoneOffset.UTC), () -> book, action,
                cloudTrail, dynamoDb, sns, NothingRelated.ec2(), NothingRelated.iam(), NothingRelated.lambda()).engine();
    }

    private void history(Event... events) {
        when(cloudTrail.lookupEvents(any(LookupEventsRequest.class)))
                .thenReturn(LookupEventsResponse.builder().events(events).build());
    }

    private static byte[] sample(String name) {
        return edited(name, event -> { });
    }

    @Test
    void notifiesAnAlarmNamingWhoChangedTheFunctionBeforeItAtTheSdkEdge() {
        history(lambdaCall("deploy-1", "UpdateAlias20150331", "checkout-api:live", LATENCY_ALARM_AT.minusSeconds(240),
                DEPLOYER, false));

        AuditRecord decision = engine(Mode.ENFORCE).handle(alarms(sample("alarms/sns-lambda-latency.json"))).get(0);

        assertThat(decision.auditId()).isEqualTo(LATENCY_ID);
        assertThat(decision.outcome()).isEqualTo(Outcome.NOTIFIED);
        assertThat(decision.reason()).isEqualTo("matched alarm-lambda-ec2-notify");
        assertThat(decision.alarm().alarmName()).isEqualTo("checkout-api p99 latency");
        assertThat(decision.alarm().changes()).singleElement()
                .satisfies(change -> assertThat(change.principal()).isEqualTo(DEPLOYER));
        assertThat(dynamoDb.attribute(LATENCY_ID, "alarmName")).isEqualTo("checkout-api p99 latency");
        assertThat(dynamoDb.attribute(LATENCY_ID, "alarmState")).isEqualTo("ALARM");
        assertThat(dynamoDb.attribute(LATENCY_ID, "eventName")).isEqualTo("CloudWatch Alarm State Change");
        assertThat(dynamoDb.attribute(LATENCY_ID, "changes")).contains("\"eventId\":\"deploy-1\"").contains(DEPLOYER);
        assertThat(dynamoDb.attribute(LATENCY_ID, "notification")).isEqualTo("sent");
        assertThat(sns.published()).singleElement().satisfies(message -> {
            assertThat(message.subject()).isEqualTo("Backstop NOTIFIED: alarm checkout-api p99 latency is ALARM");
            assertThat(message.message()).contains("Alarm \\\"checkout-api p99 latency\\\" went OK -> ALARM")
                    .contains("UpdateAlias20150331 by " + DEPLOYER + " at 2026-11-20T10:26:12.734Z on checkout-api");
        });
    }

    @Test
    void decidesOneStateChangeOnceWhicheverWaysItIsDelivered() {
        history();
        RemediationEngine engine = engine(Mode.ENFORCE);

        AuditRecord first = engine.handle(alarms(sample("alarms/eventbridge-ec2-cpu.json"))).get(0);
        AuditRecord second = engine.handle(alarms(sample("alarms/lambda-action-ec2-cpu.json"))).get(0);

        assertThat(first.outcome()).isEqualTo(Outcome.NOTIFIED);
        assertThat(second.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(second.auditId()).startsWith(first.auditId() + "#duplicate#");
        assertThat(sns.published()).hasSize(1);
    }

    @Test
    void actsWhenTheChangeTheRuleRequiresHappenedInItsWindowAtTheSdkEdge() {
        history(lambdaCall("deploy-1", "UpdateFunctionCode20150331v2", "checkout-api", LATENCY_ALARM_AT.minusSeconds(300),
                DEPLOYER, false));

        AuditRecord decision = engine(Mode.ENFORCE, ROLLBACK_RULE).handle(alarms(sample("alarms/sns-lambda-latency.json"))).get(0);

        assertThat(action.applied()).containsExactly("checkout-api");
        assertThat(decision.actions()).filteredOn(result -> result.rule().equals("team-rollback")).singleElement()
                .satisfies(result -> assertThat(result.outcome()).isEqualTo(Outcome.REMEDIATED));
        assertThat(decision.outcome()).isEqualTo(Outcome.REMEDIATED);
    }

    @Test
    void doesNotActWithoutTheRequiredChangeAndRecordsWhyAtTheSdkEdge() {
        // A deployment, but before the rule's 10 minutes: named in the record, not enough to act.
        history(lambdaCall("deploy-old", "UpdateFunctionCode20150331v2", "checkout-api", LATENCY_ALARM_AT.minusSeconds(720),
                DEPLOYER, false));

        AuditRecord decision = engine(Mode.ENFORCE, ROLLBACK_RULE).handle(alarms(sample("alarms/sns-lambda-latency.json"))).get(0);

        assertThat(action.applied()).isEmpty();
        assertThat(decision.actions()).filteredOn(result -> result.rule().equals("team-rollback")).singleElement()
                .satisfies(result -> {
                    assertThat(result.outcome()).isEqualTo(Outcome.IGNORED);
                    assertThat(result.detail()).isEqualTo("not acted: correlate.require: no UpdateFunctionCode20150331v2,"
                            + " UpdateAlias20150331 to checkout-api in the 10 min before the alarm");
                });
        assertThat(decision.alarm().changes()).extracting(change -> change.eventId()).containsExactly("deploy-old");
        assertThat(sns.published()).hasSize(1);
    }

    @Test
    void leavesAnExemptAccountsAlarmAloneButPrincipalsNeverExemptAnAlarm() {
        history(lambdaCall("deploy-1", "UpdateAlias20150331", "checkout-api", LATENCY_ALARM_AT.minusSeconds(60), DEPLOYER,
                false));
        String exemptAccount = ROLLBACK_RULE.replace("210987654321", "123456789012");

        AuditRecord decision = engine(Mode.ENFORCE, exemptAccount).handle(alarms(sample("alarms/sns-lambda-latency.json"))).get(0);

        assertThat(action.applied()).isEmpty();
        assertThat(decision.actions()).filteredOn(result -> result.rule().equals("team-rollback")).singleElement()
                .satisfies(result -> assertThat(result.detail()).isEqualTo("exempted: account 123456789012 is in unless.accounts"));
    }

    @Test
    void decidesEveryRecordOfAnSnsDeliveryAndRejectsAMalformedOneAlone() {
        history();
        byte[] delivery = edited("alarms/sns-two-records.json", root -> ((ObjectNode) root.path("Records").get(1)
                .path("Sns")).put("Message", "{\"AlarmName\":\"broken\"}"));

        List<AuditRecord> decisions = engine(Mode.ENFORCE).handle(alarms(delivery));

        assertThat(decisions).extracting(AuditRecord::outcome).containsExactly(Outcome.NOTIFIED, Outcome.REJECTED);
        assertThat(decisions.get(1).reason()).isEqualTo("malformed event: Records[1].Sns.Message.AlarmArn: is missing");
        assertThat(dynamoDb.items()).containsKey(decisions.get(1).auditId());
    }

    @Test
    void anOkWithNoRuleCostsNoLookup() {
        byte[] ok = edited("alarms/eventbridge-ec2-cpu.json", event -> ((ObjectNode) event.path("detail").path("state"))
                .put("value", "OK"));

        AuditRecord decision = engine(Mode.ENFORCE).handle(alarms(ok)).get(0);

        assertThat(decision.outcome()).isEqualTo(Outcome.NO_MATCH);
        assertThat(decision.alarm().correlation()).isEqualTo("not looked up");
        verify(cloudTrail, never()).lookupEvents(any(LookupEventsRequest.class));
        assertThat(sns.published()).isEmpty();
    }

    @Test
    void releasesTheClaimWhenCloudTrailThrottlesSoTheRetryDecidesAtTheSdkEdge() {
        when(cloudTrail.lookupEvents(any(LookupEventsRequest.class))).thenThrow((CloudTrailException) CloudTrailException
                .builder().statusCode(400).awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException")
                        .errorMessage("Rate exceeded").build()).build());
        RemediationEngine engine = engine(Mode.ENFORCE);

        assertThatThrownBy(() -> engine.handle(alarms(sample("alarms/sns-lambda-latency.json"))))
                .isInstanceOf(CloudTrailException.class);
        assertThat(dynamoDb.attribute(LATENCY_ID, "status")).isEqualTo("retryable");
        assertThat(telemetry()).contains("\"DecisionsHandedBack\":1.0");
    }

    @Test
    void aRetriedAlarmAfterAPartialFailureDoesNotApplyTheFirstActionAgain() {
        history(lambdaCall("deploy-1", "UpdateFunctionCode20150331v2", "checkout-api", LATENCY_ALARM_AT.minusSeconds(300),
                DEPLOYER, false));
        String twoSteps = ROLLBACK_RULE + "      - action: test.alarm-action\n";
        // The rule's second action is throttled past the SDK's retries, after its first was applied.
        action.failApply(2, () -> (AwsServiceException) AwsServiceException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException").errorMessage("Rate exceeded")
                        .build()).build());
        RemediationEngine engine = engine(Mode.ENFORCE, twoSteps);

        assertThatThrownBy(() -> engine.handle(alarms(sample("alarms/sns-lambda-latency.json"))))
                .isInstanceOf(AwsServiceException.class);
        assertThat(action.applied()).hasSize(1);
        assertThat(dynamoDb.attribute(LATENCY_ID, "status")).isEqualTo("retryable");

        AuditRecord retry = engine.handle(alarms(sample("alarms/sns-lambda-latency.json"))).get(0);

        assertThat(action.applied()).hasSize(2);
        assertThat(retry.outcome()).isEqualTo(Outcome.REMEDIATED);
        assertThat(retry.actions()).filteredOn(result -> result.rule().equals("team-rollback"))
                .extracting(ActionResult::outcome).containsExactly(Outcome.REMEDIATED, Outcome.REMEDIATED);
        assertThat(retry.actions()).filteredOn(result -> result.rule().equals("team-rollback"))
                .extracting(ActionResult::detail)
                .satisfiesExactly(first -> assertThat(first).endsWith(StepLog.EARLIER),
                        second -> assertThat(second).doesNotEndWith(StepLog.EARLIER));
    }

    @Test
    void everyAlarmDecisionIsCountedInTheMetricsWithItsDurationAndItsActions() {
        history(lambdaCall("deploy-1", "UpdateFunctionCode20150331v2", "checkout-api", LATENCY_ALARM_AT.minusSeconds(300),
                DEPLOYER, false));
        RemediationEngine engine = engine(Mode.ENFORCE, ROLLBACK_RULE);

        engine.handle(alarms(sample("alarms/sns-lambda-latency.json")));
        engine.handle(alarms(sample("alarms/sns-lambda-latency.json")));

        assertThat(telemetry().lines()).anySatisfy(line -> assertThat(line)
                .contains("\"Outcome\":\"REMEDIATED\"", "\"Decisions\":1.0", "\"DecisionDuration\":",
                        "\"Namespace\":\"Backstop\"", LATENCY_ID));
        assertThat(telemetry().lines()).anySatisfy(line -> assertThat(line)
                .contains("\"Action\":\"test.alarm-action\"", "\"ActionsApplied\":1.0"));
        assertThat(telemetry().lines()).anySatisfy(line -> assertThat(line)
                .contains("\"Reason\":\"notify\"", "\"ActionsSkipped\":1.0"));
        assertThat(telemetry().lines()).anySatisfy(line -> assertThat(line)
                .contains("\"Outcome\":\"DUPLICATE\"", "\"Decisions\":1.0"));
    }

    @Test
    void aMalformedRecordOfADeliveryIsCountedAsARejectedDecision() {
        history();
        byte[] delivery = edited("alarms/sns-two-records.json", root -> ((ObjectNode) root.path("Records").get(1)
                .path("Sns")).put("Message", "{\"AlarmName\":\"broken\"}"));

        engine(Mode.ENFORCE).handle(alarms(delivery));

        assertThat(telemetry().lines()).anySatisfy(line -> assertThat(line)
                .contains("\"Outcome\":\"NOTIFIED\"", "\"Decisions\":1.0"));
        assertThat(telemetry().lines()).anySatisfy(line -> assertThat(line)
                .contains("\"Outcome\":\"REJECTED\"", "\"Decisions\":1.0"));
    }

    @Test
    void runsOnlyActionsThatRespondToAlarms() {
        history();
        String startLogging = ROLLBACK_RULE.replace("test.alarm-action", "cloudtrail.start-logging");

        AuditRecord decision = engine(Mode.ENFORCE, startLogging).handle(alarms(sample("alarms/sns-lambda-latency.json"))).get(0);

        assertThat(decision.actions()).extracting(result -> result.rule()).containsExactly("alarm-lambda-ec2-notify");
    }

    @Test
    void neverActsOnAnAlarmOfAnotherAccountThanItsOwn() {
        Settings settings = new Settings("audit", "arn:aws:sns:us-east-1:210987654321:backstop", Mode.ENFORCE, List.of())
                .withMembers(new MemberAccess(Optional.of("210987654321"), Set.of(), Optional.empty(), Optional.empty()));

        AuditRecord decision = engine(settings, ROLLBACK_RULE).handle(alarms(sample("alarms/sns-lambda-latency.json"))).get(0);

        assertThat(decision.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(decision.reason()).isEqualTo("alarm of account 123456789012: alarms are decided only in the account"
                + " Backstop runs in (210987654321)");
        assertThat(action.applied()).isEmpty();
        verify(cloudTrail, never()).lookupEvents(any(LookupEventsRequest.class));
    }
}
