package dev.backstop.action.iam;

import static dev.backstop.action.iam.IamSamples.ATTACH_ROLE;
import static dev.backstop.action.iam.IamSamples.ATTACH_USER;
import static dev.backstop.action.iam.IamSamples.event;
import static dev.backstop.action.iam.IamSamples.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backstop.action.ActionPlan;
import dev.backstop.action.UndoFormat;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.ResourceState;
import dev.backstop.rules.ActionSpec;
import dev.backstop.testing.FakeIam;
import dev.backstop.testing.SampleEvents;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RevokeRoleSessionsActionTest {

    // The sample's call was made at 10:25:07; Backstop acts a few seconds later.
    private static final Instant NOW = Instant.parse("2026-11-20T10:25:12.734Z");
    private static final ActionSpec CALLER = spec(RevokeRoleSessionsAction.NAME, "role", "caller");

    private static final String ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";

    private final FakeIam iam = new FakeIam().role("ci-deployer").role("data-pipeline").user("mallory")
            .attached("role", "data-pipeline", ADMIN).attached("user", "mallory", ADMIN);
    private final Principals principals = new Principals(iam);
    private final RevokeRoleSessionsAction action = new RevokeRoleSessionsAction(principals,
            new InlinePolicySwap(principals), new IamClaims(iam), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void refusesWhenTheRoleTheEventSaysWasGrantedAdministratorAccessHasNone() {
        iam.role("bystander");

        assertThatThrownBy(() -> action.plan(event(ATTACH_ROLE, e -> SampleEvents.detail(e)
                .withObject("/requestParameters").put("roleName", "bystander")), CALLER))
                .isInstanceOf(ActionRefusedException.class)
                .hasMessageContaining("was attached to role bystander, but it is not attached now");
        assertThat(iam.rolePolicy("ci-deployer", "AWSRevokeOlderSessions")).isNull();
    }

    @Test
    void deniesEverySessionIssuedBeforeNowAsTheConsoleDoes() {
        ActionPlan plan = action.plan(event(ATTACH_ROLE), CALLER);
        action.apply(plan);

        assertThat(plan.resource()).isEqualTo("arn:aws:iam::123456789012:role/ci-deployer");
        assertThat(plan.before().facts()).containsEntry("revokedBefore", "none")
                .containsEntry("AWSRevokeOlderSessions", "absent");
        String policy = iam.rolePolicy("ci-deployer", "AWSRevokeOlderSessions");
        assertThat(policy).contains("\"DateLessThan\":{\"aws:TokenIssueTime\":\"2026-11-20T10:25:12Z\"}")
                .contains("\"Effect\":\"Deny\"");
        ResourceState after = action.readBack(plan);
        assertThat(after.compliant()).isTrue();
        assertThat(after.facts()).containsEntry("revokedBefore", "2026-11-20T10:25:12Z");
    }

    @Test
    void undoDeletesThePolicy() {
        ActionPlan plan = action.plan(event(ATTACH_ROLE), CALLER);
        action.apply(plan);

        ResourceState after = action.undo(UndoFormat.write(plan.undo()));

        assertThat(plan.undo().call()).isEqualTo("DeleteRolePolicy");
        assertThat(plan.undo(RevokeSessionsUndo.class).policyName()).isEqualTo("AWSRevokeOlderSessions");
        assertThat(iam.rolePolicy("ci-deployer", "AWSRevokeOlderSessions")).isNull();
        assertThat(after.facts()).containsAllEntriesOf(plan.before().facts());
    }

    @Test
    void anOlderRevocationIsMovedForwardAndComesBackOnUndo() {
        String older = SessionRevocation.document(Instant.parse("2026-03-01T00:00:00Z"));
        iam.rolePolicy("ci-deployer", "AWSRevokeOlderSessions", older);
        ActionPlan plan = action.plan(event(ATTACH_ROLE), CALLER);

        assertThat(plan.changeNeeded()).isTrue();
        assertThat(plan.before().facts()).containsEntry("revokedBefore", "2026-03-01T00:00:00Z");
        action.apply(plan);
        action.undo(UndoFormat.write(plan.undo()));
        assertThat(iam.rolePolicy("ci-deployer", "AWSRevokeOlderSessions")).isEqualTo(older);
    }

    @Test
    void aRevocationSinceTheCallIsAlreadyCompliant() {
        iam.rolePolicy("ci-deployer", "AWSRevokeOlderSessions",
                SessionRevocation.document(Instant.parse("2026-11-20T10:25:10Z")));

        assertThat(action.plan(event(ATTACH_ROLE), CALLER).changeNeeded()).isFalse();
    }

    @Test
    void revokesTheRoleTheRequestNames() {
        assertThat(action.plan(event(ATTACH_ROLE), spec(RevokeRoleSessionsAction.NAME, "role", "target")).resource())
                .isEqualTo("arn:aws:iam::123456789012:role/data-pipeline");
    }

    @Test
    void refusesAUser() {
        assertThatThrownBy(() -> action.plan(event(ATTACH_USER), CALLER))
                .isInstanceOf(ActionRefusedException.class)
                .hasMessageContaining("only for a role");
    }

    @Test
    void readsTheLatestRevocationTimeOfAnyShapeOfDocument() {
        String twoStatements = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
                + "\"Resource\":\"*\"},{\"Effect\":\"Deny\",\"Action\":[\"*\"],\"Resource\":[\"*\"],\"Condition\":"
                + "{\"DateLessThan\":{\"aws:TokenIssueTime\":\"2026-11-20T10:30:00.000Z\"}}}]}";
        String oneStatement = "{\"Statement\":{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":"
                + "{\"DateLessThan\":{\"aws:TokenIssueTime\":\"2026-11-20T10:31:00Z\"}}}}";

        assertThat(SessionRevocation.revokedBefore(twoStatements)).contains(Instant.parse("2026-11-20T10:30:00Z"));
        assertThat(SessionRevocation.revokedBefore(oneStatement)).contains(Instant.parse("2026-11-20T10:31:00Z"));
        assertThat(SessionRevocation.revokedBefore("not json")).isEmpty();
    }
}
