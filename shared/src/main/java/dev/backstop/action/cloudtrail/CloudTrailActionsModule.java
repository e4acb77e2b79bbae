package dev.backstop.action.cloudtrail;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.backstop.action.RemediationAction;

/**
 * Binds the CloudTrail actions into the catalogue by name, with their parameters
 * ({@link CloudTrailParametersModule}). The actions' client comes from
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

}
