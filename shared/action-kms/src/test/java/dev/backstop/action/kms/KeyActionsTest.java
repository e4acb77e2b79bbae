package dev.backstop.action.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.UndoFormat;
import dev.backstop.config.OwnResources;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.rules.ActionSpec;
import dev.backstop.testing.SampleEvents;
import dev.backstop.testing.TestAlarms;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.model.KeyState;

/**
 * Backstop's own key scheduled for deletion or disabled is put back, read back and undoable; any
 * other key is none of these actions' business. The emulators show the same calls (SelfWatchIT).
 */
class KeyActionsTest {

    private static final String OURS = "arn:aws:kms:us-east-1:123456789012:key/0d2f4b1e-7c3a-4e9b-8f61-2a5c9e7d3b40";
    private static final String THEIRS = "arn:aws:kms:us-east-1:123456789012:key/9a9a9a9a-0000-4000-8000-000000000000";
    private static final Optional<OwnResources> OWN = Optional.of(new OwnResources(List.of(OURS)));

    private final FakeKms kms = new FakeKms();
    private final Keys keys = new Keys(kms);
    private final CancelKeyDeletionAction cancel = new CancelKeyDeletionAction(keys, OWN);
    private final EnableKeyAction enable = new EnableKeyAction(keys, OWN);

    private static CloudTrailEvent call(String sample, String keyId, Integer window) {
        return new CloudTrailEventParser().parse(SampleEvents.edited("selfwatch/" + sample, event -> {
            ObjectNode request = (ObjectNode) event.path("detail").path("requestParameters");
            request.put("keyId", keyId);
            if (window == null) {
                request.remove(CancelKeyDeletionAction.WINDOW);
            } else {
                request.put(CancelKeyDeletionAction.WINDOW, window);
            }
        }));
    }

    private static CloudTrailEvent scheduled(String keyId, Integer window) {
        return call("schedule-key-deletion.json", keyId, window);
    }

    private static CloudTrailEvent disabled(String keyId) {
        return call("disable-key.json", keyId, null);
    }

    private static ActionSpec spec(String action) {
        return new ActionSpec(action, Map.of());
    }

    @Test
    void aScheduledDeletionOfBackstopsKeyIsCancelledTheKeyEnabledAndUndoSchedulesItAgain() {
        kms.key(OURS, KeyState.PENDING_DELETION);

        ActionPlan plan = cancel.plan(scheduled("0d2f4b1e-7c3a-4e9b-8f61-2a5c9e7d3b40", 7), spec(CancelKeyDeletionAction.NAME));
        cancel.apply(plan);

        assertThat(plan.changeNeeded()).isTrue();
        assertThat(plan.change()).isEqualTo("CancelKeyDeletion on " + OURS + ", then EnableKey");
        assertThat(kms.calls()).containsExactly("CancelKeyDeletion", "EnableKey");
        assertThat(cancel.readBack(plan).compliant()).isTrue();
        assertThat(cancel.readBack(plan).facts()).containsEntry(Keys.KEY_STATE, "Enabled");

        assertThat(cancel.undo(UndoFormat.write(plan.undo()))).as("the state before, as undo's read-back must show it, though the"
                + " deletion date moved").isEqualTo(plan.before());
        assertThat(kms.state(OURS)).isEqualTo(KeyState.PENDING_DELETION);
        assertThat(kms.calls()).last().isEqualTo("ScheduleKeyDeletion 7");
    }

    @Test
    void undoSchedulesWithKmssDefaultWindowWhenTheCallNamedNoneOrAnImpossibleOne() {
        kms.key(OURS, KeyState.PENDING_DELETION);

        ActionPlan none = cancel.plan(scheduled(OURS, null), spec(CancelKeyDeletionAction.NAME));
        ActionPlan tooShort = cancel.plan(scheduled(OURS, 1), spec(CancelKeyDeletionAction.NAME));

        assertThat(none.undo(KeyUndo.class).pendingWindowInDays()).isEqualTo(30);
        assertThat(tooShort.undo(KeyUndo.class).pendingWindowInDays()).isEqualTo(30);
    }

    @Test
    void aKeyNoLongerPendingDeletionIsOnlyEnabledAndUndoDisablesIt() {
        kms.key(OURS, KeyState.DISABLED);

        ActionPlan plan = cancel.plan(scheduled(OURS, 7), spec(CancelKeyDeletionAction.NAME));
        cancel.apply(plan);

        assertThat(kms.calls()).containsExactly("EnableKey");
        cancel.undo(UndoFormat.write(plan.undo()));
        assertThat(kms.state(OURS)).isEqualTo(KeyState.DISABLED);
    }

    @Test
    void aDisabledBackstopKeyIsEnabledReadBackAndUndoDisablesIt() {
        kms.key(OURS, KeyState.DISABLED);

        ActionPlan plan = enable.plan(disabled(OURS), spec(EnableKeyAction.NAME));
        enable.apply(plan);

        assertThat(plan.changeNeeded()).isTrue();
        assertThat(enable.readBack(plan).compliant()).isTrue();
        enable.undo(UndoFormat.write(plan.undo()));
        assertThat(kms.state(OURS)).isEqualTo(KeyState.DISABLED);
    }

    @Test
    void aDisabledKeyThatIsNowPendingDeletionIsLeftToTheDeletionsOwnRule() {
        kms.key(OURS, KeyState.PENDING_DELETION);

        assertThatThrownBy(() -> enable.plan(disabled(OURS), spec(EnableKeyAction.NAME)))
                .isInstanceOf(ActionRefusedException.class).hasMessageContaining("pending deletion");
        assertThat(kms.calls()).isEmpty();
    }

    @Test
    void anotherKeyAnAliasAnAlarmOrAGraphWithoutOwnResourcesIsNoMatch() {
        CancelKeyDeletionAction guardsNothing = new CancelKeyDeletionAction(keys, Optional.empty());

        assertThat(cancel.appliesTo(scheduled(OURS, 7), spec(CancelKeyDeletionAction.NAME))).isTrue();
        assertThat(cancel.appliesTo(scheduled(THEIRS, 7), spec(CancelKeyDeletionAction.NAME))).isFalse();
        assertThat(enable.appliesTo(disabled(THEIRS), spec(EnableKeyAction.NAME))).isFalse();
        assertThat(enable.appliesTo(disabled("alias/backstop"), spec(EnableKeyAction.NAME))).isFalse();
        assertThat(enable.appliesTo(TestAlarms.lambdaAlarm(Map.of("FunctionName", "backstop-s3")),
                spec(EnableKeyAction.NAME))).isFalse();
        assertThat(guardsNothing.appliesTo(scheduled(OURS, 7), spec(CancelKeyDeletionAction.NAME))).isFalse();
        assertThatThrownBy(() -> guardsNothing.plan(scheduled(OURS, 7), spec(CancelKeyDeletionAction.NAME)))
                .isInstanceOf(ActionRefusedException.class).hasMessageContaining("not one of Backstop's own keys");
        assertThat(kms.calls()).isEmpty();
    }
}
