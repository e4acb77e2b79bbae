package dev.backstop.action.cloudtrail;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.backstop.rules.ParamSpec;
import java.util.List;

/**
 * The parameters rules may give the CloudTrail actions, declared here and not on the actions:
 * every function checks rule files against the whole catalogue (through
 * {@link dev.backstop.action.CatalogueParametersModule}), while only the CloudTrail function's
 * artifact holds the CloudTrail SDK, which loading an action class would need.
 */
@Module
public final class CloudTrailParametersModule {

    private CloudTrailParametersModule() {
    }

    /** None: the trail comes from the event. */
    @Provides
    @IntoMap
    @StringKey(StartLoggingAction.NAME)
    static List<ParamSpec> startLoggingParameters() {
        return List.of();
    }
}
