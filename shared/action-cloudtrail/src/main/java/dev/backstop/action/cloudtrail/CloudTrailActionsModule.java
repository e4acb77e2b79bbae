package dev.backstop.action.cloudtrail;

import dev.backstop.catalogue.CloudTrailParametersModule;
import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoMap;
import dagger.multibindings.IntoSet;
import dagger.multibindings.StringKey;
import dev.backstop.action.RemediationAction;
import dev.backstop.action.EventObserver;

/**
 * Binds the CloudTrail actions into the catalogue by name, with their parameters
 * ({@link CloudTrailParametersModule}), and the recorder of the trail snapshots they restore from
 * into the engine's observers. The actions' client comes from
 * {@link CloudTrailClientModule} in production and from a fake in unit tests.
 */
@Module(includes = CloudTrailParametersModule.class)
public abstract class CloudTrailActionsModule {

    private CloudTrailActionsModule() {
    }

    @Binds
    @IntoMap
    @StringKey(StartLoggingAction.NAME)
    abstract RemediationAction startLogging(StartLoggingAction action);

    @Binds
    @IntoMap
    @StringKey(RecreateTrailAction.NAME)
    abstract RemediationAction recreateTrail(RecreateTrailAction action);

    @Binds
    @IntoMap
    @StringKey(RestoreTrailSettingsAction.NAME)
    abstract RemediationAction restoreTrailSettings(RestoreTrailSettingsAction action);

    @Binds
    @IntoMap
    @StringKey(RestoreEventSelectorsAction.NAME)
    abstract RemediationAction restoreEventSelectors(RestoreEventSelectorsAction action);

    @Binds
    @IntoMap
    @StringKey(EnableLogFileValidationAction.NAME)
    abstract RemediationAction enableLogFileValidation(EnableLogFileValidationAction action);

    @Binds
    @IntoSet
    abstract EventObserver trailSnapshots(TrailSnapshotRecorder recorder);
}
