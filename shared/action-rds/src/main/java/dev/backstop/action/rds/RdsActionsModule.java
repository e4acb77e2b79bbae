package dev.backstop.action.rds;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.UnshareAction;
import dev.backstop.catalogue.RdsParametersModule;
import dev.backstop.config.Settings;

/**
 * Binds the RDS snapshot actions into the catalogue by name, with their parameters
 * ({@link RdsParametersModule}): the core's {@link UnshareAction} on a DB or cluster snapshot's
 * restore attribute, judged against the deployment's trusted set. The client comes from
 * {@link RdsClientModule} in production and from a fake in unit tests.
 */
@Module(includes = RdsParametersModule.class)
public final class RdsActionsModule {

    private RdsActionsModule() {
    }

    @Provides
    @IntoMap
    @StringKey(RdsParametersModule.UNSHARE_DB_SNAPSHOT)
    static RemediationAction unshareDbSnapshot(DbSnapshotPermissions snapshots, Settings settings) {
        return new UnshareAction(RdsParametersModule.UNSHARE_DB_SNAPSHOT, snapshots, settings.trusted());
    }

    @Provides
    @IntoMap
    @StringKey(RdsParametersModule.UNSHARE_CLUSTER_SNAPSHOT)
    static RemediationAction unshareClusterSnapshot(ClusterSnapshotPermissions snapshots, Settings settings) {
        return new UnshareAction(RdsParametersModule.UNSHARE_CLUSTER_SNAPSHOT, snapshots, settings.trusted());
    }
}
