package dev.backstop.action.lambda;

import dev.backstop.catalogue.LambdaParametersModule;
import dagger.Binds;
import dagger.BindsOptionalOf;
import dagger.Module;
import dagger.multibindings.IntoMap;
import dagger.multibindings.IntoSet;
import dagger.multibindings.StringKey;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.EventObserver;
import dev.backstop.config.OwnResources;

/**
 * Binds the Lambda actions (alias rollback; permissions, function URLs and layers that let others
 * in; the self-watch concurrency reset) into the catalogue by name, their parameters ({@link
 * LambdaParametersModule}), and the recorder of the alias history they roll back from into the
 * engine's observers. The client comes from {@link LambdaClientModule} in production and from a
 * fake in unit tests.
 */
@Module(includes = LambdaParametersModule.class)
public abstract class LambdaActionsModule {

    private LambdaActionsModule() {
    }

    @Binds
    @IntoMap
    @StringKey(RollbackAliasAction.NAME)
    abstract RemediationAction rollbackAlias(RollbackAliasAction action);

    @Binds
    @IntoMap
    @StringKey(RemovePermissionAction.NAME)
    abstract RemediationAction removePermission(RemovePermissionAction action);

    @Binds
    @IntoMap
    @StringKey(RequireUrlAuthAction.NAME)
    abstract RemediationAction requireUrlAuth(RequireUrlAuthAction action);

    @Binds
    @IntoMap
    @StringKey(RemoveOutsideLayersAction.NAME)
    abstract RemediationAction removeOutsideLayers(RemoveOutsideLayersAction action);

    @Binds
    @IntoMap
    @StringKey(DeleteFunctionConcurrencyAction.NAME)
    abstract RemediationAction deleteFunctionConcurrency(DeleteFunctionConcurrencyAction action);

    @Binds
    @IntoMap
    @StringKey(RestoreAliasAction.NAME)
    abstract RemediationAction restoreAlias(RestoreAliasAction action);

    /** Backstop's own resources, which the self-watch actions guard; a graph without them guards none. */
    @BindsOptionalOf
    abstract OwnResources ownResources();

    @Binds
    @IntoSet
    abstract EventObserver aliasHistory(LambdaHistoryRecorder recorder);
}
