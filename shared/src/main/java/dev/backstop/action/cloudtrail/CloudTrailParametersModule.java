package dev.backstop.action.cloudtrail;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.backstop.rules.ParamSpec;
import java.util.List;

/**
 * The parameters rules may give each CloudTrail action. Data only, no action and no client, so
 * every function and {@code ./backstop validate} can check rule files for the whole catalogue.
 */
@Module
public final class CloudTrailParametersModule {

    private CloudTrailParametersModule() {
    }

    @Provides
    @IntoMap
    @StringKey(StartLoggingAction.NAME)
    static List<ParamSpec> startLoggingParameters() {
        return StartLoggingAction.PARAMETERS;
    }
}
