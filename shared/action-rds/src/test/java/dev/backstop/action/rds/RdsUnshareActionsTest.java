package dev.backstop.action.rds;

import static dev.backstop.testing.SampleEvents.detail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backstop.action.ActionPlan;
import dev.backstop.action.UndoFormat;
import dev.backstop.action.UnshareAction;
import dev.backstop.catalogue.RdsParametersModule;
import dev.backstop.config.TrustedSet;
import dev.backstop.event.CloudTrailEvent;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.event.MalformedEventException;
import dev.backstop.rules.ActionSpec;
import dev.backstop.testing.FakeRds;
import dev.backstop.testing.SampleEvents;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/** rds.unshare-db-snapshot and rds.unshare-cluster-snapshot from the samples in events/rds, against RDS faked at its SDK edge. */
class RdsUnshareActionsTest {

    private static final String SNAPSHOT = "orders-nightly-2026-11-20";
    private static final String CLUSTER_SNAPSHOT = "ledger-manual-2026-11-20";
    private static final String OUTSIDE = "999988887777";
    private static final String PARTNER = "444455556666";
    private static final TrustedSet TRUSTED = new TrustedSet(Optional.empty(), Set.of(PARTNER));
    private static final CloudTrailEventParser PARSER = new CloudTrailEventParser();

    private final FakeRds rds = new FakeRds();
    private final UnshareAction snapshots = new UnshareAction(RdsParametersModule.UNSHARE_DB_SNAPSHOT,
            new DbSnapshotPermissions(rds, Region.US_EAST_1), TRUSTED);
    private final UnshareAction clusterSnapshots = new UnshareAction(RdsParametersModule.UNSHARE_CLUSTER_SNAPSHOT,
            new ClusterSnapshotPermissions(rds, Region.US_EAST_1), TRUSTED);

    private static CloudTrailEvent shared(Consumer<ObjectNode> edit) {
        return PARSER.parse(SampleEvents.edited("rds/modify-db-snapshot-attribute-share.json", edit));
    }

    private static CloudTrailEvent madePublic() {
        return PARSER.parse(SampleEvents.edited("rds/modify-db-cluster-snapshot-attribute-public.json", e -> { }));
    }

    private static ActionSpec spec(String name) {
        return new ActionSpec(name, Map.of());
    }

    @Test
    void aDbSnapshotSharedWithAnOutsideAccountIsTakenBackAndUndoSharesItAgain() {
        rds.snapshot(SNAPSHOT, OUTSIDE, PARTNER);
        ActionPlan plan = snapshots.plan(shared(e -> { }), spec(RdsParametersModule.UNSHARE_DB_SNAPSHOT));

        assertThat(plan.resource()).isEqualTo("arn:aws:rds:us-east-1:123456789012:snapshot:" + SNAPSHOT);
        assertThat(plan.change()).isEqualTo("ModifyDBSnapshotAttribute on arn:aws:rds:us-east-1:123456789012:snapshot:"
                + SNAPSHOT + ": stop sharing the DB snapshot with " + OUTSIDE);
        snapshots.apply(plan);
        assertThat(rds.restoreBy(SNAPSHOT)).containsExactly(PARTNER);
        assertThat(snapshots.readBack(plan).compliant()).isTrue();

        assertThat(snapshots.undo(UndoFormat.write(plan.undo())).facts()).isEqualTo(plan.before().facts());
        assertThat(rds.calls()).containsExactly("ModifyDBSnapshotAttribute " + SNAPSHOT + " remove [" + OUTSIDE + "]",
                "ModifyDBSnapshotAttribute " + SNAPSHOT + " add [" + OUTSIDE + "]");
    }

    @Test
    void aClusterSnapshotMadePublicIsMadePrivate() {
        rds.clusterSnapshot(CLUSTER_SNAPSHOT, "all", PARTNER);
        ActionPlan plan = clusterSnapshots.plan(madePublic(), spec(RdsParametersModule.UNSHARE_CLUSTER_SNAPSHOT));

        clusterSnapshots.apply(plan);

        assertThat(plan.resource()).isEqualTo("arn:aws:rds:us-east-1:123456789012:cluster-snapshot:" + CLUSTER_SNAPSHOT);
        assertThat(rds.restoreBy(CLUSTER_SNAPSHOT)).containsExactly(PARTNER);
        assertThat(clusterSnapshots.readBack(plan).facts()).containsEntry("outside", "none")
                .containsEntry("sharedWith", PARTNER);
    }

    @Test
    void anotherAttributeOrATrustedAccountIsNoMatch() {
        assertThat(snapshots.appliesTo(shared(e -> request(e).putArray("valuesToAdd").add(PARTNER)),
                spec(RdsParametersModule.UNSHARE_DB_SNAPSHOT))).isFalse();
        assertThat(snapshots.appliesTo(shared(e -> request(e).put("attributeName", "other")),
                spec(RdsParametersModule.UNSHARE_DB_SNAPSHOT))).isFalse();
        assertThat(snapshots.appliesTo(shared(e -> {
            request(e).set("valuesToRemove", request(e).remove("valuesToAdd"));
        }), spec(RdsParametersModule.UNSHARE_DB_SNAPSHOT))).isFalse();
    }

    @Test
    void aSnapshotDeletedSinceIsGoneAndItsTagsAreReadByArn() {
        assertThat(snapshots.plan(shared(e -> { }), spec(RdsParametersModule.UNSHARE_DB_SNAPSHOT)).before().exists())
                .isFalse();
        assertThat(clusterSnapshots.plan(madePublic(), spec(RdsParametersModule.UNSHARE_CLUSTER_SNAPSHOT)).before()
                .exists()).isFalse();

        rds.snapshot(SNAPSHOT, OUTSIDE).tag("arn:aws:rds:us-east-1:123456789012:snapshot:" + SNAPSHOT, "backstop:exempt",
                "true");
        assertThat(snapshots.tags(snapshots.plan(shared(e -> { }), spec(RdsParametersModule.UNSHARE_DB_SNAPSHOT))))
                .containsEntry("backstop:exempt", "true");
    }

    @Test
    void anEventWithoutASnapshotNamesTheField() {
        assertThatThrownBy(() -> snapshots.plan(shared(e -> request(e).remove("dBSnapshotIdentifier")),
                spec(RdsParametersModule.UNSHARE_DB_SNAPSHOT)))
                .isInstanceOf(MalformedEventException.class).hasMessageStartingWith("detail.requestParameters.dBSnapshotIdentifier");
    }

    private static ObjectNode request(ObjectNode event) {
        return (ObjectNode) detail(event).get("requestParameters");
    }
}
