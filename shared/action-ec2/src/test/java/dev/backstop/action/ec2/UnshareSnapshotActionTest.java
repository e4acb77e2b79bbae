package dev.backstop.action.ec2;

import static dev.backstop.testing.SampleEvents.detail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.ResourceState;
import dev.backstop.action.UndoFormat;
import dev.backstop.action.UnshareAction;
import dev.backstop.action.UnshareUndo;
import dev.backstop.catalogue.Ec2ParametersModule;
import dev.backstop.config.TrustedSet;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.event.MalformedEventException;
import dev.backstop.rules.ActionSpec;
import dev.backstop.testing.FakeEc2;
import dev.backstop.testing.FakeEc2Shares;
import dev.backstop.testing.SampleEvents;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/** ec2.unshare-snapshot from the sample in events/ec2, against EC2 faked at its SDK edge. */
class UnshareSnapshotActionTest {

    private static final String SAMPLE = "ec2/modify-snapshot-attribute-share.json";
    private static final String SNAPSHOT = "snap-0a1b2c3d4e5f60789";
    private static final String OUTSIDE = "999988887777";
    private static final String PARTNER = "444455556666";
    private static final ActionSpec SPEC = new ActionSpec(Ec2ParametersModule.UNSHARE_SNAPSHOT, Map.of());
    private static final CloudTrailEventParser PARSER = new CloudTrailEventParser();

    private final FakeEc2Shares ec2 = new FakeEc2Shares();
    private final UnshareAction action = new UnshareAction(Ec2ParametersModule.UNSHARE_SNAPSHOT,
            new SnapshotPermissions(ec2, Region.US_EAST_1), new TrustedSet(Optional.empty(), Set.of(PARTNER)));

    private static CloudTrailEvent event(Consumer<ObjectNode> edit) {
        return PARSER.parse(SampleEvents.edited(SAMPLE, edit));
    }

    private static void addItems(ObjectNode event, String json) {
        try {
            ((ObjectNode) detail(event).with("requestParameters").with("createVolumePermission").with("add"))
                    .set("items", new ObjectMapper().readTree(json));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void removesTheOutsideAccountTheCallAddedAndKeepsEveryOtherPermission() {
        ec2.snapshot(SNAPSHOT, OUTSIDE, PARTNER, "111100002222");
        ActionPlan plan = action.plan(event(e -> { }), SPEC);

        assertThat(plan.resource()).isEqualTo("arn:aws:ec2:us-east-1::snapshot/" + SNAPSHOT);
        assertThat(plan.before().facts()).containsEntry("sharedWith", "111100002222,444455556666,999988887777")
                .containsEntry("outside", OUTSIDE);
        assertThat(plan.changeNeeded()).isTrue();
        assertThat(plan.change()).isEqualTo("ModifySnapshotAttribute on arn:aws:ec2:us-east-1::snapshot/" + SNAPSHOT
                + ": stop sharing the EBS snapshot with " + OUTSIDE);
        assertThat(plan.undo()).isEqualTo(new UnshareUndo("ModifySnapshotAttribute", SNAPSHOT, List.of(OUTSIDE)));

        action.apply(plan);
        ResourceState after = action.readBack(plan);

        assertThat(ec2.calls()).containsExactly("ModifySnapshotAttribute " + SNAPSHOT + " remove [" + OUTSIDE + "]");
        assertThat(ec2.sharedWith(SNAPSHOT)).containsExactlyInAnyOrder(PARTNER, "111100002222");
        assertThat(after.compliant()).isTrue();
        assertThat(after.facts()).containsEntry("outside", "none");
    }

    @Test
    void aSnapshotMadePublicIsMadePrivateAgainAndUndoMakesItPublic() {
        ec2.snapshot(SNAPSHOT, "all");
        ActionPlan plan = action.plan(event(e -> addItems(e, "[{\"group\":\"all\"}]")), SPEC);

        action.apply(plan);
        assertThat(ec2.sharedWith(SNAPSHOT)).isEmpty();
        ResourceState undone = action.undo(UndoFormat.write(plan.undo()));

        assertThat(ec2.calls()).containsExactly("ModifySnapshotAttribute " + SNAPSHOT + " remove [all]",
                "ModifySnapshotAttribute " + SNAPSHOT + " add [all]");
        assertThat(ec2.sharedWith(SNAPSHOT)).containsExactly("all");
        assertThat(undone.facts()).isEqualTo(plan.before().facts());
    }

    @Test
    void aShareWithTrustedAccountsOnlyIsNoMatchForTheRule() {
        assertThat(action.appliesTo(event(e -> addItems(e, "[{\"userId\":\"" + PARTNER + "\"},{\"userId\":\"123456789012\"}]")),
                SPEC)).as("a listed partner and the snapshot's own account").isFalse();
        assertThat(action.appliesTo(event(e -> ((ObjectNode) detail(e).get("requestParameters").get("createVolumePermission"))
                .set("remove", ((ObjectNode) detail(e).get("requestParameters").get("createVolumePermission")).remove("add"))),
                SPEC)).as("a call that only removes").isFalse();
        assertThat(action.appliesTo(event(e -> { }), SPEC)).isTrue();
    }

    @Test
    void aPermissionTakenBackMeanwhileIsAlreadyCompliant() {
        ec2.snapshot(SNAPSHOT, PARTNER);

        ActionPlan plan = action.plan(event(e -> { }), SPEC);

        assertThat(plan.changeNeeded()).isFalse();
        assertThat(plan.undo()).as("nothing to reverse").isNull();
    }

    @Test
    void aDeletedSnapshotIsGone() {
        ActionPlan plan = action.plan(event(e -> { }), SPEC);

        assertThat(plan.before().exists()).isFalse();
        assertThat(plan.changeNeeded()).isFalse();
    }

    @Test
    void undoOfASnapshotDeletedSinceFindsItGone() {
        ec2.snapshot(SNAPSHOT, OUTSIDE);
        ActionPlan plan = action.plan(event(e -> { }), SPEC);
        action.apply(plan);
        ec2.delete(SNAPSHOT);

        assertThat(action.undo(UndoFormat.write(plan.undo())).exists()).isFalse();
    }

    @Test
    void readsTheSnapshotsTagsForExemptions() {
        ec2.snapshot(SNAPSHOT, OUTSIDE).tag(SNAPSHOT, "backstop:exempt", "true");

        assertThat(action.tags(action.plan(event(e -> { }), SPEC))).containsEntry("backstop:exempt", "true");
    }

    @Test
    void anEventWithoutASnapshotIdNamesTheField() {
        assertThatThrownBy(() -> action.plan(event(e -> ((ObjectNode) detail(e).get("requestParameters"))
                .remove("snapshotId")), SPEC))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("detail.requestParameters.snapshotId");
    }

    @Test
    void anAccessDeniedChangeFailsLoudly() {
        ec2.snapshot(SNAPSHOT, OUTSIDE).failNextModifyWith(() -> FakeEc2.error("UnauthorizedOperation", 403));
        ActionPlan plan = action.plan(event(e -> { }), SPEC);

        assertThatThrownBy(() -> action.apply(plan)).isInstanceOf(Ec2Exception.class);
        assertThat(ec2.sharedWith(SNAPSHOT)).containsExactly(OUTSIDE);
    }
}
