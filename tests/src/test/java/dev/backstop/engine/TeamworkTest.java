package dev.backstop.engine;

import static dev.backstop.testing.SampleEvents.detail;
import static dev.backstop.testing.SampleEvents.edited;
import static dev.backstop.testing.TestDeliveries.apiCall;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dagger.BindsInstance;
import dagger.Component;
import dev.backstop.action.cloudtrail.CloudTrailActionsModule;
import dev.backstop.audit.ActionResult;
import dev.backstop.audit.AuditKeys;
import dev.backstop.audit.AuditRecord;
import dev.backstop.audit.Deferrals;
import dev.backstop.audit.Outcome;
import dev.backstop.config.BreakerLimits;
import dev.backstop.config.Controls;
import dev.backstop.config.Mode;
import dev.backstop.config.Settings;
import dev.backstop.rules.RuleBook;
import dev.backstop.rules.RuleSource;
import dev.backstop.rules.RuleText;
import dev.backstop.testing.FakeCloudTrail;
import dev.backstop.testing.FakeDynamoDb;
import dev.backstop.testing.FakeScheduler;
import dev.backstop.testing.FakeSns;
import dev.backstop.testing.MutableClock;
import dev.backstop.testing.TestRules;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.inject.Singleton;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The engine working the way a team works: modes stepped by account and tags, the kill switch,
 * veto windows and declared state, on a trail faked at the SDK edge. The veto and the run at the
 * window's end, whose conditions the fake table does not evaluate, run on the emulators in
 * {@code TeamworkIT}.
 */
class TeamworkTest {

    @Singleton
    @Component(modules = {EngineModule.class, CloudTrailActionsModule.class, NoStsModule.class, TeamworkFakesModule.class,
            HomeRegionModule.class})
    interface TeamComponent {

        RemediationEngine engine();

        FakeScheduler scheduler();

        FakeStacks stacks();

        InvocationTarget target();

        @Component.Factory
        interface Factory {
            TeamComponent create(@BindsInstance Settings settings, @BindsInstance java.time.Clock clock,
                    @BindsInstance RuleSource rules, @BindsInstance CloudTrailClient cloudTrail,
                    @BindsInstance DynamoDbClient dynamoDb, @BindsInstance SnsClient sns);
        }
    }

    private static final String ACCOUNT = "123456789012";
    private static final String TRAIL = "arn:aws:cloudtrail:us-east-1:" + ACCOUNT + ":trail/management-events";
    private static final String EVENT_ID = "c9e5a1d7-3f2b-4e8a-b6c4-0d1e2f3a4b5c";
    private static final String DECISION = AuditKeys.decision(EVENT_ID);
    private static final String SELF = "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:backstop-cloudtrail:live";
    private static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/backstop-scheduler";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T09:20:00Z"));
    private final FakeCloudTrail cloudTrail = new FakeCloudTrail().trail(TRAIL, false);
    private final FakeDynamoDb dynamoDb = new FakeDynamoDb();
    private final FakeSns sns = new FakeSns();
    private final AtomicReference<RuleBook> book = new AtomicReference<>();

    private TeamComponent component(Mode mode, Controls controls, String team) {
        rules(team);
        Settings settings = new Settings("audit", "arn:aws:sns:us-east-1:" + ACCOUNT + ":backstop", mode, List.of())
                .withControls(controls);
        TeamComponent component = DaggerTeamworkTest_TeamComponent.factory()
                .create(settings, clock, book::get, cloudTrail, dynamoDb, sns);
        component.target().set(SELF);
        return component;
    }

    private TeamComponent component(String team) {
        return component(Mode.ENFORCE, new Controls(false, "backstop-vetoes", Optional.of(ROLE)), team);
    }

    /** The team file in force from now on; one without rules of its own gets {@code rules: []} at its end. */
    private void rules(String team) {
        String file = team.contains("rules:") ? team : team + "rules: []\n";
        book.set(TestRules.loader(clock.instant()).load(TestRules.withDefaultPack(new RuleText("team.yaml", file))));
    }

    private static byte[] stopLogging(String eventId) {
        return edited("cloudtrail/stop-logging.json", e -> detail(e).put("eventID", eventId));
    }

    private static final String STEPPED = """
            version: 1
            overrides:
              cloudtrail-logging-stopped:
                mode:
                  default: notify
                  when:
                    - tags: {env: dev}
                      mode: enforce
            """;

    @Test
    void aModeSteppedByTagEnforcesWhereTheTagSaysAndSaysWhy() {
        cloudTrail.tag(TRAIL, "env", "dev");

        AuditRecord decision = component(STEPPED).engine().handle(apiCall(stopLogging(EVENT_ID)));

        assertThat(cloudTrail.isLogging(TRAIL)).isTrue();
        ActionResult action = decision.actions().get(0);
        assertThat(action.outcome()).isEqualTo(Outcome.REMEDIATED);
        assertThat(action.mode()).isEqualTo(Mode.ENFORCE);
        assertThat(action.modeReason()).isEqualTo("when case at team.yaml:7: tag env=dev");
        assertThat(action.tags()).containsEntry("env", "dev");
    }

    @Test
    void theSameRuleOnlyTellsWhereTheTagSaysProduction() {
        cloudTrail.tag(TRAIL, "env", "prod");

        AuditRecord decision = component(STEPPED).engine().handle(apiCall(stopLogging(EVENT_ID)));

        assertThat(cloudTrail.isLogging(TRAIL)).isFalse();
        ActionResult action = decision.actions().get(0);
        assertThat(action.outcome()).isEqualTo(Outcome.NOTIFIED);
        assertThat(action.mode()).isEqualTo(Mode.NOTIFY);
        assertThat(action.modeReason()).isEqualTo("no when case holds, so the rule's default");
    }

    @Test
    void aModeSteppedByOrganizationalUnitNeedsNoLookAtTheResource() {
        AuditRecord decision = component("""
                version: 1
                organization:
                  sandbox: ["123456789012"]
                overrides:
                  cloudtrail-logging-stopped:
                    mode: {default: enforce, when: [{ous: [sandbox], mode: dry-run}]}
                """).engine().handle(apiCall(stopLogging(EVENT_ID)));

        assertThat(decision.actions().get(0).outcome()).isEqualTo(Outcome.WOULD_REMEDIATE);
        assertThat(decision.actions().get(0).modeReason()).isEqualTo("when case at team.yaml:6: organizational unit sandbox");
        assertThat(cloudTrail.isLogging(TRAIL)).isFalse();
    }

    @Test
    void theKillSwitchInTheTeamFileDropsEveryRuleToNotifyAndIsAuditedWhenSetAndWhenCleared() {
        TeamComponent component = component("""
                version: 1
                kill-switch: {by: alice@example.com, reason: INC-4711}
                """);

        AuditRecord decision = component.engine().handle(apiCall(stopLogging(EVENT_ID)));

        assertThat(cloudTrail.isLogging(TRAIL)).isFalse();
        assertThat(decision.actions().get(0).outcome()).isEqualTo(Outcome.NOTIFIED);
        assertThat(decision.actions().get(0).modeReason()).isEqualTo("the rule's mode (enforce), capped to notify by the"
                + " kill switch (team file team.yaml, by alice@example.com: INC-4711)");
        List<String> switched = dynamoDb.records().keySet().stream().filter(id -> id.startsWith("kill-switch#")).toList();
        assertThat(switched).singleElement().satisfies(id -> {
            assertThat(dynamoDb.attribute(id, "outcome")).isEqualTo("RECORDED");
            assertThat(dynamoDb.attribute(id, "eventName")).isEqualTo("KillSwitchSet");
            assertThat(dynamoDb.attribute(id, "principal")).isEqualTo("alice@example.com");
        });

        rules("version: 1\nrules: []\n");
        clock.advance(java.time.Duration.ofMinutes(1));
        AuditRecord after = component.engine().handle(apiCall(stopLogging("e2" + EVENT_ID.substring(2))));

        assertThat(after.outcome()).isEqualTo(Outcome.REMEDIATED);
        assertThat(dynamoDb.records().keySet().stream().filter(id -> id.startsWith("kill-switch#"))
                .map(id -> dynamoDb.attribute(id, "eventName"))).containsExactlyInAnyOrder("KillSwitchSet", "KillSwitchCleared");
        assertThat(sns.published()).anySatisfy(message -> assertThat(message.subject()).isEqualTo(
                "Backstop RECORDED: KillSwitchSet"));
    }

    @Test
    void theStacksKillSwitchWinsOverEveryRule() {
        AuditRecord decision = component(Mode.ENFORCE, new Controls(true, "default", Optional.empty()), "version: 1\n")
                .engine().handle(apiCall(stopLogging(EVENT_ID)));

        assertThat(decision.actions().get(0).outcome()).isEqualTo(Outcome.NOTIFIED);
        assertThat(decision.actions().get(0).modeReason()).endsWith("capped to notify by the kill switch (stack parameter"
                + " KillSwitch, by the stack's KillSwitch parameter: set on the stack)");
    }

    private static final String VETOED = """
            version: 1
            overrides:
              cloudtrail-logging-stopped: {mode: off}
            rules:
              - id: trail-stopped-with-veto
                description: Turn a stopped trail back on after a veto window.
                severity: high
                mode: enforce
                enforce-after: 15m
                match:
                  detail: {eventSource: [cloudtrail.amazonaws.com], eventName: [StopLogging]}
                actions: [{action: cloudtrail.start-logging}]
            """;

    @Test
    void anEnforcingDecisionWithAVetoWindowIsPendingAndScheduledForTheWindowsEnd() {
        TeamComponent component = component(VETOED);

        AuditRecord decision = component.engine().handle(apiCall(stopLogging(EVENT_ID)));

        assertThat(cloudTrail.isLogging(TRAIL)).isFalse();
        assertThat(decision.outcome()).isEqualTo(Outcome.PENDING);
        assertThat(decision.actions().get(0).detail()).startsWith("will run StartLogging on " + TRAIL
                + " at 2026-11-20T09:35:00Z unless vetoed (./backstop veto " + DECISION);
        assertThat(component.scheduler().schedules().values()).singleElement().satisfies(schedule -> {
            assertThat(schedule.groupName()).isEqualTo("backstop-vetoes");
            assertThat(schedule.scheduleExpression()).isEqualTo("at(2026-11-20T09:35:00)");
            assertThat(schedule.actionAfterCompletionAsString()).isEqualTo("DELETE");
            assertThat(schedule.target().arn()).isEqualTo(SELF);
            assertThat(schedule.target().roleArn()).isEqualTo(ROLE);
            assertThat(schedule.target().input()).isEqualTo("{\"backstop\":\"deferred\",\"id\":\"" + DECISION + "\"}");
        });
        assertThat(dynamoDb.attribute("deferred#" + DECISION, "state")).isEqualTo(Deferrals.PENDING);
        assertThat(sns.published()).singleElement().satisfies(message -> assertThat(message.message())
                .contains("Backstop PENDING", "./backstop veto " + DECISION));
    }

    @Test
    void theRunAtAVetoWindowsEndIsCountedByTheBreakersAsEveryEnforcingActionIs() {
        rules(VETOED);
        // One enforcing action per principal in the window: the second due run finds the caller's breaker open.
        Settings settings = new Settings("audit", "arn:aws:sns:us-east-1:" + ACCOUNT + ":backstop", Mode.ENFORCE, List.of())
                .withControls(new Controls(false, "backstop-vetoes", Optional.of(ROLE)))
                .withBreakerLimits(BreakerLimits.DEFAULTS.withPerPrincipal(1));
        TeamComponent component = DaggerTeamworkTest_TeamComponent.factory()
                .create(settings, clock, book::get, cloudTrail, dynamoDb, sns);
        component.target().set(SELF);
        String second = "0b7d3c2a-5e4f-4a1b-9c8d-7e6f5a4b3c2d";
        component.engine().handle(apiCall(stopLogging(EVENT_ID)));
        component.engine().handle(apiCall(stopLogging(second)));
        clock.advance(java.time.Duration.ofMinutes(16));

        AuditRecord first = due(component, DECISION);
        cloudTrail.trail(TRAIL, false);
        AuditRecord again = due(component, AuditKeys.decision(second));

        assertThat(first.outcome()).isEqualTo(Outcome.REMEDIATED);
        assertThat(first.actions().get(0).detail()).doesNotContain(ActionRunner.PAST);
        assertThat(again.outcome()).isEqualTo(Outcome.REMEDIATED);
        assertThat(again.actions().get(0).detail()).contains(ActionRunner.PAST,
                "principal arn:aws:iam::" + ACCOUNT + ":role/DeveloperAccess",
                "as it restores the account's eyes and doors");
    }

    private static AuditRecord due(TeamComponent component, String id) {
        return component.engine().handle(("{\"backstop\":\"deferred\",\"id\":\"" + id + "\"}").getBytes(),
                new dev.backstop.event.CloudTrailEventParser()).get(0);
    }

    @Test
    void withoutASchedulerRoleAVetoWindowFailsLoudlyAndNothingRunsEarly() {
        AuditRecord decision = component(Mode.ENFORCE, Controls.DEFAULTS, VETOED).engine()
                .handle(apiCall(stopLogging(EVENT_ID)));

        assertThat(cloudTrail.isLogging(TRAIL)).isFalse();
        assertThat(decision.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(decision.actions().get(0).detail()).isEqualTo("its veto window could not be scheduled (no scheduler role"
                + " (BACKSTOP_SCHEDULER_ROLE_ARN) to schedule it with); not run, and nothing runs without the window");
    }

    @Test
    void aRejectedScheduleFailsTheStepAndLeavesTheTrailAlone() {
        TeamComponent component = component(VETOED);
        component.scheduler().failWith(software.amazon.awssdk.services.scheduler.model.SchedulerException.builder()
                .statusCode(403).awsErrorDetails(software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
                        .errorCode("AccessDeniedException").errorMessage("not authorized").build()).build());

        AuditRecord decision = component.engine().handle(apiCall(stopLogging(EVENT_ID)));

        assertThat(decision.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(decision.actions().get(0).detail()).contains("AccessDeniedException: not authorized");
        assertThat(cloudTrail.isLogging(TRAIL)).isFalse();
    }

    private static final String RESPECTING = """
            version: 1
            pipelines:
              principals: ["arn:aws:iam::*:role/DeveloperAccess"]
              owner: platform
            notify:
              contacts:
                platform: [{sns: "arn:aws:sns:us-east-1:123456789012:platform"}]
            overrides:
              cloudtrail-logging-stopped: {mode: off}
            rules:
              - id: trail-stopped-declared
                description: A stopped trail; a pipeline's is respected.
                severity: high
                mode: enforce
                declared: %s
                match:
                  detail: {eventSource: [cloudtrail.amazonaws.com], eventName: [StopLogging]}
                actions: [{action: cloudtrail.start-logging}]
            """;

    @Test
    void aChangeAPipelinePrincipalMadeIsRespectedWhenTheRuleSaysSo() {
        AuditRecord decision = component(RESPECTING.formatted("respect")).engine().handle(apiCall(stopLogging(EVENT_ID)));

        assertThat(cloudTrail.isLogging(TRAIL)).isFalse();
        ActionResult action = decision.actions().get(0);
        assertThat(action.outcome()).isEqualTo(Outcome.NOTIFIED);
        assertThat(action.declared()).isEqualTo("respect: pipeline principal arn:aws:sts::123456789012:assumed-role/"
                + "DeveloperAccess/mallory");
        assertThat(action.detail()).startsWith("declared state (pipeline principal ").contains("not run: StartLogging");
    }

    @Test
    void aResourceACloudFormationStackManagesIsFoundByItsStackTag() {
        cloudTrail.tag(TRAIL, "aws:cloudformation:stack-name", "audit-trail");
        TeamComponent component = component(RESPECTING.formatted("respect").replace("DeveloperAccess", "terraform"));

        AuditRecord decision = component.engine().handle(apiCall(stopLogging(EVENT_ID)));

        assertThat(decision.actions().get(0).declared()).isEqualTo("respect: CloudFormation stack audit-trail (its tag"
                + " aws:cloudformation:stack-name)");
        assertThat(component.stacks().lookups()).isZero();
    }

    @Test
    void aResourceWithoutTheTagIsLookedUpInCloudFormation() {
        TeamComponent component = component(RESPECTING.formatted("respect").replace("DeveloperAccess", "terraform"));
        component.stacks().manage("management-events", "audit-trail", "Trail");

        AuditRecord decision = component.engine().handle(apiCall(stopLogging(EVENT_ID)));

        assertThat(decision.actions().get(0).outcome()).isEqualTo(Outcome.NOTIFIED);
        assertThat(decision.actions().get(0).declared()).isEqualTo("respect: CloudFormation stack audit-trail (Trail)");
    }

    @Test
    void revertAndTellRevertsAndTellsThePipelinesOwner() {
        AuditRecord decision = component(RESPECTING.formatted("revert-and-tell")).engine()
                .handle(apiCall(stopLogging(EVENT_ID)));

        assertThat(cloudTrail.isLogging(TRAIL)).isTrue();
        ActionResult action = decision.actions().get(0);
        assertThat(action.outcome()).isEqualTo(Outcome.REMEDIATED);
        assertThat(action.declared()).startsWith("revert-and-tell: pipeline principal");
        assertThat(action.detail()).endsWith("reverted: its pipeline's owner is told that its code will put the change back");
    }

    @Test
    void aRuleThatRevertsAnywayNeverAsksCloudFormation() {
        TeamComponent component = component("version: 1\n");

        component.engine().handle(apiCall(stopLogging(EVENT_ID)));

        assertThat(cloudTrail.isLogging(TRAIL)).isTrue();
        assertThat(component.stacks().lookups()).isZero();
    }

    @Test
    void aResourceBeingCreatedSettlesBeforeItIsReadAndIsDecidedWhenItsTimeComes() {
        TeamComponent component = component("""
                version: 1
                pipelines:
                  principals: ["arn:aws:iam::*:role/DeveloperAccess"]
                  settle: 2m
                """);
        byte[] event = edited("cloudtrail/stop-logging.json", e -> detail(e).put("eventTime", "2026-11-20T09:19:30Z"));

        AuditRecord settling = component.engine().handle(apiCall(event));

        assertThat(settling.outcome()).isEqualTo(Outcome.PENDING);
        assertThat(settling.reason()).contains("settles until 2026-11-20T09:21:30Z");
        assertThat(cloudTrail.isLogging(TRAIL)).isFalse();
        assertThat(dynamoDb.records()).doesNotContainKey(DECISION);
        assertThat(component.scheduler().schedules().values()).singleElement().satisfies(schedule ->
                assertThat(schedule.scheduleExpression()).isEqualTo("at(2026-11-20T09:22:00)"));

        clock.advance(java.time.Duration.ofMinutes(2));
        List<AuditRecord> settled = component.engine().handle(
                ("{\"backstop\":\"deferred\",\"id\":\"settle#" + EVENT_ID + "\"}").getBytes(),
                new dev.backstop.event.CloudTrailEventParser());

        assertThat(settled).singleElement().satisfies(record -> {
            assertThat(record.auditId()).isEqualTo(DECISION);
            assertThat(record.outcome()).isEqualTo(Outcome.REMEDIATED);
        });
        assertThat(cloudTrail.isLogging(TRAIL)).isTrue();
    }
}
