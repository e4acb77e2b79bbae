package dev.backstop.action.rds;

import dev.backstop.action.UnshareAction;
import dev.backstop.action.UnshareUndo;
import dev.backstop.catalogue.RdsParametersModule;
import dev.backstop.config.TrustedSet;
import dev.backstop.event.CloudTrailEventParser;
import dev.backstop.rules.ActionSpec;
import dev.backstop.testing.FakeRds;
import dev.backstop.testing.SampleEvents;
import dev.backstop.testing.UndoGolden;
import dev.backstop.testing.UndoGolden.Applied;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/**
 * The undo data each RDS action stores, against golden files of every version it was stored in
 * (the RDS actions came with version 2), and undone from each.
 */
class UndoPayloadsTest {

    private static final CloudTrailEventParser PARSER = new CloudTrailEventParser();

    @Test
    void unshareDbSnapshotIsUndoneFromVersionTwoOn() {
        UndoGolden.assertEveryVersionIsUndone(RdsParametersModule.UNSHARE_DB_SNAPSHOT, UnshareUndo.FORMAT, 2, () -> {
            FakeRds rds = new FakeRds().snapshot("orders-nightly-2026-11-20", "999988887777", "444455556666");
            var action = new UnshareAction(RdsParametersModule.UNSHARE_DB_SNAPSHOT,
                    new DbSnapshotPermissions(rds, Region.US_EAST_1), new TrustedSet(Optional.empty(), Set.of("444455556666")));
            return Applied.apply(action, action.plan(PARSER.parse(SampleEvents.edited(
                    "rds/modify-db-snapshot-attribute-share.json", e -> { })),
                    new ActionSpec(RdsParametersModule.UNSHARE_DB_SNAPSHOT, Map.of())),
                    () -> rds.restoreBy("orders-nightly-2026-11-20"));
        });
    }

    @Test
    void unshareClusterSnapshotMadePublicIsUndoneFromVersionTwoOn() {
        UndoGolden.assertEveryVersionIsUndone(RdsParametersModule.UNSHARE_CLUSTER_SNAPSHOT, UnshareUndo.FORMAT, 2, () -> {
            FakeRds rds = new FakeRds().clusterSnapshot("ledger-manual-2026-11-20", "all");
            var action = new UnshareAction(RdsParametersModule.UNSHARE_CLUSTER_SNAPSHOT,
                    new ClusterSnapshotPermissions(rds, Region.US_EAST_1), TrustedSet.none());
            return Applied.apply(action, action.plan(PARSER.parse(SampleEvents.edited(
                    "rds/modify-db-cluster-snapshot-attribute-public.json", e -> { })),
                    new ActionSpec(RdsParametersModule.UNSHARE_CLUSTER_SNAPSHOT, Map.of())),
                    () -> rds.restoreBy("ledger-manual-2026-11-20"));
        });
    }
}
