package dev.backstop.action.rolesanywhere;

import static dev.backstop.testing.SampleEvents.detail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.AwsErrors;
import dev.backstop.action.UndoFormat;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.event.MalformedEventException;
import dev.backstop.rules.ActionSpec;
import dev.backstop.testing.FakeRolesAnywhere;
import dev.backstop.testing.SampleEvents;
import java.net.URI;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;

/**
 * rolesanywhere.disable-trust-anchor from the sample in events/rolesanywhere, against IAM Roles
 * Anywhere faked at its HTTP edge (no emulator serves it): every request is signed, marshalled
 * and its answer parsed as against AWS.
 */
class DisableTrustAnchorActionTest {

    private static final String ANCHOR = "3f8c2b1e-7d6a-4c5b-9e0f-1a2b3c4d5e6f";
    private static final ActionSpec SPEC = new ActionSpec(DisableTrustAnchorAction.NAME, Map.of());
    private static final CloudTrailEventParser PARSER = new CloudTrailEventParser();

    private final FakeRolesAnywhere service = new FakeRolesAnywhere();
    private final DisableTrustAnchorAction action = new DisableTrustAnchorAction(new RolesAnywhereApi(service,
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")), Region.US_EAST_1,
            URI.create("https://rolesanywhere.us-east-1.amazonaws.com")));

    private static CloudTrailEvent created(Consumer<ObjectNode> edit) {
        return PARSER.parse(SampleEvents.edited("rolesanywhere/create-trust-anchor.json", edit));
    }

    @Test
    void disablesTheCreatedAnchorVerifiesItAndUndoEnablesIt() {
        service.anchor(ANCHOR, "contractor-ca", true);
        ActionPlan plan = action.plan(created(e -> { }), SPEC);

        assertThat(plan.resource()).isEqualTo(FakeRolesAnywhere.arn(ANCHOR));
        assertThat(plan.before().facts()).containsEntry("enabled", "true").containsEntry("name", "contractor-ca");
        action.apply(plan);
        assertThat(service.enabled(ANCHOR)).isFalse();
        assertThat(action.readBack(plan).compliant()).isTrue();

        assertThat(action.undo(UndoFormat.write(plan.undo())).facts()).isEqualTo(plan.before().facts());
        assertThat(service.enabled(ANCHOR)).isTrue();
        assertThat(service.calls()).containsExactly("GET /trustanchor/" + ANCHOR, "POST /trustanchor/" + ANCHOR + "/disable",
                "GET /trustanchor/" + ANCHOR, "GET /trustanchor/" + ANCHOR, "POST /trustanchor/" + ANCHOR + "/enable",
                "GET /trustanchor/" + ANCHOR);
    }

    @Test
    void anAnchorCreatedDisabledIsAlreadyCompliantAndOneDeletedIsGone() {
        service.anchor(ANCHOR, "contractor-ca", false);
        assertThat(action.plan(created(e -> { }), SPEC).changeNeeded()).isFalse();

        FakeRolesAnywhere empty = new FakeRolesAnywhere();
        DisableTrustAnchorAction onNothing = new DisableTrustAnchorAction(new RolesAnywhereApi(empty,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")), Region.US_EAST_1,
                URI.create("https://rolesanywhere.us-east-1.amazonaws.com")));
        assertThat(onNothing.plan(created(e -> { }), SPEC).before().exists()).isFalse();
    }

    @Test
    void anEnabledAnchorIsNamedByTheRequest() {
        service.anchor(ANCHOR, "contractor-ca", true);
        CloudTrailEvent enabled = created(e -> {
            detail(e).put("eventName", "EnableTrustAnchor").putNull("responseElements");
            ((ObjectNode) detail(e).get("requestParameters")).removeAll().put("trustAnchorId", ANCHOR);
        });

        assertThat(action.plan(enabled, SPEC).address()).isEqualTo(ANCHOR);
    }

    @Test
    void readsTheAnchorsTagsForExemptions() {
        service.anchor(ANCHOR, "contractor-ca", true).tag(ANCHOR, "backstop:exempt", "true");

        assertThat(action.tags(action.plan(created(e -> { }), SPEC))).containsEntry("backstop:exempt", "true");
    }

    @Test
    void throttlingIsTransientAsTheSdksIs() {
        service.anchor(ANCHOR, "contractor-ca", true).failNextWith(429);

        assertThatThrownBy(() -> action.plan(created(e -> { }), SPEC)).isInstanceOf(AwsServiceException.class)
                .satisfies(error -> assertThat(AwsErrors.isTransient(error)).isTrue())
                .satisfies(error -> assertThat(AwsErrors.describe(error)).startsWith("ThrottlingException"));
    }

    @Test
    void anEventNamingNoAnchorNamesTheFields() {
        assertThatThrownBy(() -> action.plan(created(e -> detail(e).putNull("responseElements")), SPEC))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("detail.responseElements.trustAnchor.trustAnchorId");
    }
}
