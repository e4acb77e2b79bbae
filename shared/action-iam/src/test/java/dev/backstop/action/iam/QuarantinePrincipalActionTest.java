package dev.backstop.action.iam;

import static dev.backstop.action.iam.IamSamples.ATTACH_ROLE;
import static dev.backstop.action.iam.IamSamples.ATTACH_USER;
import static dev.backstop.action.iam.IamSamples.ROOT_KEY;
import static dev.backstop.action.iam.IamSamples.event;
import static dev.backstop.action.iam.IamSamples.spec;
import static dev.backstop.testing.SampleEvents.detail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backstop.action.ActionPlan;
import dev.backstop.action.UndoFormat;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.ResourceState;
import dev.backstop.event.MalformedEventException;
import dev.backstop.rules.ActionSpec;
import dev.backstop.testing.FakeIam;
import org.junit.jupiter.api.Test;

class QuarantinePrincipalActionTest {

    private static final ActionSpec TARGET = spec(QuarantinePrincipalAction.NAME, "principal", "target");
    private static final ActionSpec CALLER = spec(QuarantinePrincipalAction.NAME, "principal", "caller");
    private static final String OLD_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";

    private static final String ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";

    // As IAM holds them after the samples' calls: AdministratorAccess attached.
    private final FakeIam iam = new FakeIam().user("mallory").role("data-pipeline").role("ci-deployer")
            .attached("user", "mallory", ADMIN).attached("role", "data-pipeline", ADMIN);
    private final Principals principals = new Principals(iam);
    private final QuarantinePrincipalAction action = new QuarantinePrincipalAction(principals, new InlinePolicySwap(principals),
            new IamClaims(iam));

    @Test
    void quarantinesTheUserTheRequestNamesWithADenyAllPolicy() {
        ActionPlan plan = action.plan(event(ATTACH_USER), TARGET);
        action.apply(plan);

        assertThat(plan.resource()).isEqualTo("arn:aws:iam::123456789012:user/mallory");
        assertThat(plan.before().facts()).containsEntry("quarantined", "false").containsEntry("BackstopQuarantine", "absent");
        assertThat(plan.undo().call()).isEqualTo("DeleteUserPolicy");
        assertThat(plan.undo(QuarantineUndo.class).policyName()).isEqualTo("BackstopQuarantine");
        assertThat(plan.undo(QuarantineUndo.class).previousDocument()).isNull();
        assertThat(PolicyDocuments.sameJson(java.util.Optional.of(iam.userPolicy("mallory", "BackstopQuarantine")),
                QuarantinePrincipalAction.DENY_ALL)).isTrue();
        ResourceState after = action.readBack(plan);
        assertThat(after.compliant()).isTrue();
        assertThat(after.facts()).containsEntry("quarantined", "true");
    }

    @Test
    void quarantinesTheRoleTheRequestNamesAndUndoRemovesIt() {
        ActionPlan plan = action.plan(event(ATTACH_ROLE), TARGET);
        action.apply(plan);

        ResourceState after = action.undo(UndoFormat.write(plan.undo()));

        assertThat(plan.resource()).isEqualTo("arn:aws:iam::123456789012:role/data-pipeline");
        assertThat(iam.rolePolicy("data-pipeline", "BackstopQuarantine")).isNull();
        assertThat(after.facts()).containsAllEntriesOf(plan.before().facts());
    }

    @Test
    void theUndoCallsAnOperatorConfirmsNameThePrincipalThePolicyAndTheDocumentPutBack() {
        ActionPlan created = action.plan(event(ATTACH_ROLE), TARGET);
        iam.userPolicy("mallory", "BackstopQuarantine", OLD_POLICY);
        ActionPlan replaced = action.plan(event(ATTACH_USER), TARGET);

        assertThat(created.undo().calls()).containsExactly("DeleteRolePolicy RoleName=data-pipeline PolicyName=BackstopQuarantine");
        assertThat(replaced.undo().calls())
                .containsExactly("PutUserPolicy UserName=mallory PolicyName=BackstopQuarantine PolicyDocument=" + OLD_POLICY);
    }

    @Test
    void undoRestoresThePolicyOfThatNameItReplaced() {
        iam.userPolicy("mallory", "BackstopQuarantine", OLD_POLICY);
        ActionPlan plan = action.plan(event(ATTACH_USER), TARGET);
        action.apply(plan);

        ResourceState after = action.undo(UndoFormat.write(plan.undo()));

        assertThat(plan.undo().call()).isEqualTo("PutUserPolicy");
        assertThat(plan.undo(QuarantineUndo.class).previousDocument()).isEqualTo(OLD_POLICY);
        assertThat(plan.before().facts().get("BackstopQuarantine")).startsWith("sha256:");
        assertThat(iam.userPolicy("mallory", "BackstopQuarantine")).isEqualTo(OLD_POLICY);
        assertThat(after.facts()).containsAllEntriesOf(plan.before().facts());
    }

    @Test
    void quarantinesTheRoleBehindTheCallersSession() {
        ActionPlan plan = action.plan(event(ATTACH_ROLE), CALLER);

        assertThat(plan.resource()).isEqualTo("arn:aws:iam::123456789012:role/ci-deployer");
    }

    @Test
    void anAlreadyQuarantinedPrincipalIsCompliantWhateverTheSpacing() {
        iam.userPolicy("mallory", "BackstopQuarantine", QuarantinePrincipalAction.DENY_ALL.replace(",", " ,\n "));

        assertThat(action.plan(event(ATTACH_USER), TARGET).changeNeeded()).isFalse();
    }

    @Test
    void aPrincipalNoLongerThereCannotConfirmTheAttachmentAndIsRefused() {
        assertThatThrownBy(() -> action.plan(event(ATTACH_USER, e -> detail(e).withObject("/requestParameters")
                .put("userName", "deleted")), TARGET))
                .isInstanceOf(ActionRefusedException.class)
                .hasMessageEndingWith("but IAM has no user deleted: the claim cannot be confirmed");
    }

    @Test
    void refusesWhenThePolicyTheEventSaysWasAttachedIsNot() {
        iam.user("bystander");

        assertThatThrownBy(() -> action.plan(event(ATTACH_USER, e -> detail(e).withObject("/requestParameters")
                .put("userName", "bystander")), TARGET))
                .isInstanceOf(ActionRefusedException.class)
                .hasMessage("the event says " + ADMIN + " was attached to user bystander, but it is not attached now:"
                        + " nothing to contain (a forged event, or detached since)");
        assertThat(iam.userPolicy("bystander", "BackstopQuarantine")).isNull();
    }

    @Test
    void refusesTheAccountRoot() {
        assertThatThrownBy(() -> action.plan(event(ROOT_KEY), CALLER))
                .isInstanceOf(ActionRefusedException.class)
                .hasMessageContaining("account root user");
    }

    @Test
    void refusesAGroupNamingTheWayOut() {
        assertThatThrownBy(() -> action.plan(event(ATTACH_USER, e -> {
            detail(e).withObject("/requestParameters").remove("userName");
            detail(e).withObject("/requestParameters").put("groupName", "admins");
        }), TARGET)).isInstanceOf(ActionRefusedException.class).hasMessageContaining("use the caller instead");
    }

    @Test
    void aRequestNamingNoOneIsMalformed() {
        assertThatThrownBy(() -> action.plan(event(ATTACH_USER, e -> detail(e).putNull("requestParameters")), TARGET))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("detail.requestParameters.userName: is missing, and so is roleName");
    }

    @Test
    void readsTheTagsOfTheUserOrRole() {
        iam.roleTag("data-pipeline", "backstop:exempt", "true");

        assertThat(action.tags(action.plan(event(ATTACH_ROLE), TARGET))).containsEntry("backstop:exempt", "true");
    }

    @Test
    void aChangeThatDoesNotStickReadsBackAsNotQuarantined() {
        iam.ignoreUpdates();
        ActionPlan plan = action.plan(event(ATTACH_USER), TARGET);
        action.apply(plan);

        assertThat(action.readBack(plan).compliant()).isFalse();
    }
}
