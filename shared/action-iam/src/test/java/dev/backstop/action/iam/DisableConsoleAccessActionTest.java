package dev.backstop.action.iam;

import static dev.backstop.action.iam.IamSamples.ATTACH_ROLE;
import static dev.backstop.action.iam.IamSamples.CONSOLE_LOGIN;
import static dev.backstop.action.iam.IamSamples.event;
import static dev.backstop.action.iam.IamSamples.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.UndoFormat;
import dev.backstop.rules.ActionSpec;
import dev.backstop.testing.FakeIam;
import org.junit.jupiter.api.Test;

class DisableConsoleAccessActionTest {

    private static final ActionSpec CALLER = spec(DisableConsoleAccessAction.NAME, "user", "caller");

    private final FakeIam iam = new FakeIam().loginProfile("carol", true).role("ci-deployer");
    private final DisableConsoleAccessAction action = new DisableConsoleAccessAction(iam, new Principals(iam),
            new IamClaims(iam));

    @Test
    void deletesTheLoginProfileRecordingTheStateBefore() {
        ActionPlan plan = action.plan(event(CONSOLE_LOGIN), CALLER);
        action.apply(plan);

        assertThat(plan.resource()).isEqualTo("arn:aws:iam::123456789012:user/carol");
        assertThat(plan.before().facts()).containsEntry("loginProfile", "present")
                .containsEntry("passwordResetRequired", "true")
                .containsEntry("createDate", "2026-01-05T08:00:00Z");
        assertThat(iam.hasLoginProfile("carol")).isFalse();
        assertThat(action.readBack(plan).facts()).containsEntry("loginProfile", "absent");
        assertThat(action.readBack(plan).compliant()).isTrue();
    }

    @Test
    void refusesASignInWithoutMfaOfAUserWhoHasAnMfaDevice() {
        iam.mfaDevice("carol", "arn:aws:iam::123456789012:mfa/carol");

        assertThatThrownBy(() -> action.plan(event(CONSOLE_LOGIN), CALLER))
                .isInstanceOf(ActionRefusedException.class)
                .hasMessageStartingWith("user carol has an MFA device (arn:aws:iam::123456789012:mfa/carol)");
        assertThat(iam.hasLoginProfile("carol")).isTrue();
    }

    @Test
    void saysBeforeAnyUndoThatTheOldPasswordCannotComeBack() {
        ActionPlan plan = action.plan(event(CONSOLE_LOGIN), CALLER);

        assertThat(action.undoable()).isFalse();
        DisableConsoleAccessUndo undo = plan.undo(DisableConsoleAccessUndo.class);
        assertThat(undo.call()).isEqualTo("CreateLoginProfile");
        assertThat(undo.userName()).isEqualTo("carol");
        assertThat(undo.passwordResetRequired()).isTrue();
        assertThat(undo.note()).contains("the old password cannot be restored");
        assertThat(UndoFormat.write(undo).toString().toLowerCase()).doesNotContain("password="); // no secret
    }

    @Test
    void aUserWithoutAConsolePasswordIsAlreadyCompliant() {
        iam.user("dave");

        assertThat(action.plan(event(CONSOLE_LOGIN, e -> ((com.fasterxml.jackson.databind.node.ObjectNode)
                e.get("detail").get("userIdentity")).put("userName", "dave")), CALLER).changeNeeded()).isFalse();
    }

    @Test
    void aProfileDeletedInTheMeantimeIsNoError() {
        ActionPlan plan = action.plan(event(CONSOLE_LOGIN), CALLER);
        iam.user("carol");  // a fresh user of the same name: no profile
        action.apply(plan);

        assertThat(action.readBack(plan).compliant()).isTrue();
    }

    @Test
    void refusesARole() {
        assertThatThrownBy(() -> action.plan(event(ATTACH_ROLE), CALLER))
                .isInstanceOf(ActionRefusedException.class)
                .hasMessageContaining("only an IAM user has a console password");
    }

    @Test
    void withOtherUsersOnlyAPasswordSetForAnotherUserIsTakenAndOnesOwnIsNoMatch() {
        ActionSpec others = spec(DisableConsoleAccessAction.NAME, "user", "target", "otherUsersOnly", true);
        iam.loginProfile("alice", false);

        assertThat(action.appliesTo(event(IamSamples.PROFILE_FOR_ANOTHER), others)).isTrue();
        assertThat(action.appliesTo(event(IamSamples.PROFILE_FOR_ANOTHER, e -> {
            ((com.fasterxml.jackson.databind.node.ObjectNode) dev.backstop.testing.SampleEvents.detail(e).get("userIdentity"))
                    .put("type", "IAMUser").put("userName", "alice").put("arn", "arn:aws:iam::123456789012:user/alice");
        }), others)).isFalse();
        ActionPlan plan = action.plan(event(IamSamples.PROFILE_FOR_ANOTHER), others);
        action.apply(plan);

        assertThat(plan.resource()).isEqualTo("arn:aws:iam::123456789012:user/alice");
        assertThat(iam.hasLoginProfile("alice")).isFalse();
    }
}
