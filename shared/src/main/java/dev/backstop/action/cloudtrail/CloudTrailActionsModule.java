package dev.backstop.action.cloudtrail;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.backstop.action.RemediationAction;

/**
 * Binds the CloudTrail actions into the catalogue by name, and beside each one (in
 * {@link CloudTrailParametersModule}) the parameters rules may give it. The parameters need no
 * instance of the action, so rule files can be checked (by the handlers and by
 * {@code ./backstop validate}) without building SDK clients. The actions' client comes from
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
