package dev.backstop.action.iam;

import static dev.backstop.action.iam.IamSamples.KEY_NETWORK;
import static dev.backstop.action.iam.IamSamples.ROOT_KEY;
import static dev.backstop.action.iam.IamSamples.event;
import static dev.backstop.action.iam.IamSamples.spec;
import static dev.backstop.testing.SampleEvents.detail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.UndoFormat;
import dev.backstop.action.ActionRefusedException;
import dev.backstop.action.ResourceState;
import dev.backstop.event.MalformedEventException;
import dev.backstop.rules.ActionSpec;
import dev.backstop.testing.FakeIam;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.StatusType;

class DeactivateAccessKeyActionTest {

    private static final String NEW_KEY = "AKIA4EXAMPLENEWKEY01";
    private static final String USED_KEY = "AKIA4EXAMPLEBUILDBOT";
    private static final ActionSpec CREATED = spec(DeactivateAccessKeyAction.NAME, "key", "created");
    private static final ActionSpec USED = spec(DeactivateAccessKeyAction.NAME, "key", "used",
            "expectedNetworks", List.of("203.0.113.0/24", "2001:db8::/32"));

    // The sample's CreateAccessKey call was made at 10:02:17, and so the key.
    private static final Instant ROOT_CALL = Instant.parse("2026-11-20T10:02:17Z");

    private final FakeIam iam = new FakeIam()
            .accessKey("build-bot", NEW_KEY, StatusType.ACTIVE, ROOT_CALL)
            .accessKey("build-bot", USED_KEY, StatusType.ACTIVE);
    private final DeactivateAccessKeyAction action = new DeactivateAccessKeyAction(iam, new Principals(iam),
            new IamClaims(iam));

    @Test
    void deactivatesTheKeyTheCallCreatedAndReadsItBack() {
        ActionPlan plan = action.plan(event(ROOT_KEY), CREATED);
        action.apply(plan);

        assertThat(plan.resource()).isEqualTo("arn:aws:iam::123456789012:user/build-bot");
        assertThat(plan.before().facts()).containsEntry("accessKeyId", NEW_KEY).containsEntry("status", "Active");
        assertThat(plan.undo()).isEqualTo(new DeactivateAccessKeyUndo("build-bot", NEW_KEY));
        assertThat(action.readBack(plan).compliant()).isTrue();
        assertThat(iam.keyStatus("build-bot", NEW_KEY)).isEqualTo(StatusType.INACTIVE);
        assertThat(iam.keyStatus("build-bot", USED_KEY)).isEqualTo(StatusType.ACTIVE);
        assertThat(iam.calls()).noneMatch(call -> call.startsWith("Delete"));
    }

    @Test
    void deactivatesTheKeyThatSignedTheCall() {
        ActionPlan plan = action.plan(event(KEY_NETWORK), USED);
        action.apply(plan);

        assertThat(iam.keyStatus("build-bot", USED_KEY)).isEqualTo(StatusType.INACTIVE);
        assertThat(iam.keyStatus("build-bot", NEW_KEY)).isEqualTo(StatusType.ACTIVE);
    }

    @Test
    void undoActivatesTheKeyAgain() {
        ActionPlan plan = action.plan(event(ROOT_KEY), CREATED);
        action.apply(plan);

        ResourceState after = action.undo(UndoFormat.write(plan.undo()));

        assertThat(action.undoable()).isTrue();
        assertThat(after.facts()).containsAllEntriesOf(plan.before().facts());
        assertThat(iam.keyStatus("build-bot", NEW_KEY)).isEqualTo(StatusType.ACTIVE);
    }

    @Test
    void anInactiveKeyIsAlreadyCompliant() {
        iam.accessKey("build-bot", NEW_KEY, StatusType.INACTIVE, ROOT_CALL);

        assertThat(action.plan(event(ROOT_KEY), CREATED).changeNeeded()).isFalse();
    }

    @Test
    void aKeyOrUserNoLongerThereIsGone() {
        assertThat(action.plan(event(ROOT_KEY, e -> ((ObjectNode) detail(e).at("/responseElements/accessKey"))
                .put("accessKeyId", "AKIA4EXAMPLEDELETED1")), CREATED).before().exists()).isFalse();
        assertThat(action.plan(event(ROOT_KEY, e -> {
            ((ObjectNode) detail(e).at("/responseElements/accessKey")).put("userName", "deleted-user");
        }), CREATED).before().exists()).isFalse();
    }

    @Test
    void findsTheOwnerInTheRequestWhenTheResponseOmitsIt() {
        ActionPlan plan = action.plan(event(ROOT_KEY, e -> ((ObjectNode) detail(e).at("/responseElements/accessKey"))
                .remove("userName")), CREATED);

        assertThat(plan.address()).isEqualTo("build-bot");
    }

    @Test
    void aKeyAnIamUserMadeForItselfBelongsToTheCaller() {
        iam.accessKey("mallory", "AKIA4EXAMPLEMALLORY2", StatusType.ACTIVE, Instant.parse("2026-11-20T12:40:10Z"));
        ActionPlan plan = action.plan(event(KEY_NETWORK, e -> {
            detail(e).remove("requestParameters");
            detail(e).putObject("responseElements").putObject("accessKey").put("accessKeyId", "AKIA4EXAMPLEMALLORY2");
            ((ObjectNode) detail(e).get("userIdentity")).put("userName", "mallory");
        }), CREATED);

        assertThat(plan.address()).isEqualTo("mallory");
    }

    @Test
    void refusesTheRootUsersOwnKey() {
        // The root user making a key for itself: no user name anywhere, responseElements as AWS writes them.
        assertThatThrownBy(() -> action.plan(event(ROOT_KEY, e -> {
            detail(e).putNull("requestParameters");
            ((ObjectNode) detail(e).at("/responseElements/accessKey")).remove("userName");
        }), CREATED))
                .isInstanceOf(ActionRefusedException.class)
                .hasMessageContaining("belongs to the account root user")
                .satisfies(e -> assertThat(((ActionRefusedException) e).resource()).isEqualTo("arn:aws:iam::123456789012:root"));
    }

    @Test
    void refusesAKeyTheEventSaysTheCallCreatedThatIsMonthsOld() {
        iam.accessKey("build-bot", NEW_KEY, StatusType.ACTIVE, Instant.parse("2026-01-05T08:00:00Z"));

        assertThatThrownBy(() -> action.plan(event(ROOT_KEY), CREATED))
                .isInstanceOf(ActionRefusedException.class)
                .hasMessage("access key " + NEW_KEY + " of build-bot was created at 2026-01-05T08:00:00Z, not by the call"
                        + " at 2026-11-20T10:02:17Z the event reports: the event does not describe this key");
        assertThat(iam.keyStatus("build-bot", NEW_KEY)).isEqualTo(StatusType.ACTIVE);
    }

    @Test
    void refusesAnotherUsersKeyNamedAsTheCallersOwn() {
        iam.accessKey("deploy-bot", "AKIA4EXAMPLEDEPLOY01", StatusType.ACTIVE);

        assertThatThrownBy(() -> action.plan(event(KEY_NETWORK, e -> ((ObjectNode) detail(e).get("userIdentity"))
                .put("accessKeyId", "AKIA4EXAMPLEDEPLOY01")), USED))
                .isInstanceOf(ActionRefusedException.class)
                .hasMessage("access key AKIA4EXAMPLEDEPLOY01 belongs to user deploy-bot, not to build-bot as the event"
                        + " says: the event does not describe this key");
    }

    @Test
    void refusesTemporaryCredentials() {
        assertThatThrownBy(() -> action.plan(event(KEY_NETWORK, e -> ((ObjectNode) detail(e).get("userIdentity"))
                .put("accessKeyId", "ASIA4EXAMPLESESSION1")), USED))
                .isInstanceOf(ActionRefusedException.class)
                .hasMessageContaining("iam.revoke-role-sessions");
    }

    @Test
    void aMissingKeyIdIsAMalformedEventNamingTheField() {
        assertThatThrownBy(() -> action.plan(event(ROOT_KEY, e -> detail(e).putNull("responseElements")), CREATED))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("detail.responseElements.accessKey.accessKeyId: is missing; the access key is unknown");
    }

    @Test
    void appliesOnlyToCallsFromOutsideTheExpectedNetworks() {
        assertThat(action.appliesTo(event(KEY_NETWORK), USED)).isTrue();
        assertThat(action.appliesTo(withSource("203.0.113.77"), USED)).isFalse();
        assertThat(action.appliesTo(withSource("2001:db8:1::5"), USED)).isFalse();
        assertThat(action.appliesTo(withSource("2001:db9::5"), USED)).isTrue();
        assertThat(action.appliesTo(withSource("AWS Internal"), USED)).isFalse();
        assertThat(action.appliesTo(event(KEY_NETWORK), CREATED)).isTrue();
    }

    @Test
    void aMalformedNetworkListAppliesSoThatThePlanReportsIt() {
        ActionSpec broken = spec(DeactivateAccessKeyAction.NAME, "key", "used", "expectedNetworks", List.of("10.0.0.0/33"));

        assertThat(action.appliesTo(event(KEY_NETWORK), broken)).isTrue();
        assertThatThrownBy(() -> action.plan(event(KEY_NETWORK), broken))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"10.0.0.0/33\" is not a network in CIDR notation");
    }

    @Test
    void readsTagsOfTheOwner() {
        iam.userTag("build-bot", "backstop:exempt", "true");

        assertThat(action.tags(action.plan(event(ROOT_KEY), CREATED))).containsEntry("backstop:exempt", "true");
    }

    private static dev.backstop.event.CloudTrailEvent withSource(String ip) {
        return event(KEY_NETWORK, e -> detail(e).put("sourceIPAddress", ip));
    }

    @Test
    void withOtherUsersOnlyAKeyCreatedForAnotherUserAppliesAndOneForOneselfDoesNot() {
        ActionSpec others = spec(DeactivateAccessKeyAction.NAME, "key", "created", "otherUsersOnly", true);

        assertThat(action.appliesTo(event(IamSamples.KEY_FOR_ANOTHER), others)).as("a role's session, for alice").isTrue();
        assertThat(action.appliesTo(event(IamSamples.KEY_FOR_ANOTHER, e -> {
            ((com.fasterxml.jackson.databind.node.ObjectNode) dev.backstop.testing.SampleEvents.detail(e).get("userIdentity"))
                    .put("type", "IAMUser").put("userName", "alice").put("arn", "arn:aws:iam::123456789012:user/alice");
        }), others)).as("alice, for herself").isFalse();
        assertThat(action.appliesTo(event(IamSamples.KEY_FOR_ANOTHER, e -> {
            ((com.fasterxml.jackson.databind.node.ObjectNode) dev.backstop.testing.SampleEvents.detail(e).get("userIdentity"))
                    .put("type", "IAMUser").put("userName", "mallory").put("arn", "arn:aws:iam::123456789012:user/mallory");
        }), others)).as("mallory, for alice").isTrue();
        assertThat(action.appliesTo(event(IamSamples.KEY_FOR_ANOTHER), spec(DeactivateAccessKeyAction.NAME, "key", "created")))
                .as("without the parameter").isTrue();
    }
}
