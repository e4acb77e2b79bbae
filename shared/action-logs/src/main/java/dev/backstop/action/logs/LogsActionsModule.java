package dev.backstop.action.logs;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoMap;
import dagger.multibindings.IntoSet;
import dagger.multibindings.StringKey;
import dev.backstop.action.EventObserver;
import dev.backstop.action.RemediationAction;
import dev.backstop.catalogue.LogsParametersModule;

/**
 * Binds the CloudWatch Logs action into the catalogue by name, with its parameters
 * ({@link LogsParametersModule}), and the recorder of the retention history it restores from into
 * the engine's observers. Its client comes from {@link LogsClientModule}; which groups are a
 * trail's, from the {@code TrailDestinations} the function's graph binds.
 */
@Module(includes = LogsParametersModule.class)
public abstract class LogsActionsModule {

    private LogsActionsModule() {
    }

    @Binds
    @IntoMap
    @StringKey(RestoreRetentionAction.NAME)
    abstract RemediationAction restoreRetention(RestoreRetentionAction action);

    @Binds
    @IntoSet
    abstract EventObserver retentions(RetentionRecorder recorder);
}
