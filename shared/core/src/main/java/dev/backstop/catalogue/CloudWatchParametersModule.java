package dev.backstop.catalogue;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.backstop.rules.ParamSpec;
import java.util.List;

/** The parameters rules may give the alarm actions of this package, for checking rule files everywhere. */
@Module
public final class CloudWatchParametersModule {

    private CloudWatchParametersModule() {
    }

    @Provides
    @IntoMap
    @StringKey("cloudwatch.notify")
    static List<ParamSpec> notifyParameters() {
        return List.of(); // none: the alarm and the changes before it are the message
    }
}
