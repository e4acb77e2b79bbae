package dev.backstop.engine;

import static dev.backstop.testing.SampleEvents.detail;
import static dev.backstop.testing.SampleEvents.edited;
import static dev.backstop.testing.TestDeliveries.apiCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dagger.BindsInstance;
import dagger.Component;
import dev.backstop.action.cloudtrail.CloudTrailActionsModule;
import dev.backstop.action.iam.IamActionsModule;
import dev.backstop.audit.ActionResult;
import dev.backstop.audit.AuditRecord;
import dev.backstop.audit.Outcome;
import dev.backstop.breaker.BreakerScope;
import dev.backstop.breaker.BreakerTable;
import dev.backstop.config.BreakerLimits;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.rules.RuleBook;
import dev.backstop.rules.RuleSource;
import dev.backstop.rules.RuleText;
import dev.backstop.testing.FakeCloudTrail;
import dev.backstop.testing.FakeDynamoDb;
import dev.backstop.testing.FakeIam;
import dev.backstop.testing.FakeSns;
import dev.backstop.testing.MutableClock;
import dev.backstop.testing.SampleEvents;
import dev.backstop.testing.TestRules;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.inject.Singleton;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Exactly-once effect across retries, the flapping and blast-radius breakers and the engine's
 * metrics, with the SDK clients faked at their edge.
 */
class SafetyRailsTest {

    @Singleton
    @Component(modules = {EngineModule.class, CloudTrailActionsModule.class, IamActionsModule.class, NoStsModule.class, TeamworkFakesModule.class})
    interface RailsComponent {

        RemediationEngine engine();

        BreakerTable breakers();

        @Component.Factory
        interface Factory {
            RailsComponent create(@BindsInstance Settings settings, @BindsInstance Clock clock,
                    @BindsInstance RuleSource rules, @BindsInstance CloudTrailClient cloudTrail,
                    @BindsInstance IamClient iam, @BindsInstance DynamoDbClient dynamoDb,
                    @BindsInstance SnsClient sns, @BindsInstance Region region);
        }
    }

    private static final String ACCOUNT = "123456789012";
    private static final String TRAIL = "arn:aws:cloudtrail:us-east-1:" + ACCOUNT + ":trail/management-events";
    private static final String OTHER_TRAIL = "arn:aws:cloudtrail:us-east-1:" + ACCOUNT + ":trail/org-trail";
    private static final String EVENT_ID = "c9e5a1d7-3f2b-4e8a-b6c4-0d1e2f3a4b5c";
    private static final String DECISION = "decision#" + EVENT_ID;
    private static final Instant NOW = Instant.parse("2026-11-20T09:14:09Z");
    /** A stopped trail is turned back on, and whoever stopped it is quarantined: two actions in one rule. */
    private static final RuleText TWO_STEPS = new RuleText("team.yaml", """
            version: 1
            rules:
              - id: trail-stopped-quarantine-caller
                description: Turn the trail back on, then lock out whoever stopped it.
                severity: critical
                mode: enforce
                match:
                  source: [aws.cloudtrail]
                  detail:
                    eventName: [StopLogging]
                    errorCode: [{exists: false}]
                actions:
                  - action: cloudtrail.start-logging
                  - action: iam.quarantine-principal
                    params:
                      principal: caller
            overrides:
              cloudtrail-logging-stopped:
                mode: off
            """);

    private final FakeCloudTrail cloudTrail = new FakeCloudTrail().trail(TRAIL, false).trail(OTHER_TRAIL, false);
    private final FakeIam iam = new FakeIam().role("DeveloperAccess");
    private final FakeDynamoDb dynamoDb = new FakeDynamoDb();
    private final FakeSns sns = new FakeSns();
    private final MutableClock clock = new MutableClock(NOW);
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

    private RailsComponent component(Mode mode, BreakerLimits limits, RuleText... team) {
        Settings settings = new Settings("audit", "arn:aws:sns:us-east-1:" + ACCOUNT + ":backstop", mode, List.of())
                .withBreakerLimits(limits);
        RuleBook rules = TestRules.loader(NOW).load(TestRules.withDefaultPack(team));
        return DaggerSafetyRailsTest_RailsComponent.factory()
                .create(settings, clock, () -> rules, cloudTrail, iam, dynamoDb, sns, Region.US_EAST_1);
    }

    private static byte[] stopLogging(String eventId, String trail) {
        return edited("cloudtrail/stop-logging.json", e -> {
            detail(e).put("eventID", SampleEvents.eventId(eventId));
            ((ObjectNode) detail(e).get("requestParameters")).put("name", trail);
        });
    }

    private String telemetry() {
        return telemetry.toString(StandardCharsets.UTF_8);
    }

    // Exactly once

    @Test
    void aRetryAfterAPartialFailureResumesWithoutApplyingTheFirstActionAgain() {
        RemediationEngine engine = component(Mode.ENFORCE, BreakerLimits.DEFAULTS, TWO_STEPS).engine();
        iam.failPutPolicyWith(() -> throttled());

        assertThatThrownBy(() -> engine.handle(apiCall(stopLogging(EVENT_ID, TRAIL)))).isInstanceOf(IamException.class);
        assertThat(cloudTrail.startLoggingCalls()).isEqualTo(1);
        assertThat(dynamoDb.attribute(DECISION, "status")).isEqualTo("retryable");
        // Stopped again behind Backstop's back: a retry that repeated the first step would start it again.
        cloudTrail.trail(TRAIL, false);

        AuditRecord retry = engine.handle(apiCall(stopLogging(EVENT_ID, TRAIL)));

        assertThat(cloudTrail.startLoggingCalls()).isEqualTo(1);
        assertThat(retry.outcome()).isEqualTo(Outcome.REMEDIATED);
        assertThat(retry.actions()).extracting(ActionResult::action, ActionResult::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("cloudtrail.start-logging", Outcome.REMEDIATED),
                org.assertj.core.groups.Tuple.tuple("iam.quarantine-principal", Outcome.REMEDIATED));
        assertThat(retry.actions().get(0).after()).containsEntry("isLogging", "true");
        assertThat(retry.actions().get(0).detail()).isEqualTo("StartLogging on " + TRAIL
                + ", verified by read-back (on an earlier attempt at this event)");
        assertThat(retry.actions().get(0).undo().path("call").asText()).isEqualTo("StopLogging");
        assertThat(telemetry().lines().filter(line -> line.contains("\"ActionsApplied\""))
                .filter(line -> line.contains("cloudtrail.start-logging"))).hasSize(1);
        assertThat(iam.rolePolicy("DeveloperAccess", "BackstopQuarantine")).isNotNull();
    }

    @Test
    void anAuditWriteLostAfterTheActionIsRetriedWithoutActingAgain() {
        RemediationEngine engine = component(Mode.ENFORCE, BreakerLimits.DEFAULTS).engine();
        dynamoDb.failPutOnce(item -> "complete".equals(item.get("status") == null ? null : item.get("status").s()),
                () -> DynamoDbException.builder().statusCode(500).message("Internal Server Error").build());

        assertThatThrownBy(() -> engine.handle(apiCall(stopLogging(EVENT_ID, TRAIL)))).isInstanceOf(DynamoDbException.class);
        cloudTrail.trail(TRAIL, false);
        AuditRecord retry = engine.handle(apiCall(stopLogging(EVENT_ID, TRAIL)));

        assertThat(retry.outcome()).isEqualTo(Outcome.REMEDIATED);
        assertThat(cloudTrail.startLoggingCalls()).isEqualTo(1);
        assertThat(dynamoDb.attribute(DECISION, "outcome")).isEqualTo("REMEDIATED");
        assertThat(telemetry()).contains("\"DecisionsHandedBack\":1.0");
    }

    @Test
    void aDeliveryWhileAnotherIsDecidingTheEventIsHandedBackNotRecordedAsADuplicate() {
        RemediationEngine engine = component(Mode.ENFORCE, BreakerLimits.DEFAULTS).engine();
        dynamoDb.items().put(DECISION, new java.util.HashMap<>(java.util.Map.of(
                "auditId", AttributeValue.fromS(DECISION), "status", AttributeValue.fromS("in-progress"))));

        assertThatThrownBy(() -> engine.handle(apiCall(stopLogging(EVENT_ID, TRAIL))))
                .isInstanceOf(DecisionInProgressException.class)
                .hasMessage(DECISION + " is being decided by another invocation; retry later");
        assertThat(dynamoDb.records()).containsOnlyKeys(DECISION);
        assertThat(cloudTrail.startLoggingCalls()).isZero();
    }

    @Test
    void dryRunAndNotifyStepsAreDecidedAgainAndNeverLogged() {
        component(Mode.DRY_RUN, BreakerLimits.DEFAULTS).engine().handle(apiCall(stopLogging(EVENT_ID, TRAIL)));

        assertThat(dynamoDb.items().keySet()).noneMatch(key -> key.startsWith("step#") || key.startsWith("breaker#"));
    }

    // Flapping

    @Test
    void aTrailStoppedOverAndOverIsRestoredPastItsFlappingBreakerWhichTripsOnceAuditedAndTheCallerIsQuarantined() {
        RailsComponent rails = component(Mode.ENFORCE, new BreakerLimits(20, 10, Duration.ofMinutes(10), 2,
                Duration.ofHours(1)));
        RemediationEngine engine = rails.engine();
        List<AuditRecord> decisions = new java.util.ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            cloudTrail.trail(TRAIL, false);
            clock.advance(Duration.ofMinutes(1));
            decisions.add(engine.handle(apiCall(stopLogging("flap-" + i, TRAIL))));
        }

        assertThat(decisions).extracting(AuditRecord::outcome).containsOnly(Outcome.REMEDIATED);
        assertThat(cloudTrail.startLoggingCalls()).isEqualTo(4);
        List<ActionResult> third = decisions.get(2).actions();
        assertThat(third.get(0).detail()).endsWith("; acted past the flapping breaker of resource " + TRAIL
                + " (tripped at 2026-11-20T09:17:09Z: more than 2 remediations of the resource within 1 hour;"
                + " 3 counted in its window); it closes after its cool-down, or reset it with ./backstop breaker reset"
                + " --resource " + TRAIL + ", as it restores the account's eyes and doors");
        assertThat(third.get(1).action()).isEqualTo("iam.quarantine-principal");
        assertThat(third.get(1).outcome()).isEqualTo(Outcome.REMEDIATED);
        assertThat(third.get(1).detail()).startsWith("escalated, as the flapping breaker of resource " + TRAIL
                + " counted 3 in its window");
        assertThat(iam.rolePolicy("DeveloperAccess", "BackstopQuarantine")).isNotNull();
        assertThat(decisions.get(3).actions().get(1).outcome()).isEqualTo(Outcome.ALREADY_COMPLIANT);
        assertThat(dynamoDb.records().values()).filteredOn(item -> item.get("outcome").s().equals("BREAKER_TRIPPED"))
                .singleElement().satisfies(trip -> assertThat(trip.get("auditId").s())
                        .startsWith("breaker-record#breaker#resource#" + TRAIL + "#tripped#"));
        // Four decisions and the trip.
        assertThat(sns.published()).hasSize(5);
        assertThat(telemetry().lines().filter(line -> line.contains("\"FlappingBreakerTripped\":1"))).hasSize(1);
    }

    @Test
    void anOperatorResetStartsTheCountAfresh() {
        RailsComponent rails = component(Mode.ENFORCE, new BreakerLimits(20, 10, Duration.ofMinutes(10), 1,
                Duration.ofHours(1)), TWO_STEPS);
        rails.engine().handle(apiCall(stopLogging("first", TRAIL)));
        cloudTrail.trail(TRAIL, false);
        assertThat(rails.engine().handle(apiCall(stopLogging("second", TRAIL))).actions().get(0).detail())
                .contains("acted past the flapping breaker");

        boolean reset = rails.breakers().reset(BreakerScope.of(BreakerScope.Kind.RESOURCE, TRAIL), "alice", NOW);
        cloudTrail.trail(TRAIL, false);
        AuditRecord after = rails.engine().handle(apiCall(stopLogging("third", TRAIL)));

        assertThat(reset).isTrue();
        assertThat(after.actions().get(0).outcome()).isEqualTo(Outcome.REMEDIATED);
        assertThat(after.actions().get(0).detail()).doesNotContain("acted past");
        assertThat(rails.breakers().state(BreakerScope.of(BreakerScope.Kind.RESOURCE, TRAIL)).resetBy()).isEqualTo("alice");
    }

    @Test
    void theFlappingWindowPassesAndTheCountStartsAgain() {
        RemediationEngine engine = component(Mode.ENFORCE, new BreakerLimits(20, 10, Duration.ofMinutes(10), 1,
                Duration.ofHours(1))).engine();
        engine.handle(apiCall(stopLogging("early", TRAIL)));
        cloudTrail.trail(TRAIL, false);
        clock.advance(Duration.ofHours(1));

        assertThat(engine.handle(apiCall(stopLogging("an-hour-later", TRAIL))).outcome()).isEqualTo(Outcome.REMEDIATED);
        assertThat(dynamoDb.item("breaker#resource#" + TRAIL)).doesNotContainKey("trippedAt");
    }

    // Blast radius

    @Test
    void pastTheAccountLimitAnActionThatKeepsNoEyesOrDoorsIsOnlyNotifiedUntilTheCoolDownClosesTheBreaker() {
        RailsComponent rails = component(Mode.ENFORCE, new BreakerLimits(1, 10, Duration.ofMinutes(10), 3,
                Duration.ofHours(1)), TWO_STEPS);

        AuditRecord first = rails.engine().handle(apiCall(stopLogging("one", TRAIL)));

        assertThat(first.actions().get(0).outcome()).isEqualTo(Outcome.REMEDIATED);
        assertThat(first.actions().get(1).outcome()).isEqualTo(Outcome.NOTIFIED);
        assertThat(first.actions().get(1).detail()).startsWith("held back by the blast-radius breaker of account "
                + ACCOUNT + " (tripped at ");
        assertThat(iam.rolePolicy("DeveloperAccess", "BackstopQuarantine")).isNull();
        assertThat(rails.breakers().tripped()).extracting(state -> state.scope().key())
                .containsExactly("breaker#account#" + ACCOUNT);
        assertThat(telemetry()).contains("\"BlastRadiusBreakerTripped\":1");

        // Within the cool-down (an hour by default) it stays open; past it, the next action closes it.
        clock.advance(Duration.ofMinutes(59));
        cloudTrail.trail(TRAIL, false);
        assertThat(rails.engine().handle(apiCall(stopLogging("two", TRAIL))).actions().get(1).outcome())
                .isEqualTo(Outcome.NOTIFIED);
        clock.advance(Duration.ofMinutes(2));
        cloudTrail.trail(TRAIL, false);
        AuditRecord later = rails.engine().handle(apiCall(stopLogging("three", TRAIL)));

        assertThat(later.actions().get(0).detail()).doesNotContain("acted past");
        assertThat(dynamoDb.records().values()).filteredOn(item -> item.get("outcome").s().equals("BREAKER_CLOSED"))
                .singleElement().satisfies(closed -> assertThat(closed.get("reason").s())
                        .isEqualTo("the blast-radius breaker of account " + ACCOUNT
                                + " closed by itself after its cool-down of 1 hour (it tripped at 2026-11-20T09:14:09Z)"));
    }

    @Test
    void theRuleBreakerCountsPerAccountSoOneAccountCannotHoldTheRuleBackInOthers() {
        RailsComponent rails = component(Mode.ENFORCE, new BreakerLimits(20, 1, Duration.ofMinutes(10), 3,
                Duration.ofHours(1)), TWO_STEPS);

        AuditRecord first = rails.engine().handle(apiCall(stopLogging("one", TRAIL)));

        assertThat(first.actions().get(1).detail()).startsWith(
                "held back by the blast-radius breaker of rule " + ACCOUNT + "/trail-stopped-quarantine-caller");
        assertThat(rails.breakers().tripped()).extracting(state -> state.scope().key())
                .containsExactly("breaker#rule#" + ACCOUNT + "/trail-stopped-quarantine-caller");
    }

    @Test
    void aPrincipalWhoseCallsKeepBackstopBusyTripsItsOwnBreakerWhateverItsSessionName() {
        RailsComponent rails = component(Mode.ENFORCE, new BreakerLimits(20, 10, Duration.ofMinutes(10), 3,
                Duration.ofHours(1)).withPerPrincipal(1), TWO_STEPS);

        rails.engine().handle(apiCall(stopLogging("one", TRAIL)));

        assertThat(rails.breakers().tripped()).extracting(state -> state.scope().key())
                .containsExactly("breaker#principal#arn:aws:iam::" + ACCOUNT + ":role/DeveloperAccess");
    }

    @Test
    void dryRunDecisionsDoNotCountAgainstTheBreakers() {
        RemediationEngine engine = component(Mode.DRY_RUN, new BreakerLimits(1, 1, Duration.ofMinutes(10), 1,
                Duration.ofHours(1))).engine();

        List<Outcome> outcomes = List.of(engine.handle(apiCall(stopLogging("one", TRAIL))).outcome(),
                engine.handle(apiCall(stopLogging("two", TRAIL))).outcome(), engine.handle(apiCall(stopLogging("three", OTHER_TRAIL))).outcome());

        assertThat(outcomes).containsOnly(Outcome.WOULD_REMEDIATE);
    }

    // Metrics

    @Test
    void everyDecisionIsCountedByOutcomeWithItsDurationAndItsActions() {
        RemediationEngine engine = component(Mode.ENFORCE, BreakerLimits.DEFAULTS).engine();

        engine.handle(apiCall(stopLogging(EVENT_ID, TRAIL)));
        engine.handle(apiCall(stopLogging(EVENT_ID, TRAIL)));

        assertThat(telemetry().lines()).anySatisfy(line -> assertThat(line)
                .contains("\"Outcome\":\"REMEDIATED\"", "\"Decisions\":1.0", "\"DecisionDuration\":",
                        "\"Dimensions\":[[\"Outcome\"]]", "\"Namespace\":\"Backstop\""));
        assertThat(telemetry().lines()).anySatisfy(line -> assertThat(line)
                .contains("\"Action\":\"cloudtrail.start-logging\"", "\"ActionsApplied\":1.0"));
        assertThat(telemetry().lines()).anySatisfy(line -> assertThat(line)
                .contains("\"Outcome\":\"DUPLICATE\"", "\"Decisions\":1.0"));
    }

    @Test
    void skippedActionsAreCountedByReason() {
        cloudTrail.trail(TRAIL, true);

        component(Mode.ENFORCE, BreakerLimits.DEFAULTS).engine().handle(apiCall(stopLogging(EVENT_ID, TRAIL)));

        assertThat(telemetry().lines()).anySatisfy(line -> assertThat(line)
                .contains("\"Reason\":\"already-compliant\"", "\"ActionsSkipped\":1.0"));
    }

    private static IamException throttled() {
        return (IamException) IamException.builder()
                .statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("Throttling").errorMessage("Rate exceeded").build())
                .build();
    }
}
