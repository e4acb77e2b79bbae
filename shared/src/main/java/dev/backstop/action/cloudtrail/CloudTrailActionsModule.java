package dev.backstop.action.cloudtrail;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.backstop.action.RemediationAction;
import dev.backstop.rules.ParamSpec;
import java.util.List;

/**
 * Binds the CloudTrail actions into the catalogue by name, and beside each one the parameters
 * rules may give it. The parameters need no instance of the action, so rule files can be checked
 * (by the handlers and by {@code ./backstop validate}) without building SDK clients. The actions'
 * client comes from {@link CloudTrailClientModule} in production and from a fake in unit tests.
 */
@Module
public abstract class CloudTrailActionsModule {

    private CloudTrailActionsModule() {
    }

    @Binds
    @IntoMap
    @StringKey(StartLoggingAction.NAME)
    abstract RemediationAction startLogging(StartLoggingAction action);

    @Provides
    @IntoMap
    @StringKey(StartLoggingAction.NAME)
    static List<ParamSpec> startLoggingParameters() {
        return StartLoggingAction.PARAMETERS;
    }
}
