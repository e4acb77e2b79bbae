package dev.backstop.action.ec2;

import static dev.backstop.testing.SampleEvents.detail;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.UndoFormat;
import dev.backstop.action.UnshareAction;
import dev.backstop.action.UnshareUndo;
import dev.backstop.catalogue.Ec2ParametersModule;
import dev.backstop.config.TrustedSet;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.rules.ActionSpec;
import dev.backstop.testing.FakeEc2Shares;
import dev.backstop.testing.SampleEvents;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/** ec2.unshare-image from the sample in events/ec2, against EC2 faked at its SDK edge. */
class UnshareImageActionTest {

    private static final String IMAGE = "ami-0a1b2c3d4e5f60789";
    private static final String OUR_ORG = "arn:aws:organizations::111111111111:organization/o-abcdef1234";
    private static final String OUR_OU = "arn:aws:organizations::111111111111:ou/o-abcdef1234/ou-ab12-cd34ef56";
    private static final String THEIR_ORG = "arn:aws:organizations::222222222222:organization/o-zzzzzz9999";
    private static final ActionSpec SPEC = new ActionSpec(Ec2ParametersModule.UNSHARE_IMAGE, Map.of());
    private static final CloudTrailEventParser PARSER = new CloudTrailEventParser();

    private final FakeEc2Shares ec2 = new FakeEc2Shares();
    private final UnshareAction action = new UnshareAction(Ec2ParametersModule.UNSHARE_IMAGE,
            new ImagePermissions(ec2, Region.US_EAST_1), new TrustedSet(Optional.of("o-abcdef1234"), Set.of()));

    private static CloudTrailEvent event(String items) {
        return PARSER.parse(SampleEvents.edited("ec2/modify-image-attribute-public.json", e -> {
            try {
                ((ObjectNode) detail(e).with("requestParameters").with("launchPermission").with("add"))
                        .set("items", new ObjectMapper().readTree(items));
            } catch (Exception x) {
                throw new IllegalArgumentException(x);
            }
        }));
    }

    @Test
    void aPublicImageIsMadePrivateAndUndoMakesItPublicAgain() {
        ec2.image(IMAGE, "all", OUR_ORG);
        ActionPlan plan = action.plan(PARSER.parse(SampleEvents.edited("ec2/modify-image-attribute-public.json", e -> { })),
                SPEC);

        assertThat(plan.resource()).isEqualTo("arn:aws:ec2:us-east-1::image/" + IMAGE);
        action.apply(plan);
        assertThat(action.readBack(plan).compliant()).isTrue();
        assertThat(ec2.sharedWith(IMAGE)).containsExactly(OUR_ORG);

        assertThat(action.undo(UndoFormat.write(plan.undo())).facts()).isEqualTo(plan.before().facts());
        assertThat(ec2.sharedWith(IMAGE)).containsExactlyInAnyOrder("all", OUR_ORG);
        assertThat(ec2.calls()).containsExactly("ModifyImageAttribute " + IMAGE + " remove [all]",
                "ModifyImageAttribute " + IMAGE + " add [all]");
    }

    @Test
    void theTrustedOrganizationAndItsOusAreNoMatchAnotherOrganizationIs() {
        assertThat(action.appliesTo(event("[{\"organizationArn\":\"" + OUR_ORG + "\"},{\"organizationalUnitArn\":\""
                + OUR_OU + "\"}]"), SPEC)).isFalse();
        assertThat(action.appliesTo(event("[{\"organizationArn\":\"" + THEIR_ORG + "\"}]"), SPEC)).isTrue();
    }

    @Test
    void removesOnlyTheOutsidePermissionsOfACallThatAddedSeveral() {
        ec2.image(IMAGE, "999988887777", THEIR_ORG, OUR_OU);
        ActionPlan plan = action.plan(event("[{\"userId\":\"999988887777\"},{\"organizationArn\":\"" + THEIR_ORG
                + "\"},{\"organizationalUnitArn\":\"" + OUR_OU + "\"}]"), SPEC);

        action.apply(plan);

        assertThat(ec2.sharedWith(IMAGE)).containsExactly(OUR_OU);
        assertThat(plan.undo(UnshareUndo.class).permissions()).containsExactly("999988887777", THEIR_ORG);
    }
}
