package dev.backstop.action.cloudtrail;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.backstop.rules.ParamSpec;
import java.util.List;

/**
 * The parameters rules may give each CloudTrail action, under the action's name: in every
 * function's graph (through {@link dev.backstop.action.CatalogueParametersModule}), so each can
 * check the whole rule pack without the CloudTrail actions or their SDK. Declared here, in a
 * class that touches no SDK type, because a function without the CloudTrail SDK on its
 * classpath loads this class too.
 */
@Module
public final class CloudTrailParametersModule {

    private CloudTrailParametersModule() {
    }

    @Provides
    @IntoMap
    @StringKey(StartLoggingAction.NAME)
    static List<ParamSpec> startLoggingParameters() {
        return List.of(); // none: the trail comes from the event
    }
}
