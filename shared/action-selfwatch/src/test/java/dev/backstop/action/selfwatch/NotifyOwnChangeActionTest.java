package dev.backstop.action.selfwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.catalogue.SelfWatchParametersModule;
import dev.backstop.config.Mode;
import dev.backstop.config.OwnResources;
import dev.backstop.config.Settings;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.rules.ActionSpec;
import dev.backstop.testing.SampleEvents;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A change no action can reverse is told with what to run, for Backstop's own resources only. */
class NotifyOwnChangeActionTest {

    private static final String ACCOUNT = "123456789012";
    private static final String SELF_WATCH_ROLE = "arn:aws:iam::" + ACCOUNT
            + ":role/backstop/backstop/backstop-SelfWatchFunctionRole-7M2P4R6T8V0X";
    private static final OwnResources OWN = new OwnResources(List.of(
            "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:backstop-*",
            "arn:aws:iam::" + ACCOUNT + ":role/backstop/backstop/*",
            "arn:aws:sqs:us-east-1:" + ACCOUNT + ":backstop-DeadLetterQueue-5YHB2N7Q1WXD",
            "arn:aws:scheduler:us-east-1:" + ACCOUNT + ":schedule-group/backstop-deferred"));
    private static final Settings SETTINGS = new Settings("backstop-audit", "arn:aws:sns:us-east-1:" + ACCOUNT + ":backstop",
            Mode.ENFORCE, List.of(SELF_WATCH_ROLE));
    private static final ActionSpec SPEC = new ActionSpec(NotifyOwnChangeAction.NAME,
            Map.of(SelfWatchParametersModule.RUN, "sam deploy"));

    private final NotifyOwnChangeAction action = new NotifyOwnChangeAction(Optional.of(OWN), SETTINGS);

    private static CloudTrailEvent call(String sample) {
        return new CloudTrailEventParser().parse(SampleEvents.edited("selfwatch/" + sample, e -> { }));
    }

    @Test
    void aDeletedBackstopFunctionIsToldWithWhoDidItAndWhatToRunAndNothingIsChanged() {
        ActionPlan plan = action.plan(call("delete-function.json"), SPEC);

        assertThat(plan.resource()).isEqualTo("arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:backstop-iam");
        assertThat(plan.change()).isEqualTo("DeleteFunction on Backstop's arn:aws:lambda:us-east-1:" + ACCOUNT
                + ":function:backstop-iam cannot be reversed from the event; to put it right: sam deploy");
        assertThat(plan.before().facts()).containsEntry("by", call("delete-function.json").detail().userIdentity().displayName());
        assertThat(plan.undo()).isNull();
        assertThat(action.readBack(plan).compliant()).as("nothing was put right").isFalse();
        assertThat(action.undoable()).isFalse();
    }

    @Test
    void aRoleNamedByNameAloneIsBackstopsWhenItsFunctionsKnowItByThatName() {
        assertThat(action.appliesTo(call("put-role-policy.json"), SPEC)).isTrue();
        assertThat(new NotifyOwnChangeAction(Optional.of(OWN), new Settings("backstop-audit",
                SETTINGS.topicArn(), Mode.ENFORCE, List.of())).appliesTo(call("put-role-policy.json"), SPEC))
                .as("a role of that name at the root path is someone else's").isFalse();
    }

    @Test
    void aCallOnSomeoneElsesResourceOrInAGraphThatGuardsNothingIsNoMatch() {
        NotifyOwnChangeAction guardsNothing = new NotifyOwnChangeAction(Optional.empty(), SETTINGS);

        assertThat(action.appliesTo(call("purge-queue.json"), SPEC)).isTrue();
        assertThat(action.appliesTo(call("delete-topic.json"), SPEC)).as("a topic the list does not name").isFalse();
        assertThat(guardsNothing.appliesTo(call("delete-function.json"), SPEC)).isFalse();
        assertThatThrownBy(() -> action.plan(call("delete-topic.json"), SPEC)).isInstanceOf(ActionRefusedException.class)
                .hasMessageContaining("none of Backstop's own resources");
    }

    @Test
    void theDeferralGroupsDeletionIsToldAndAnotherGroupsIsNoMatch() {
        ActionPlan plan = action.plan(call("delete-schedule-group.json"), SPEC);

        assertThat(plan.resource()).isEqualTo("arn:aws:scheduler:us-east-1:" + ACCOUNT + ":schedule-group/backstop-deferred");
        assertThat(plan.change()).startsWith("DeleteScheduleGroup on Backstop's");
        assertThat(action.appliesTo(new CloudTrailEventParser().parse(SampleEvents.edited("selfwatch/delete-schedule-group.json",
                event -> ((ObjectNode) event.path("detail").path("requestParameters"))
                        .put("name", "team-reminders"))), SPEC)).isFalse();
        assertThat(action.appliesTo(call("delete-schedule.json"), SPEC)).as("a schedule is the restore action's").isFalse();
    }
}
