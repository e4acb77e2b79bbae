package dev.backstop.action.iam;

import static dev.backstop.action.iam.IamSamples.FEDERATION_TOKEN;
import static dev.backstop.action.iam.IamSamples.event;
import static dev.backstop.action.iam.IamSamples.spec;
import static dev.backstop.testing.SampleEvents.detail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.UndoFormat;
import dev.backstop.rules.ActionSpec;
import dev.backstop.testing.FakeIam;
import dev.backstop.testing.MutableClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** iam.revoke-user-sessions from the GetFederationToken sample, against IAM faked at its SDK edge. */
class RevokeUserSessionsActionTest {

    private static final ActionSpec CALLER = spec(RevokeUserSessionsAction.NAME);

    private final FakeIam iam = new FakeIam().user("mallory");
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T09:12:30Z"));
    private final RevokeUserSessionsAction action = new RevokeUserSessionsAction(new Principals(iam),
            new InlinePolicySwap(new Principals(iam)), new IamClaims(iam), clock);

    @Test
    void deniesEveryCredentialTheUserIssuedBeforeNowAndUndoTakesTheDenyOff() {
        ActionPlan plan = action.plan(event(FEDERATION_TOKEN), CALLER);
        action.apply(plan);

        assertThat(plan.resource()).isEqualTo("arn:aws:iam::123456789012:user/mallory");
        assertThat(plan.change()).isEqualTo("revoke the temporary credentials of arn:aws:iam::123456789012:user/mallory"
                + " issued before 2026-11-21T09:12:30Z");
        assertThat(iam.userPolicy("mallory", "BackstopRevokeOlderSessions")).contains("\"aws:TokenIssueTime\":"
                + "\"2026-11-21T09:12:30Z\"").contains("\"Effect\":\"Deny\"");
        assertThat(action.readBack(plan).compliant()).isTrue();

        assertThat(action.undo(UndoFormat.write(plan.undo())).facts()).isEqualTo(plan.before().facts());
        assertThat(iam.userPolicy("mallory", "BackstopRevokeOlderSessions")).isNull();
    }

    @Test
    void aTokenIssuedAfterTheClockReadsIsRevokedToo() {
        RevokeUserSessionsAction behind = new RevokeUserSessionsAction(new Principals(iam),
                new InlinePolicySwap(new Principals(iam)), new IamClaims(iam), new MutableClock(Instant.parse("2026-11-21T09:12:09Z")));

        ActionPlan plan = behind.plan(event(FEDERATION_TOKEN), CALLER);

        assertThat(plan.undo(RevokeSessionsUndo.class).revokedBefore()).isEqualTo(Instant.parse("2026-11-21T09:12:11Z"));
    }

    @Test
    void refusesTheRootUserAndARole() {
        assertThatThrownBy(() -> action.plan(event(FEDERATION_TOKEN, e -> ((ObjectNode) detail(e).get("userIdentity"))
                .put("type", "Root").put("arn", "arn:aws:iam::123456789012:root")), CALLER))
                .isInstanceOf(ActionRefusedException.class).hasMessageContaining("root user");
        assertThatThrownBy(() -> action.plan(event(IamSamples.ATTACH_ROLE), CALLER))
                .isInstanceOf(ActionRefusedException.class).hasMessageContaining("is a role");
    }
}
