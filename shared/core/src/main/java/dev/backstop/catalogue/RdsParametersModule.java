package dev.backstop.catalogue;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.backstop.rules.ParamSpec;
import java.util.List;

/**
 * The parameters rules may give the RDS actions: none, since who is outside is the deployment's
 * trusted set. Declared here, in a class that touches no SDK type, for every function's check of
 * the whole rule pack; only the RDS function carries the RDS SDK.
 */
@Module
public final class RdsParametersModule {

    public static final String UNSHARE_DB_SNAPSHOT = "rds.unshare-db-snapshot";
    public static final String UNSHARE_CLUSTER_SNAPSHOT = "rds.unshare-cluster-snapshot";

    private RdsParametersModule() {
    }

    @Provides
    @IntoMap
    @StringKey(UNSHARE_DB_SNAPSHOT)
    static List<ParamSpec> unshareDbSnapshotParameters() {
        return List.of();
    }

    @Provides
    @IntoMap
    @StringKey(UNSHARE_CLUSTER_SNAPSHOT)
    static List<ParamSpec> unshareClusterSnapshotParameters() {
        return List.of();
    }
}
