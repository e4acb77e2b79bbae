package dev.backstop.action.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.UndoFormat;
import dev.backstop.config.Mode;
import dev.backstop.config.OwnResources;
import dev.backstop.config.Settings;
import dev.backstop.config.TrustedSet;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.rules.ActionSpec;
import dev.backstop.testing.SampleEvents;
import dev.backstop.testing.TestAlarms;
import dev.backstop.testing.UndoGolden;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.model.KeyState;

/**
 * Every key but Backstop's own: a scheduled deletion is cancelled, the key enabled, read back and
 * undoable, unless the team exempted the key by tag; a key policy that lets in an outsider is told,
 * one that does not is no match. Backstop's own key is the self-watch actions' alone.
 */
class CustomerKeyActionsTest {

    private static final String OURS = "arn:aws:kms:us-east-1:123456789012:key/0d2f4b1e-7c3a-4e9b-8f61-2a5c9e7d3b40";
    private static final String THEIRS = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final String MEMBERS = "arn:aws:kms:us-east-1:210987654321:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final Optional<OwnResources> OWN = Optional.of(new OwnResources(List.of(OURS)));
    private static final String OUTSIDER = "444455556666";

    private final FakeKms kms = new FakeKms();
    private final Keys keys = new Keys(kms);
    private final CancelKeyDeletionAction cancel = CancelKeyDeletionAction.customerKeys(keys, OWN);
    private final CancelKeyDeletionAction cancelOwn = new CancelKeyDeletionAction(keys, OWN);
    private final NotifyOutsideKeyPolicyAction policy = notifier(TrustedSet.none());

    private NotifyOutsideKeyPolicyAction notifier(TrustedSet trusted) {
        return new NotifyOutsideKeyPolicyAction(keys, OWN, new Settings("audit", "arn:aws:sns:us-east-1:123456789012:backstop", Mode.ENFORCE,
                List.of()).withTrusted(trusted));
    }

    private static CloudTrailEvent scheduled(String keyId) {
        return new CloudTrailEventParser().parse(SampleEvents.edited("kms/schedule-key-deletion.json",
                event -> request(event).put("keyId", keyId)));
    }

    private static CloudTrailEvent policySet(String sample, String keyArn, String policy) {
        return new CloudTrailEventParser().parse(SampleEvents.edited("kms/" + sample, event -> {
            ObjectNode request = request(event);
            if (request.has("keyId")) {
                request.put("keyId", keyArn);
            } else {
                ((ObjectNode) SampleEvents.detail(event).path("responseElements").path("keyMetadata")).put("arn", keyArn);
            }
            if (policy == null) {
                request.remove("policy");
            } else {
                request.put("policy", policy);
            }
        }));
    }

    private static ObjectNode request(ObjectNode event) {
        return (ObjectNode) SampleEvents.detail(event).path("requestParameters");
    }

    private static String grant(String principal) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + principal
                + "\"},\"Action\":\"kms:Decrypt\",\"Resource\":\"*\"}]}";
    }

    private static ActionSpec spec(String action) {
        return new ActionSpec(action, Map.of());
    }

    @Test
    void aTeamsKeyScheduledForDeletionIsCancelledEnabledReadBackAndUndoSchedulesItAgainWithTheSameWindow() {
        kms.key(THEIRS, KeyState.PENDING_DELETION);

        ActionPlan plan = cancel.plan(scheduled("1234abcd-12ab-34cd-56ef-1234567890ab"),
                spec(CancelKeyDeletionAction.CUSTOMER_NAME));
        cancel.apply(plan);

        assertThat(plan.action()).isEqualTo(CancelKeyDeletionAction.CUSTOMER_NAME);
        assertThat(plan.change()).isEqualTo("CancelKeyDeletion on " + THEIRS + ", then EnableKey");
        assertThat(kms.calls()).containsExactly("CancelKeyDeletion", "EnableKey");
        assertThat(cancel.readBack(plan).compliant()).isTrue();
        assertThat(cancel.readBack(plan).facts()).containsEntry(Keys.KEY_STATE, "Enabled");

        JsonNode stored = UndoGolden.assertWrittenAndReadBack(cancel, plan);
        assertThat(cancel.undo(stored)).as("the key as it was before the fix").isEqualTo(plan.before());
        assertThat(kms.state(THEIRS)).isEqualTo(KeyState.PENDING_DELETION);
        assertThat(kms.calls()).last().as("the sample's window, 7 days").isEqualTo("ScheduleKeyDeletion 7");
    }

    @Test
    void aMemberAccountsKeyIsAnsweredLikeTheHomeAccounts() {
        kms.key(MEMBERS, KeyState.PENDING_DELETION);

        ActionPlan plan = cancel.plan(scheduled(MEMBERS), spec(CancelKeyDeletionAction.CUSTOMER_NAME));
        cancel.apply(plan);

        assertThat(kms.state(MEMBERS)).isEqualTo(KeyState.ENABLED);
        cancel.undo(UndoFormat.write(plan.undo()));
        assertThat(kms.state(MEMBERS)).isEqualTo(KeyState.PENDING_DELETION);
    }

    @Test
    void aTeamsKeyTaggedExemptCarriesTheTagForTheEngineAndBackstopsOwnKeyNever() {
        kms.key(THEIRS, KeyState.PENDING_DELETION).tag(THEIRS, "backstop:exempt", "true");
        kms.key(OURS, KeyState.PENDING_DELETION).tag(OURS, "backstop:exempt", "true");

        ActionPlan theirs = cancel.plan(scheduled(THEIRS), spec(CancelKeyDeletionAction.CUSTOMER_NAME));
        ActionPlan ours = cancelOwn.plan(scheduled(OURS), spec(CancelKeyDeletionAction.NAME));

        assertThat(cancel.tags(theirs)).containsEntry("backstop:exempt", "true");
        assertThat(cancelOwn.tags(ours)).as("no tag exempts a Backstop resource").isEmpty();
    }

    @Test
    void backstopsOwnKeyIsTheSelfWatchActionsAndNoOtherKeyIsTheirs() {
        assertThat(cancel.appliesTo(scheduled(OURS), spec(CancelKeyDeletionAction.CUSTOMER_NAME))).isFalse();
        assertThat(cancel.appliesTo(scheduled(THEIRS), spec(CancelKeyDeletionAction.CUSTOMER_NAME))).isTrue();
        assertThat(cancelOwn.appliesTo(scheduled(OURS), spec(CancelKeyDeletionAction.NAME))).isTrue();
        assertThat(cancelOwn.appliesTo(scheduled(THEIRS), spec(CancelKeyDeletionAction.NAME))).isFalse();
        assertThat(cancel.appliesTo(scheduled("alias/exports"), spec(CancelKeyDeletionAction.CUSTOMER_NAME))).isFalse();
        assertThat(cancel.appliesTo(TestAlarms.lambdaAlarm(Map.of("FunctionName", "exports")),
                spec(CancelKeyDeletionAction.CUSTOMER_NAME))).isFalse();
        assertThatThrownBy(() -> cancel.plan(scheduled(OURS), spec(CancelKeyDeletionAction.CUSTOMER_NAME)))
                .isInstanceOf(ActionRefusedException.class).hasMessageContaining("not a key other than Backstop's own");
        assertThat(kms.calls()).isEmpty();
    }

    @Test
    void aGraphWithoutOwnResourcesAnswersEveryKey() {
        CancelKeyDeletionAction everyKey = CancelKeyDeletionAction.customerKeys(keys, Optional.empty());

        assertThat(everyKey.appliesTo(scheduled(OURS), spec(CancelKeyDeletionAction.CUSTOMER_NAME))).isTrue();
    }

    @Test
    void aKeyPolicyLettingInAnOutsideAccountIsToldAndNothingChanges() {
        kms.key(THEIRS, KeyState.ENABLED);
        CloudTrailEvent event = policySet("put-key-policy-outside.json", THEIRS, null);
        CloudTrailEvent sample = new CloudTrailEventParser().parse(SampleEvents.read("kms/put-key-policy-outside.json"));

        assertThat(policy.appliesTo(sample, spec(NotifyOutsideKeyPolicyAction.NAME))).as("the sample").isTrue();
        assertThat(policy.appliesTo(event, spec(NotifyOutsideKeyPolicyAction.NAME))).as("no policy sent").isFalse();

        ActionPlan plan = policy.plan(sample, spec(NotifyOutsideKeyPolicyAction.NAME));
        policy.apply(plan);

        assertThat(plan.address()).isEqualTo(THEIRS);
        assertThat(plan.before().facts()).containsEntry("outside", "arn:aws:iam::" + OUTSIDER + ":root");
        assertThat(plan.change()).startsWith("tell the team: the key policy of " + THEIRS + " lets in arn:aws:iam::"
                + OUTSIDER + ":root");
        assertThat(policy.readBack(plan).compliant()).isTrue();
        assertThat(policy.undoable()).isFalse();
        assertThat(kms.calls()).isEmpty();
    }

    @Test
    void aCreatedKeyWhosePolicyLetsInEveryoneIsToldAndOneWithKmssDefaultPolicyIsNot() {
        CloudTrailEvent everyone = policySet("create-key-outside.json", THEIRS, grant("*"));
        CloudTrailEvent defaultPolicy = policySet("create-key-outside.json", THEIRS, null);

        assertThat(policy.appliesTo(everyone, spec(NotifyOutsideKeyPolicyAction.NAME))).isTrue();
        assertThat(policy.plan(everyone, spec(NotifyOutsideKeyPolicyAction.NAME)).before().facts())
                .containsEntry("outside", "*").containsEntry("key", THEIRS);
        assertThat(policy.appliesTo(defaultPolicy, spec(NotifyOutsideKeyPolicyAction.NAME))).isFalse();
    }

    @Test
    void aPolicyGrantingOnlyTheAccountItselfATrustedAccountOrTheOrganizationIsNoMatch() {
        NotifyOutsideKeyPolicyAction trusting = notifier(new TrustedSet(Optional.of("o-a1b2c3d4e5"), Set.of(OUTSIDER)));
        String orgOnly = "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:Decrypt\",\"Resource\":\"*\","
                + "\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-a1b2c3d4e5\"}}}}";

        assertThat(policy.appliesTo(policySet("put-key-policy-outside.json", THEIRS, grant("123456789012")),
                spec(NotifyOutsideKeyPolicyAction.NAME))).as("the key's own account").isFalse();
        assertThat(trusting.appliesTo(policySet("put-key-policy-outside.json", THEIRS, grant(OUTSIDER)),
                spec(NotifyOutsideKeyPolicyAction.NAME))).as("a trusted account").isFalse();
        assertThat(trusting.appliesTo(policySet("put-key-policy-outside.json", THEIRS, orgOnly),
                spec(NotifyOutsideKeyPolicyAction.NAME))).as("everyone in the trusted organization").isFalse();
        assertThat(policy.appliesTo(policySet("put-key-policy-outside.json", THEIRS, orgOnly),
                spec(NotifyOutsideKeyPolicyAction.NAME))).as("an organization not trusted").isTrue();
    }

    @Test
    void anUnreadablePolicyIsToldAndBackstopsOwnKeyIsLeftToItsSelfWatchRule() {
        CloudTrailEvent unreadable = policySet("put-key-policy-outside.json", THEIRS, "{not json");
        CloudTrailEvent ours = policySet("put-key-policy-outside.json", OURS, grant(OUTSIDER));

        assertThat(policy.plan(unreadable, spec(NotifyOutsideKeyPolicyAction.NAME)).before().facts())
                .containsEntry("outside", NotifyOutsideKeyPolicyAction.UNREADABLE);
        assertThat(policy.appliesTo(ours, spec(NotifyOutsideKeyPolicyAction.NAME))).isFalse();
        assertThatThrownBy(() -> policy.plan(ours, spec(NotifyOutsideKeyPolicyAction.NAME)))
                .isInstanceOf(ActionRefusedException.class).hasMessageContaining("self-watch-key-policy-changed");
    }

    @Test
    void aTeamsKeyPolicyNoticeCarriesTheKeysTagsForTheExemption() {
        kms.key(THEIRS, KeyState.ENABLED).tag(THEIRS, "backstop:exempt", "true");

        ActionPlan plan = policy.plan(policySet("put-key-policy-outside.json", THEIRS, grant(OUTSIDER)),
                spec(NotifyOutsideKeyPolicyAction.NAME));

        assertThat(policy.tags(plan)).containsEntry("backstop:exempt", "true");
    }
}
