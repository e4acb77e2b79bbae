package dev.backstop.action.selfwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.audit.Deferrals;
import dev.backstop.audit.Deferrals.Deferral;
import dev.backstop.audit.Deferrals.ScheduleOwner;
import dev.backstop.aws.OneTimeSchedules;
import dev.backstop.config.Controls;
import dev.backstop.config.Mode;
import dev.backstop.config.OwnResources;
import dev.backstop.config.Settings;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.rules.ActionSpec;
import dev.backstop.testing.FakeDynamoDb;
import dev.backstop.testing.FakeScheduler;
import dev.backstop.testing.MutableClock;
import dev.backstop.testing.SampleEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;

/**
 * A pending decision's schedule deleted or changed by someone is put back as the deciding function
 * made it, read back; a vetoed or run decision's, or a schedule no deferral of Backstop's names, is
 * not. Scheduler and the audit table are fakes at the SDK edge (SelfWatchIT runs it on the emulators).
 */
class RestoreDeferralScheduleActionTest {

    private static final String ACCOUNT = "123456789012";
    private static final String GROUP = "backstop-deferred";
    private static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/backstop/backstop/backstop-SchedulerRole-1A2B3C";
    private static final String TARGET = "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:backstop-cloudtrail:live";
    private static final OwnResources OWN = new OwnResources(List.of(
            "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:backstop-*",
            "arn:aws:scheduler:us-east-1:" + ACCOUNT + ":schedule/" + GROUP + "/*"));
    private static final ActionSpec SPEC = new ActionSpec(RestoreDeferralScheduleAction.NAME, Map.of());
    private static final Instant NOW = Instant.parse("2026-11-20T14:02:30Z");
    private static final Instant DUE = Instant.parse("2026-11-20T14:15:00Z");
    private static final String ID = "decision#e7a24c19-3b58-4f06-a1d9-6c8e2b5f0a37";
    private static final String NAME = Deferrals.scheduleName(ID);

    private final FakeDynamoDb dynamoDb = new FakeDynamoDb();
    private final FakeScheduler scheduler = new FakeScheduler();
    private final Deferrals deferrals = new Deferrals(dynamoDb, "backstop-audit");
    private final OneTimeSchedules schedules = new OneTimeSchedules(scheduler, new Settings("backstop-audit",
            "arn:aws:sns:us-east-1:" + ACCOUNT + ":backstop", Mode.ENFORCE, List.of())
            .withControls(new Controls(false, GROUP, Optional.of(ROLE))));
    private final MutableClock clock = new MutableClock(NOW);
    private final RestoreDeferralScheduleAction action = new RestoreDeferralScheduleAction(deferrals, schedules,
            Optional.of(OWN), clock);

    private void deferred(Instant due) {
        deferrals.create(Deferral.pending(ID, Deferrals.Purpose.VETO_WINDOW, due, "{}", NAME, ACCOUNT, "us-east-1",
                List.of("trail-stopped#0"), List.of("cloudtrail.start-logging on the trail")));
        deferrals.recordSchedule(new ScheduleOwner(NAME, ID, TARGET));
        schedules.create(NAME, due, TARGET, Deferrals.runInput(ID));
    }

    private static CloudTrailEvent call(String sample, Consumer<ObjectNode> edit) {
        return new CloudTrailEventParser().parse(SampleEvents.edited("selfwatch/" + sample, event -> {
            ObjectNode request = (ObjectNode) event.path("detail").path("requestParameters");
            request.put("name", NAME).put("groupName", GROUP);
            edit.accept(event);
        }));
    }

    private static CloudTrailEvent deleted() {
        return call("delete-schedule.json", event -> { });
    }

    private CreateScheduleRequest schedule() {
        return scheduler.schedules().get(GROUP + "/" + NAME);
    }

    private ActionPlan applied(CloudTrailEvent event) {
        assertThat(action.appliesTo(event, SPEC)).isTrue();
        ActionPlan plan = action.plan(event, SPEC);
        assertThat(plan.changeNeeded()).as(plan.change()).isTrue();
        action.apply(plan);
        return plan;
    }

    @Test
    void aPendingDecisionsDeletedScheduleIsCreatedAgainAtItsDueTimeAsBackstopMadeItAndReadBack() {
        deferred(DUE);
        scheduler.deleteSchedule(request -> request.groupName(GROUP).name(NAME));

        ActionPlan plan = applied(deleted());

        assertThat(plan.resource()).isEqualTo("arn:aws:scheduler:us-east-1:" + ACCOUNT + ":schedule/" + GROUP + "/" + NAME);
        assertThat(plan.change()).startsWith("CreateSchedule " + NAME + " again, at " + DUE + " invoking " + TARGET)
                .contains(ID, "DeleteSchedule by arn:aws:sts::" + ACCOUNT + ":assumed-role/DeveloperAccess/mallory");
        assertThat(plan.before().facts()).containsEntry("schedule", "deleted");
        assertThat(schedule().scheduleExpression()).isEqualTo("at(2026-11-20T14:15:00)");
        assertThat(schedule().target().arn()).isEqualTo(TARGET);
        assertThat(schedule().target().roleArn()).isEqualTo(ROLE);
        assertThat(schedule().target().input()).isEqualTo("{\"backstop\":\"deferred\",\"id\":\"" + ID + "\"}");
        assertThat(schedule().actionAfterCompletionAsString()).isEqualTo("DELETE");
        assertThat(action.readBack(plan).compliant()).isTrue();
    }

    @Test
    void aDeletionFoundAfterTheDueTimeRunsTheDecisionAMinuteFromNow() {
        deferred(DUE);
        scheduler.deleteSchedule(request -> request.groupName(GROUP).name(NAME));
        clock.advance(Duration.ofMinutes(20)); // 14:22:30

        ActionPlan plan = applied(deleted());

        assertThat(schedule().scheduleExpression()).isEqualTo("at(2026-11-20T14:24:00)");
        assertThat(action.readBack(plan).compliant()).isTrue();
    }

    @Test
    void aScheduleMovedAndDisabledIsPutBackToItsDueTimeAndEnabled() {
        deferred(DUE);
        CreateScheduleRequest made = schedule();
        scheduler.updateSchedule(request -> request.groupName(GROUP).name(NAME).scheduleExpression("at(2027-12-31T00:00:00)")
                .state(ScheduleState.DISABLED).flexibleTimeWindow(made.flexibleTimeWindow()).target(made.target()));
        CloudTrailEvent updated = call("update-schedule.json", event -> { });

        ActionPlan plan = applied(updated);

        assertThat(plan.change()).startsWith("UpdateSchedule " + NAME + " back to at " + DUE);
        assertThat(plan.before().facts()).containsEntry("enabled", "false").containsEntry("at", "2027-12-31T00:00:00Z");
        assertThat(schedule().scheduleExpression()).isEqualTo("at(2026-11-20T14:15:00)");
        assertThat(schedule().state()).isEqualTo(ScheduleState.ENABLED);
        assertThat(action.readBack(plan).compliant()).isTrue();
    }

    @Test
    void anUpdateThatLeftTheScheduleAsMadeNeedsNoChange() {
        deferred(DUE);

        ActionPlan plan = action.plan(call("update-schedule.json", event -> { }), SPEC);

        assertThat(plan.changeNeeded()).isFalse();
        assertThat(plan.before().compliant()).isTrue();
    }

    @Test
    void aVetoedDecisionsScheduleIsLeftAloneItsDeletionWasTheVetos() {
        deferred(DUE);
        deferrals.veto(ID, "arn:aws:sts::" + ACCOUNT + ":assumed-role/SecOps/alice", "owner asked", NOW);
        scheduler.deleteSchedule(request -> request.groupName(GROUP).name(NAME));

        ActionPlan plan = action.plan(deleted(), SPEC);

        assertThat(plan.changeNeeded()).isFalse();
        assertThat(plan.change()).startsWith("left alone:").contains("vetoed by arn:aws:sts::" + ACCOUNT
                + ":assumed-role/SecOps/alice");
        assertThat(scheduler.schedules()).isEmpty();
    }

    @Test
    void aRunDecisionsScheduleIsLeftAlone() {
        deferred(DUE);
        clock.advance(Duration.ofMinutes(13));
        assertThat(deferrals.start(ID, clock.instant())).isTrue();
        deferrals.finish(ID, Deferrals.DONE, "REMEDIATED");
        scheduler.deleteSchedule(request -> request.groupName(GROUP).name(NAME));

        ActionPlan plan = action.plan(deleted(), SPEC);

        assertThat(plan.changeNeeded()).isFalse();
        assertThat(plan.before().facts()).containsEntry("state", Deferrals.DONE);
    }

    @Test
    void itIsForSchedulesOfBackstopsGroupDeletedBySomeoneOtherThanSchedulerOnly() {
        assertThat(action.appliesTo(deleted(), SPEC)).isTrue();
        assertThat(action.appliesTo(call("delete-schedule.json", event ->
                ((ObjectNode) event.path("detail").path("requestParameters")).put("groupName", "someone-elses")), SPEC))
                .isFalse();
        assertThat(action.appliesTo(call("delete-schedule.json", event ->
                ((ObjectNode) event.path("detail").path("requestParameters")).remove("groupName")), SPEC))
                .as("the default group").isFalse();
        assertThat(action.appliesTo(call("delete-schedule.json", event -> {
            ObjectNode identity = ((ObjectNode) event.path("detail")).putObject("userIdentity");
            identity.put("type", "AWSService").put("invokedBy", "scheduler.amazonaws.com");
        }), SPEC)).as("Scheduler deleting a schedule that ran").isFalse();
        assertThat(new RestoreDeferralScheduleAction(deferrals, schedules, Optional.empty(), clock).appliesTo(deleted(), SPEC))
                .as("without Backstop's own resources").isFalse();
    }

    @Test
    void aScheduleNoDeferralNamesIsRefusedAndNothingIsCreated() {
        assertThatThrownBy(() -> action.plan(deleted(), SPEC)).isInstanceOf(ActionRefusedException.class)
                .hasMessageContaining("names no deferral for this schedule");
        assertThat(scheduler.schedules()).isEmpty();
    }

    @Test
    void aForgedRecordOfTheScheduleIsRefused() {
        deferred(DUE);
        scheduler.deleteSchedule(request -> request.groupName(GROUP).name(NAME));
        deferrals.recordSchedule(new ScheduleOwner(NAME, ID, "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:attacker"));

        assertThatThrownBy(() -> action.plan(deleted(), SPEC)).isInstanceOf(ActionRefusedException.class)
                .hasMessageContaining("forged");

        deferrals.recordSchedule(new ScheduleOwner(NAME, "decision#another", TARGET));

        assertThatThrownBy(() -> action.plan(deleted(), SPEC)).isInstanceOf(ActionRefusedException.class)
                .hasMessageContaining("forged");
        assertThat(scheduler.schedules()).isEmpty();
    }

    @Test
    void aDeferralGoneFromTheAuditTableIsRefused() {
        deferrals.recordSchedule(new ScheduleOwner(NAME, ID, TARGET));

        assertThatThrownBy(() -> action.plan(deleted(), SPEC)).isInstanceOf(ActionRefusedException.class)
                .hasMessageContaining("gone from the audit table");
    }
}
